/**
 * Inspects a stored file in one streaming pass: size, SHA-256, the format detected from its bytes
 * against what the provider declared (format-rule.ts), and that format's structure (pdf-scanner,
 * png-scanner, jpeg-scanner, tiff-scanner, docx-check, legacy-office-check). Never trusts the
 * upload layer: the local S3 emulator enforces no presigned-POST policy, and in AWS the policy
 * covers size only.
 *
 * Memory is bounded whatever the file size: a 64 KiB head buffer, a 128 KiB tail ring buffer and
 * each scanner's small fixed state; the bytes are never collected. MALWARE_DETECTED is not produced
 * here: there is no scanner in this module, and that check belongs behind a port of its own.
 */
import { createHash } from 'node:crypto';
import { LIMITS, type ContentType, type DocumentType } from '../catalog.js';
import { documentIssue, type DocumentIssue } from '../document-issues.js';
import { DOCX_MIME, identifyContent } from './content-identity.js';
import { DocxCheck } from './docx-check.js';
import { HeadBuffer, TailBuffer } from './file-ends.js';
import { decideFormat, type StructureCheck } from './format-rule.js';
import { JpegScanner } from './jpeg-scanner.js';
import { LegacyOfficeCheck } from './legacy-office-check.js';
import { fileMessages } from './messages.js';
import { PdfScanner } from './pdf-scanner.js';
import { PngScanner } from './png-scanner.js';
import type { StructureScanner } from './structure-scanner.js';
import { TiffScanner } from './tiff-scanner.js';

export interface DeclaredFile {
  documentType: DocumentType;
  contentType: ContentType;
  sizeBytes: number;
  sha256: string;
}

export interface InspectionNotes {
  /** A PDF whose cross-references were damaged, accepted because viewers rebuild it from its objects. */
  repaired: boolean;
}

export interface InspectionResult {
  sizeBytes: number;
  sha256: string;
  detectedContentType: string | null;
  issues: DocumentIssue[];
  notes: InspectionNotes;
}

/** Enough for every signature file-type knows and for the first ZIP entry of a DOCX. */
export const HEAD_BYTES = 64 * 1024;
/** Holds a PDF's trailer and a DOCX's central directory (about 1 500 entries, or 700 with a maximal comment). */
export const TAIL_BYTES = 128 * 1024;

const SCANNERS: Record<StructureCheck, () => StructureScanner> = {
  pdf: () => new PdfScanner(),
  png: () => new PngScanner(),
  jpeg: () => new JpegScanner(),
  tiff: () => new TiffScanner(),
  docx: () => new DocxCheck(),
  'legacy-office': () => new LegacyOfficeCheck(),
};

interface Plan {
  detectedContentType: string | null;
  formatIssue: DocumentIssue | null;
  check: StructureCheck | null;
  scanner: StructureScanner | null;
}

/** Decides, from the head alone, whether the format is acceptable and which structure check runs. */
async function planFor(head: Buffer, declared: DeclaredFile): Promise<Plan> {
  const identity = await identifyContent(head, declared.contentType);
  const decision = decideFormat(identity, declared.contentType, declared.documentType);
  const check = decision.check ?? null;
  const scanner = check ? SCANNERS[check]() : null;
  if (scanner && head.length > 0) await scanner.push(head);
  return { detectedContentType: identity.mime, formatIssue: decision.issue ?? null, check, scanner };
}

function asBuffer(piece: Uint8Array): Buffer {
  return Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
}

export async function inspectDocument(body: AsyncIterable<Uint8Array>, declared: DeclaredFile): Promise<InspectionResult> {
  const hash = createHash('sha256');
  const head = new HeadBuffer(HEAD_BYTES);
  // Only bytes from where the declared size says the tail starts are copied (a file of another
  // size is refused for that anyway, and then its structure is judged only if its end was kept).
  const tail = new TailBuffer(TAIL_BYTES, declared.sizeBytes);
  let size = 0;
  let plan: Plan | null = null;

  for await (const piece of body) {
    const chunk = asBuffer(piece);
    hash.update(chunk);
    size += chunk.length;
    tail.push(chunk);
    let rest = chunk;
    if (plan === null) {
      rest = chunk.subarray(head.take(chunk));
      if (!head.isFull) continue;
      plan = await planFor(head.contents(), declared);
      if (!plan.scanner?.readsTail) tail.stopKeeping();
    }
    // Past the size limit the file is refused anyway: stop spending work on its structure.
    if (size > LIMITS.maxFileBytes) plan.scanner = null;
    if (rest.length > 0) await plan.scanner?.push(rest);
  }
  plan ??= await planFor(head.contents(), declared);

  const sha256 = hash.digest('hex');
  if (size === 0) {
    return { sizeBytes: 0, sha256, detectedContentType: null, issues: [documentIssue('EMPTY_FILE', fileMessages.empty())], notes: { repaired: false } };
  }

  const issues: DocumentIssue[] = [];
  if (size > LIMITS.maxFileBytes) issues.push(documentIssue('SIZE_LIMIT_EXCEEDED', fileMessages.tooLarge(size)));
  else if (size !== declared.sizeBytes) issues.push(documentIssue('SIZE_MISMATCH', fileMessages.sizeMismatch(size, declared.sizeBytes)));

  let detectedContentType = plan.detectedContentType;
  if (plan.formatIssue) issues.push(plan.formatIssue);
  const ends = tail.contents();
  if (plan.scanner && ends) {
    const finding = await plan.scanner.finish({ head: head.contents(), ...ends, size });
    if (finding) {
      issues.push(documentIssue(finding.code, finding.message));
      detectedContentType = finding.detectedContentType ?? detectedContentType;
    } else if (plan.check === 'docx') {
      detectedContentType = DOCX_MIME; // a ZIP whose directory proved it a DOCX
    }
  }

  // A size problem already implies a different checksum; otherwise a difference means the stored
  // bytes are not the ones the browser hashed (damaged in transit, or replaced).
  const sizeOk = issues.every((issue) => issue.code !== 'SIZE_LIMIT_EXCEEDED' && issue.code !== 'SIZE_MISMATCH');
  if (sizeOk && sha256 !== declared.sha256.toLowerCase()) {
    issues.push(documentIssue('CHECKSUM_MISMATCH', fileMessages.checksumMismatch()));
  }
  const repaired = issues.length === 0 && plan.scanner?.repaired === true;
  return { sizeBytes: size, sha256, detectedContentType, issues, notes: { repaired } };
}

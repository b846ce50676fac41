/**
 * The upload form's model: one draft per provider. Its File objects live in memory, keyed by
 * card, for the form's checks; `device-store.ts` keeps the draft and the files on this device
 * (IndexedDB) so a reload loses nothing. A card whose file the browser no longer has says so.
 */
import { CATALOG, DOCUMENT_TYPES, FILE_FORMATS, documentTypeSpec, normalizeDetail, type ContentType, type DocumentType } from '../../../src/domain/catalog.js';
import type { CreateDocumentBody, DocumentView, SubmissionView } from '../api/types.js';
import { HEIC_ACCEPT } from './heic.js';

export interface FileMeta {
  name: string;
  size: number;
  /** From the extension (browsers often leave `type` empty for DOCX/TIFF); null if unknown. */
  contentType: ContentType | null;
  /** Set while an iPhone photo (HEIC) is being converted to JPEG. */
  converting?: boolean;
  /** The file she chose was converted (HEIC → JPEG) before upload. */
  convertedFrom?: 'HEIC';
  /** Why the chosen file cannot be used, found while preparing it (e.g. an unreadable photo). */
  problem?: string;
}

export interface DraftDocument {
  key: string;
  documentType: DocumentType;
  issueDate: string;
  expirationDate: string;
  issuingAuthority: string;
  details: Record<string, string>;
  file: FileMeta | null;
  /** A file she chose earlier that this browser no longer has (another device, signed out, or kept too long). */
  lostFile: FileMeta | null;
  /** Why the previous attempt's file was refused (resubmission after REJECTED, or the reviewer's reason). */
  previousIssues: string[];
  /**
   * The document this one replaces (the "Send a replacement" action). Kept with the draft; the
   * create request gains `replacesDocumentId` once the API accepts it (DESIGN §4.2).
   */
  replacesDocumentId?: string;
}

export interface DraftForm {
  documents: DraftDocument[];
  /** The REJECTED submission this draft fixes, if any. */
  origin?: { submissionId: string; referenceNumber: string | null };
  /** The rejected document this draft replaces, if any, and why it was rejected. */
  replacing?: { documentId: string; documentType: DocumentType; fileName: string; referenceNumber: string | null; reason: string | null };
  /** A submission created for this draft whose upload never finished: discarded when she submits again. */
  pendingSubmissionId?: string;
}

const files = new Map<string, File>();

export function rememberFile(key: string, file: File | null): void {
  if (file) files.set(key, file);
  else files.delete(key);
}

export function fileFor(key: string): File | undefined {
  return files.get(key);
}

export function forgetFiles(keys: string[]): void {
  for (const key of keys) files.delete(key);
}

export function newKey(): string {
  return crypto.randomUUID();
}

export function emptyDocument(documentType: DocumentType): DraftDocument {
  return { key: newKey(), documentType, issueDate: '', expirationDate: '', issuingAuthority: '', details: {}, file: null, lostFile: null, previousIssues: [] };
}

export function freshDraft(): DraftForm {
  return { documents: DOCUMENT_TYPES.map(emptyDocument) };
}

export function contentTypeOf(fileName: string): ContentType | null {
  const lower = fileName.toLowerCase();
  for (const [contentType, format] of Object.entries(FILE_FORMATS)) {
    if (format.extensions.some((extension) => lower.endsWith(extension))) return contentType as ContentType;
  }
  return null;
}

export function describeFile(file: File, extra: Partial<FileMeta> = {}): FileMeta {
  return { name: file.name, size: file.size, contentType: contentTypeOf(file.name), ...extra };
}

/** The picker's accept attribute for a type: extensions and media types from the catalog (and iPhone photos where JPEG is taken). */
export function acceptAttribute(type: DocumentType): string {
  const formats = documentTypeSpec(type).formats;
  return [...formats.flatMap((contentType) => [...FILE_FORMATS[contentType].extensions, contentType]), ...(formats.includes('image/jpeg') ? HEIC_ACCEPT : [])].join(',');
}

/** The card's own file against what this browser holds: a card only claims a file it can send. */
export function withHeldFiles(form: DraftForm, held: ReadonlyMap<string, File>): DraftForm {
  return {
    ...form,
    documents: form.documents.map((doc) => {
      const file = held.get(doc.key);
      if (file && doc.file) rememberFile(doc.key, file);
      // A refusal is kept as it was; anything else is claimed only with its bytes.
      if (!doc.file || file || doc.file.problem) return doc;
      return { ...doc, file: null, lostFile: { name: doc.file.name, size: doc.file.size, contentType: doc.file.contentType } };
    }),
  };
}

/**
 * A draft rebuilt from a REJECTED submission: every document's metadata is kept; the files that
 * passed are reused when this device still has them (`sent`, in document order), otherwise she
 * is told to choose them again; the refused ones are cleared with the reason beside them.
 */
export function draftFromRejected(submission: SubmissionView, sent: readonly (File | null)[]): DraftForm {
  const documents = submission.documents.map((doc, index): DraftDocument => {
    const refused = doc.issues.length > 0 || doc.status === 'INVALID';
    const held = refused ? null : (sent[index] ?? null);
    const key = newKey();
    if (held) rememberFile(key, held);
    return {
      key,
      documentType: doc.documentType,
      issueDate: doc.issueDate,
      expirationDate: doc.expirationDate ?? '',
      issuingAuthority: doc.issuingAuthority,
      details: { ...doc.details },
      file: held ? describeFile(held) : null,
      lostFile: held || refused ? null : { name: doc.fileName, size: doc.sizeBytes, contentType: doc.contentType },
      previousIssues: doc.issues.map((issue) => issue.message),
    };
  });
  return { origin: { submissionId: submission.submissionId, referenceNumber: submission.referenceNumber }, documents };
}

/**
 * A draft for replacing one document the credentialing team could not verify: its type and
 * details are filled in (dates too, unless it was rejected as expired), the file is chosen anew.
 */
export function draftForReplacement(submission: SubmissionView, doc: DocumentView): DraftForm {
  const expired = doc.review?.reasonCode === 'EXPIRED';
  return {
    replacing: { documentId: doc.documentId, documentType: doc.documentType, fileName: doc.fileName, referenceNumber: submission.referenceNumber, reason: doc.review?.reason ?? null },
    documents: [
      {
        ...emptyDocument(doc.documentType),
        issueDate: expired ? '' : doc.issueDate,
        expirationDate: expired ? '' : (doc.expirationDate ?? ''),
        issuingAuthority: doc.issuingAuthority,
        details: { ...doc.details },
        replacesDocumentId: doc.documentId,
      },
    ],
  };
}

export function toCreateDocument(doc: DraftDocument, file: File, sha256: string): CreateDocumentBody {
  const spec = CATALOG.find((entry) => entry.type === doc.documentType)!;
  const details: Record<string, string> = {};
  for (const field of spec.fields) {
    const value = normalizeDetail(field.kind, doc.details[field.name] ?? '');
    if (value) details[field.name] = value;
  }
  return {
    documentType: doc.documentType,
    fileName: file.name,
    contentType: contentTypeOf(file.name)!,
    sizeBytes: file.size,
    sha256,
    issueDate: doc.issueDate,
    ...(spec.expiration !== 'none' && doc.expirationDate ? { expirationDate: doc.expirationDate } : {}),
    issuingAuthority: doc.issuingAuthority.trim(),
    details,
  };
}

/** Card headings: the type's label, numbered when there are several of one type. */
export function cardTitles(documents: Pick<DraftDocument, 'documentType'>[]): string[] {
  return documents.map((doc, index) => {
    const label = documentTypeSpec(doc.documentType).label;
    const same = documents.filter((other) => other.documentType === doc.documentType).length;
    const position = documents.slice(0, index + 1).filter((other) => other.documentType === doc.documentType).length;
    return same > 1 ? `${label} ${position}` : label;
  });
}

/**
 * The verdict on a scanned PDF, from what pdf-structure.ts remembered and the file's ends.
 *
 *   needs a password to open                              → ENCRYPTED_FILE
 *   no `%PDF-` header in the first 1 024 bytes, object
 *   streams we cannot read, data appended after the end   → CORRUPT_FILE
 *   scripts, launch actions, attachments, rich media, XFA → ACTIVE_CONTENT
 *   no page                                               → CORRUPT_FILE ("no pages")
 *   cross-references and trailer in order                 → sound
 *   otherwise, a trailer naming a /Root, a catalog, a
 *   page tree and a page found by scanning (as viewers
 *   rebuild a damaged file)                               → accepted, noted as repaired
 *   otherwise                                             → CORRUPT_FILE
 */
import type { FileEnds, StructureFinding } from './structure-scanner.js';
import { corrupt } from './structure-scanner.js';
import { decryptStream, fileKeyForEmptyPassword } from './pdf-encryption.js';
import { readObjectStreamSync } from './pdf-object-stream.js';
import type { PdfStructure } from './pdf-structure.js';
import { fileMessages } from './messages.js';

/** Readers look for the header in the first 1 024 bytes, and for `%%EOF` in the last 1 024. */
export const HEADER_WINDOW = 1024;
const EOF_WINDOW = 1024;
const HEADER = Buffer.from('%PDF-', 'latin1');
const FINAL_STARTXREF = /startxref[\0\t\n\f\r ]+([0-9]{1,10})[\0\t\n\f\r ]+%%EOF/g;

export interface PdfVerdict {
  finding: StructureFinding | null;
  repaired: boolean;
}

/** Where `%PDF-1.x` starts, if within the first 1 024 bytes; -1 otherwise. */
export function headerOffset(head: Buffer): number {
  const at = head.subarray(0, HEADER_WINDOW + 8).indexOf(HEADER);
  if (at < 0 || at > HEADER_WINDOW) return -1;
  return /^%PDF-[12]\.[0-9]/.test(head.toString('latin1', at, at + 8)) ? at : -1;
}

export function judgePdf(structure: PdfStructure, ends: FileEnds): PdfVerdict {
  const refuse = (finding: StructureFinding): PdfVerdict => ({ finding, repaired: false });
  const header = headerOffset(ends.head);
  if (header < 0) return refuse(corrupt(fileMessages.pdfDamaged()));

  if (structure.encryptObject >= 0 || structure.encryptInline) {
    const dictionary = structure.encryptionCandidates.get(structure.encryptObject);
    const key = dictionary && !structure.encryptInline ? fileKeyForEmptyPassword(dictionary, structure.id0) : null;
    if (!dictionary || !key) return refuse({ code: 'ENCRYPTED_FILE', message: fileMessages.pdfEncrypted() });
    for (const pending of structure.pendingObjectStreams.splice(0)) {
      const readable = decryptStream(dictionary, key, pending.objectNumber, pending.generation, pending.raw)
        .map((plain) => readObjectStreamSync(plain, structure.budgetLeft))
        .find((read) => !read.failed);
      if (!readable || readable.exhausted) structure.objectStreamsUnreadable = true;
      else structure.merge(readable.objects);
    }
  } else if (structure.objectStreamFailed) {
    structure.objectStreamsUnreadable = true;
  }
  if (structure.objectStreamsUnreadable) return refuse(corrupt(fileMessages.pdfDamaged()));
  if (appendedBytes(structure, ends) > EOF_WINDOW) return refuse(corrupt(fileMessages.pdfDamaged()));
  if (structure.activeContent) return refuse({ code: 'ACTIVE_CONTENT', message: fileMessages.pdfActiveContent() });
  if (!structure.seen.page) return refuse(corrupt(fileMessages.pdfNoPages()));

  const sound = structure.rootSeen && !structure.truncated && structure.lengthsWrong === 0 && startxrefIsValid(structure, ends, header);
  if (sound) return { finding: null, repaired: false };
  const rebuildable = structure.rootSeen && structure.seen.catalog && structure.seen.pages;
  return rebuildable ? { finding: null, repaired: true } : refuse(corrupt(fileMessages.pdfDamaged()));
}

/** Bytes after both the last `%%EOF` and the last object: how polyglots hide a second file. */
function appendedBytes(structure: PdfStructure, { tail, tailOffset, size }: FileEnds): number {
  const eof = tail.lastIndexOf('%%EOF');
  const eofEnd = eof >= 0 ? tailOffset + eof + 5 : 0;
  return size - Math.max(eofEnd, structure.structureEnd);
}

/** `startxref N %%EOF` at the end, with N the start of a cross-reference section we saw. */
function startxrefIsValid(structure: PdfStructure, { tail, tailOffset, size }: FileEnds, header: number): boolean {
  const from = Math.max(0, tail.length - EOF_WINDOW * 2);
  const text = tail.toString('latin1', from);
  let last: RegExpExecArray | null = null;
  for (const match of text.matchAll(FINAL_STARTXREF)) last = match;
  if (!last?.[1]) return false;
  const eofEnd = tailOffset + from + last.index + last[0].length;
  if (size - eofEnd > EOF_WINDOW) return false;
  const offset = Number(last[1]);
  // Offsets count from the header; tolerate a few bytes of line-ending slack before the keyword.
  for (let slack = 0; slack <= 4; slack += 1) {
    if (structure.sections.has(offset + slack) || structure.sections.has(offset + header + slack)) return true;
  }
  return false;
}

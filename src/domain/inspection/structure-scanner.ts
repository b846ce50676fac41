/**
 * The contract between the single streaming pass and the per-format structure checks (PDF, PNG,
 * JPEG, TIFF, DOCX, legacy Office). A scanner sees every byte once, in order, from offset 0, and
 * must keep only a bounded amount of it; at the end it also gets bounded copies of the file's ends.
 */
import type { DocumentIssueCode } from '../document-issues.js';

/** The codes a structure check may produce; the identity codes come from format-rule.ts. */
export type StructureIssueCode = Extract<DocumentIssueCode, 'CORRUPT_FILE' | 'ENCRYPTED_FILE' | 'UNSUPPORTED_FORMAT' | 'ACTIVE_CONTENT'>;

export interface StructureFinding {
  code: StructureIssueCode;
  message: string;
  /** When the check learned what the file really is (a ZIP that turns out to be a .docm). */
  detectedContentType?: string;
}

export interface FileEnds {
  /** The first bytes of the file (at most HEAD_BYTES). */
  head: Buffer;
  /** The last bytes of the file (at most TAIL_BYTES); `tailOffset` is where they start. */
  tail: Buffer;
  tailOffset: number;
  size: number;
}

export interface StructureScanner {
  /** Whether `finish` reads `ends.tail`; when not, the file's end is never copied. */
  readonly readsTail: boolean;
  /** Called with consecutive slices of the file; may await (PDF object streams are inflated). */
  push(chunk: Buffer): void | Promise<void>;
  /** Called once after the last byte. `null` means the structure is sound. */
  finish(ends: FileEnds): StructureFinding | null | Promise<StructureFinding | null>;
  /** After `finish`: the file was damaged in a way viewers repair (PDF cross-references). */
  readonly repaired?: boolean;
}

export function corrupt(message: string): StructureFinding {
  return { code: 'CORRUPT_FILE', message };
}

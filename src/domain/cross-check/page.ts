import type { FieldStatus } from '../../contract/cross-check.js';

/** A page of a document as read: its text, how it was read, and whether anything legible was on it. */
export interface ReadPage {
  text: string;
  /** OCR misreads characters, so OCR'd text gets more benefit of the doubt before a MISMATCH. */
  method: 'text-layer' | 'ocr' | 'docx';
  /** False when the page could not be read (blank, illegible, too large, or out of time). */
  readable: boolean;
}


/** What one matcher concluded, with what it read where it read something relevant. */
export interface FieldOutcome {
  status: FieldStatus;
  found?: string;
}

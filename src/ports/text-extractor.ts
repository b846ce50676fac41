import type { ContentType } from '../domain/catalog.js';
import type { ReadPage } from '../domain/cross-check/page.js';

export interface DocumentText {
  /** The pages read, first ones first (a bounded number of them). */
  pages: ReadPage[];
  /** How many pages the document has, read or not. */
  pageCount: number;
}

/**
 * Reads the text of a stored document: a PDF's text layer, OCR of scans and photos, a Word
 * document's paragraphs. Never throws for a file it cannot read: such pages come back unreadable.
 */
export interface TextExtractor {
  extract(bytes: Uint8Array, contentType: ContentType): Promise<DocumentText>;
}

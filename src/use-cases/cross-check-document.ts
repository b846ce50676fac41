import type { ContentType } from '../domain/catalog.js';
import { crossCheck, type CrossCheck, type ExpectedValue } from '../domain/cross-check/cross-check.js';
import type { TextExtractor } from '../ports/text-extractor.js';

/**
 * Reads a document's text and compares it with what the provider typed. The workflow step that
 * stores the result on the document (phase 2) wraps this; it never fails a submission.
 */
export async function crossCheckDocument(
  deps: { extractor: TextExtractor },
  bytes: Uint8Array,
  contentType: ContentType,
  expected: readonly ExpectedValue[],
): Promise<CrossCheck> {
  const text = await deps.extractor.extract(bytes, contentType);
  return crossCheck(expected, text.pages);
}

/**
 * The smallest Lambda-shaped entry that uses the cross-check adapters, bundled by the packaging
 * test and `npm run package:crosscheck` exactly as the workflow step will be: the extractor at
 * module scope (one warm OCR worker per container), the document passed in the event.
 */
import type { ContentType } from '../src/domain/catalog.js';
import type { ExpectedValue } from '../src/domain/cross-check/cross-check.js';
import { DocumentTextExtractor } from '../src/adapters/text-extraction/document-text-extractor.js';
import { crossCheckDocument } from '../src/use-cases/cross-check-document.js';

const extractor = new DocumentTextExtractor();

export async function handler(event: { documentBase64: string; contentType: ContentType; expected: ExpectedValue[] }) {
  return crossCheckDocument({ extractor }, Buffer.from(event.documentBase64, 'base64'), event.contentType, event.expected);
}

/** Lets a one-shot process exit (a Lambda container keeps the worker). */
export function shutdown(): Promise<void> {
  return extractor.close();
}

import { DocumentTextExtractor } from '../../../adapters/text-extraction/document-text-extractor.js';
import { once } from './once.js';

/** One extractor per container: its OCR worker stays warm between documents. */
export const textExtractor = once(() => new DocumentTextExtractor());

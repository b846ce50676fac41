import type { ReadPage } from '../../domain/cross-check/page.js';
import type { OcrEngine } from './tesseract-ocr.js';

/** Bounds on the work one document may cost. */
export interface ExtractionLimits {
  /** Only the first pages are read: the facts we check are on the first page or two. */
  maxPages: number;
  /** Fewer letters and digits than this in a PDF page's text layer means it is a scan. */
  minTextLayerChars: number;
  /**
   * Under this many, the text layer may be a stamp on a scan (a fax header, a scanner app's page
   * number): the page's large images are OCR'd too.
   */
  maxStampChars: number;
  /** Images larger than this are not decoded or OCR'd (memory); their page is unreadable. */
  maxOcrPixels: number;
  /** OCR the largest images of a scanned PDF page, at most this many. */
  maxImagesPerPage: number;
  /** An OCR result below this mean confidence, or with fewer characters than below, is noise. */
  minOcrConfidence: number;
  minOcrChars: number;
}

export const DEFAULT_LIMITS: ExtractionLimits = {
  maxPages: 3,
  minTextLayerChars: 16,
  maxStampChars: 200,
  maxOcrPixels: 40_000_000,
  maxImagesPerPage: 2,
  minOcrConfidence: 45,
  minOcrChars: 12,
};

export async function ocrPage(ocr: OcrEngine, image: Uint8Array, limits: ExtractionLimits, dpi?: number): Promise<ReadPage> {
  const read = await ocr.recognize(image, dpi === undefined ? {} : { dpi });
  if (!read) return { text: '', method: 'ocr', readable: false };
  const characters = read.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return { text: read.text, method: 'ocr', readable: read.confidence >= limits.minOcrConfidence && characters >= limits.minOcrChars };
}

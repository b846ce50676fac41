/**
 * The TextExtractor: PDFs through pdf.js (text layer, OCR for scanned pages), images through
 * OCR, Word documents through their XML. Bounded: the first pages only, a time limit per OCR'd
 * image (past it the page is unreadable), images over a pixel budget are not decoded.
 */
import { imageSize } from 'image-size';
import type { ContentType } from '../../domain/catalog.js';
import type { DocumentText, TextExtractor } from '../../ports/text-extractor.js';
import { docxText } from './docx-text.js';
import { DEFAULT_LIMITS, ocrPage, type ExtractionLimits } from './limits.js';
import { readPdf } from './pdf-text.js';
import { TesseractOcr, type OcrEngine } from './tesseract-ocr.js';

const unreadable = (): DocumentText => ({ pages: [{ text: '', method: 'ocr', readable: false }], pageCount: 1 });

export class DocumentTextExtractor implements TextExtractor {
  constructor(
    private readonly ocr: OcrEngine = new TesseractOcr(),
    private readonly limits: ExtractionLimits = DEFAULT_LIMITS,
  ) {}

  async extract(bytes: Uint8Array, contentType: ContentType): Promise<DocumentText> {
    switch (contentType) {
      case 'application/pdf':
        return readPdf(bytes, this.ocr, this.limits);
      case 'image/jpeg':
      case 'image/png':
      case 'image/tiff':
        return this.readImage(bytes);
      case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
        const text = docxText(bytes);
        return text === null ? unreadable() : { pages: [{ text, method: 'docx', readable: /[\p{L}\p{N}]/u.test(text) }], pageCount: 1 };
      }
    }
  }

  /** Releases the OCR worker (tests and scripts; a Lambda container keeps it warm). */
  close(): Promise<void> {
    return this.ocr.close();
  }

  private async readImage(bytes: Uint8Array): Promise<DocumentText> {
    let pixels: number;
    try {
      const { width, height } = imageSize(bytes);
      pixels = width * height;
    } catch {
      return unreadable();
    }
    if (pixels > this.limits.maxOcrPixels) return unreadable();
    return { pages: [await ocrPage(this.ocr, bytes, this.limits)], pageCount: 1 };
  }
}

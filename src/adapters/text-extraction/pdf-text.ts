/**
 * A PDF's text with pdf.js: the text layer of each page, and for a page without one (a scan)
 * OCR of the images painted on it. pdf.js decodes every image filter it supports (DCT, Flate,
 * CCITT, JBIG2, JPX) into pixels, so scans need no canvas and no native code; we hand the pixels
 * to the OCR engine as a PGM. pdf.js is loaded with `isEvalSupported: false` (CVE-2024-4367).
 */
import path from 'node:path';
import DOMMatrixShim from '@thednp/dommatrix';
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ReadPage } from '../../domain/cross-check/page.js';
import type { DocumentText } from '../../ports/text-extractor.js';
import { toPgm, type DecodedImage } from './pixels.js';
import { importModule, packageDirectory, resolveModuleFile } from './runtime-modules.js';
import type { OcrEngine } from './tesseract-ocr.js';
import { ocrPage, type ExtractionLimits } from './limits.js';

type PdfjsModule = typeof Pdfjs;
type PdfPage = Pdfjs.PDFPageProxy;

let pdfjsModule: Promise<PdfjsModule> | null = null;
function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsModule ??= (async () => {
    // pdf.js builds a DOMMatrix when it loads. In Node it borrows one from @napi-rs/canvas, a
    // 30 MB native module we do not ship (we never render); a pure-JS DOMMatrix stands in.
    globalThis.DOMMatrix ??= DOMMatrixShim as unknown as typeof DOMMatrix;
    const pdfjs = await importModule<PdfjsModule>('pdfjs-dist/legacy/build/pdf.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = resolveModuleFile('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return pdfjs;
  })();
  return pdfjsModule;
}

export async function readPdf(bytes: Uint8Array, ocr: OcrEngine, limits: ExtractionLimits): Promise<DocumentText> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdf.js takes ownership of the buffer it is given
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    maxImageSize: limits.maxOcrPixels,
    wasmUrl: `${path.join(packageDirectory('pdfjs-dist'), 'wasm')}/`,
    verbosity: 0,
  });
  const pages: ReadPage[] = [];
  try {
    const pdf = await task.promise;
    for (let number = 1; number <= Math.min(pdf.numPages, limits.maxPages); number += 1) {
      const page = await pdf.getPage(number);
      pages.push(await readPage(page, ocr, limits));
      page.cleanup();
    }
    return { pages, pageCount: pdf.numPages };
  } catch {
    // Validation already parsed the file; what pdf.js cannot read counts as unreadable.
    return { pages, pageCount: pages.length };
  } finally {
    await task.destroy();
  }
}

async function readPage(page: PdfPage, ocr: OcrEngine, limits: ExtractionLimits): Promise<ReadPage> {
  const text = await textLayer(page);
  const characters = countAlphanumerics(text);
  if (characters >= limits.maxStampChars) return { text, method: 'text-layer', readable: true };
  const scanned = await ocrScannedPage(page, ocr, limits);
  if (characters < limits.minTextLayerChars) return scanned;
  // A stamp on a scan: both texts, judged with OCR's benefit of the doubt when the scan was read.
  return scanned.readable ? { text: `${text}\n${scanned.text}`, method: 'ocr', readable: true } : { text, method: 'text-layer', readable: true };
}

async function textLayer(page: PdfPage): Promise<string> {
  const content = await page.getTextContent();
  let text = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    text += item.str + (item.hasEOL ? '\n' : ' ');
  }
  return text;
}

function countAlphanumerics(text: string): number {
  return text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
}

async function ocrScannedPage(page: PdfPage, ocr: OcrEngine, limits: ExtractionLimits): Promise<ReadPage> {
  const images = await paintedImages(page);
  const viewport = page.getViewport({ scale: 1 });
  const texts: string[] = [];
  let readable = false;
  for (const image of images.slice(0, limits.maxImagesPerPage)) {
    // Resolution of the scan as placed on the page (72 PDF units per inch).
    const dpi = Math.max(image.width / (viewport.width / 72), image.height / (viewport.height / 72));
    const read = await ocrPage(ocr, toPgm(image), limits, dpi);
    texts.push(read.text);
    readable ||= read.readable;
  }
  return { text: texts.join('\n'), method: 'ocr', readable };
}

/** The page's raster images, largest first, skipping small ones (logos, signatures). */
async function paintedImages(page: PdfPage): Promise<DecodedImage[]> {
  const { OPS } = await loadPdfjs();
  const operators = await page.getOperatorList();
  const images: DecodedImage[] = [];
  for (let i = 0; i < operators.fnArray.length; i += 1) {
    const op = operators.fnArray[i];
    const args = operators.argsArray[i] as unknown[];
    let image: unknown;
    if (op === OPS.paintImageXObject) image = await resolvedObject(page, args[0] as string);
    else if (op === OPS.paintInlineImageXObject) image = args[0];
    else continue;
    if (isDecodedImage(image) && image.width * image.height >= 200_000) images.push(image);
  }
  return images.sort((a, b) => b.width * b.height - a.width * a.height);
}

function resolvedObject(page: PdfPage, name: string): Promise<unknown> {
  const objects = name.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => objects.get(name, resolve));
}

function isDecodedImage(value: unknown): value is DecodedImage {
  const image = value as Partial<DecodedImage> | null;
  return !!image && typeof image.width === 'number' && typeof image.height === 'number' && ArrayBuffer.isView(image.data);
}

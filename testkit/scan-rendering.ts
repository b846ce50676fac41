/**
 * Turns a typed PDF into what a scanner or a phone makes of it: pdf.js renders page 1 onto an
 * @napi-rs/canvas (prebuilt Skia; glyphs from pdf.js's bundled standard fonts, so no system font
 * is needed), then seeded degradations — skew, uneven lighting, sensor noise, blur — and an
 * encoding (PNG, JPEG, greyscale TIFF, or a JPEG inside an image-only PDF). Same seed, same bytes.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { makeGreyPng, makeTiff, seededRandom } from './files.js';

const STANDARD_FONTS = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

export interface Degradation {
  /** Rotation in degrees. */
  skewDegrees?: number;
  /** 0–1: how much darker the far corner is than the lit one (a phone photo under a lamp). */
  unevenLight?: number;
  /** Standard deviation of per-pixel noise, in grey levels. */
  noise?: number;
  /** Gaussian blur radius in pixels. */
  blur?: number;
}

export type ScanEncoding = 'png' | 'jpeg' | 'tiff' | 'pdf';

export async function renderPage(pdfBytes: Uint8Array, dpi: number): Promise<Canvas> {
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(pdfBytes), isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS, verbosity: 0 }).promise;
  try {
    const page = await pdf.getPage(1);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    return canvas;
  } finally {
    await pdf.destroy();
  }
}

export function degrade(source: Canvas, seed: number, { skewDegrees = 0, unevenLight = 0, noise = 0, blur = 0 }: Degradation): Canvas {
  const random = seededRandom(seed);
  const canvas = createCanvas(source.width, source.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.save();
  context.translate(canvas.width / 2, canvas.height / 2);
  context.rotate((skewDegrees * Math.PI) / 180);
  if (blur > 0) context.filter = `blur(${blur}px)`;
  context.drawImage(source, -source.width / 2, -source.height / 2);
  context.restore();
  context.filter = 'none';
  if (unevenLight > 0) {
    const [x, y] = [canvas.width * (0.2 + 0.3 * random()), canvas.height * (0.15 + 0.2 * random())];
    const light = context.createRadialGradient(x, y, canvas.width * 0.1, x, y, Math.hypot(canvas.width, canvas.height));
    const shade = Math.round(255 * (1 - unevenLight));
    light.addColorStop(0, 'rgb(255,253,245)');
    light.addColorStop(1, `rgb(${shade},${shade},${Math.round(shade * 0.95)})`);
    context.globalCompositeOperation = 'multiply';
    context.fillStyle = light;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.globalCompositeOperation = 'source-over';
  }
  if (noise > 0) {
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const data = image.data;
    for (let i = 0; i < data.length; i += 4) {
      // Sum of three uniforms: roughly normal, cheap.
      const delta = (random() + random() + random() - 1.5) * 2 * noise;
      for (let c = 0; c < 3; c += 1) data[i + c] = Math.max(0, Math.min(255, data[i + c]! + delta));
    }
    context.putImageData(image, 0, 0);
  }
  return canvas;
}

/** Scanners save documents in grey: a third of the bytes of colour, under the 10 MiB limit at 300 dpi. */
function greyPixels(canvas: Canvas): Uint8Array {
  const rgba = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const grey = new Uint8Array(canvas.width * canvas.height);
  for (let i = 0; i < grey.length; i += 1) grey[i] = (rgba[i * 4]! * 299 + rgba[i * 4 + 1]! * 587 + rgba[i * 4 + 2]! * 114) / 1000;
  return grey;
}

/** `stamp`: a line of real text over a scanned PDF, as a fax machine or scanner app adds. */
export async function encodeScan(canvas: Canvas, encoding: ScanEncoding, dpi: number, stamp?: string): Promise<Uint8Array> {
  switch (encoding) {
    case 'png':
      return makeGreyPng(canvas.width, canvas.height, greyPixels(canvas));
    case 'jpeg':
      return canvas.encode('jpeg', 82);
    case 'tiff':
      return makeTiff(canvas.width, canvas.height, { pixels: greyPixels(canvas) });
    case 'pdf': {
      const doc = await PDFDocument.create({ updateMetadata: false });
      const image = await doc.embedJpg(await canvas.encode('jpeg', 82));
      const [width, height] = [(canvas.width / dpi) * 72, (canvas.height / dpi) * 72];
      const page = doc.addPage([width, height]);
      page.drawImage(image, { x: 0, y: 0, width, height });
      if (stamp) page.drawText(stamp, { x: 24, y: height - 16, size: 8, font: await doc.embedFont(StandardFonts.Courier) });
      return doc.save({ useObjectStreams: false });
    }
  }
}

/**
 * Realistic large files for the validation bench and size tests: what scanners, word processors
 * and phones actually produce, at a chosen size. A scanned PDF is a few big image streams; a
 * text-heavy PDF is thousands of small compressed content streams, fonts and link annotations; a
 * PDF 1.7 keeps its dictionaries in object streams; a scanned PNG uses libpng's 8 KiB IDAT chunks.
 */
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { makeTiff, makeZipFrom, docxParts, noise, pngChunk, pngHeader, seededRandom as random } from './files.js';
import { PdfWriter, type PdfLayout } from './pdf-writer.js';

const LETTER = '/MediaBox [0 0 612 792]';

/** A greyscale "scanned page": white paper with sensor noise and dark text-like bars. */
function scanPixels(width: number, height: number, seed: number): Buffer {
  const next = random(seed);
  const pixels = Buffer.alloc(width * height);
  for (let y = 0; y < height; y += 1) {
    const textLine = y % 40 > 8 && y % 40 < 24 && y > height * 0.1 && y < height * 0.9;
    for (let x = 0; x < width; x += 1) {
      const ink = textLine && x > width * 0.1 && x < width * 0.9 && ((x >> 3) + (y >> 5)) % 7 !== 0 && next() < 0.55;
      pixels[y * width + x] = ink ? 30 + Math.floor(next() * 40) : 235 + Math.floor(next() * 20);
    }
  }
  return pixels;
}

/** A real JPEG (jpeg-js) of a scanned page, RGB like a colour scanner's output. */
export function scannedPageJpeg(width: number, height: number, seed = 1, quality = 85): Buffer {
  const grey = scanPixels(width, height, seed);
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < grey.length; i += 1) rgba.set([grey[i]!, grey[i]!, Math.max(0, grey[i]! - 8), 255], i * 4);
  return Buffer.from(jpeg.encode({ data: rgba, width, height }, quality).data);
}

/** The largest `build(n)` not longer than `bytes` (build grows with n; n ≥ 1). */
function fit(bytes: number, build: (n: number) => Buffer): Buffer {
  const small = build(1);
  const larger = build(3);
  const perUnit = Math.max(1, (larger.length - small.length) / 2);
  let n = Math.max(1, Math.floor((bytes - small.length) / perUnit) + 1);
  let file = build(n);
  while (file.length > bytes && n > 1) file = build((n -= Math.max(1, Math.ceil((file.length - bytes) / perUnit))));
  return file;
}

/** A scanned document: one DCT image per page (a real JPEG), a tiny content stream drawing it. */
export function makeScannedPdf(bytes: number, layout: PdfLayout = {}): Buffer {
  const page = scannedPageJpeg(1275, 1650, 7); // letter at 150 dpi, ~0.5–0.9 MB
  return fit(bytes, (pages) => {
    const writer = new PdfWriter();
    const catalog = writer.reserve();
    const tree = writer.reserve();
    const kids: number[] = [];
    for (let i = 0; i < pages; i += 1) {
      const image = writer.add({ dictionary: '<< /Type /XObject /Subtype /Image /Width 1275 /Height 1650 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode >>', stream: page });
      const content = writer.add({ dictionary: '<< >>', stream: Buffer.from('q 612 0 0 792 0 0 cm /Im0 Do Q\n') });
      kids.push(writer.add({ dictionary: `<< /Type /Page /Parent ${tree} 0 R ${LETTER} /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${content} 0 R >>` }));
    }
    writer.set(catalog, { dictionary: `<< /Type /Catalog /Pages ${tree} 0 R >>` });
    writer.set(tree, { dictionary: `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${pages} >>` });
    const info = writer.add({ dictionary: '<< /Producer (Scanner firmware 2.1) /CreationDate (D:20260301090000-05\'00\') >>' });
    return writer.write(`/Root ${catalog} 0 R /Info ${info} 0 R /ID [<0011223344556677> <0011223344556677>]`, layout);
  });
}

const WORDS = 'board certified internal medicine residency fellowship attending physician hospital privileges license renewal continuing education credits published research clinical trials patient outcomes quality improvement committee'.split(' ');

const textPages: Buffer[] = [];
/** Page `index` of typeset text as a compressed content stream (the operators word processors emit). */
function textPage(index: number): Buffer {
  for (let i = textPages.length; i <= index; i += 1) textPages.push(deflateSync(typesetText(random(1000 + i))));
  return textPages[index]!;
}

function typesetText(next: () => number): string {
  const lines: string[] = ['BT /F1 10 Tf 12 TL 72 740 Td'];
  for (let line = 0; line < 55; line += 1) {
    const words = Array.from({ length: 11 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
    lines.push(next() < 0.2 ? `[(${words.slice(0, 30)}) -250 (${words.slice(30)})] TJ T*` : `(${words}) Tj T*`);
  }
  lines.push('ET');
  return lines.join('\n');
}

/** A text-heavy document (a long CV with publications): many compressed content streams, embedded fonts, links. */
export function makeTextHeavyPdf(bytes: number, layout: PdfLayout = {}): Buffer {
  return fit(bytes, (units) => {
    const writer = new PdfWriter();
    const catalog = writer.reserve();
    const tree = writer.reserve();
    const fonts = ['Helvetica', 'Times-Roman', 'Courier'].map((name, i) => {
      const file = writer.add({ dictionary: `<< /Length1 ${40_000 + i} /Filter /FlateDecode >>`, stream: noise(40_000 + i * 1000) });
      const descriptor = writer.add({ dictionary: `<< /Type /FontDescriptor /FontName /${name} /Flags 32 /FontBBox [-166 -225 1000 931] /ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 /StemV 88 /FontFile2 ${file} 0 R >>` });
      return writer.add({ dictionary: `<< /Type /Font /Subtype /TrueType /BaseFont /${name} /FirstChar 32 /LastChar 126 /FontDescriptor ${descriptor} 0 R /Encoding /WinAnsiEncoding >>` });
    });
    const kids: number[] = [];
    for (let i = 0; i < units * 8; i += 1) {
      const content = writer.add({ dictionary: '<< /Filter /FlateDecode >>', stream: textPage(i) });
      const link = writer.add({ dictionary: `<< /Type /Annot /Subtype /Link /Rect [72 ${100 + (i % 50)} 300 ${112 + (i % 50)}] /Border [0 0 0] /A << /S /URI /URI (https://pubmed.example.org/articles/${i}) >> >>` });
      kids.push(writer.add({ dictionary: `<< /Type /Page /Parent ${tree} 0 R ${LETTER} /Resources << /Font << /F1 ${fonts[0]} 0 R /F2 ${fonts[1]} 0 R /F3 ${fonts[2]} 0 R >> /ProcSet [/PDF /Text] >> /Contents ${content} 0 R /Annots [${link} 0 R] >>` }));
    }
    writer.set(catalog, { dictionary: `<< /Type /Catalog /Pages ${tree} 0 R /PageLayout /OneColumn >>` });
    writer.set(tree, { dictionary: `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>` });
    const info = writer.add({ dictionary: '<< /Title (Curriculum Vitae) /Author (Emily Johnson, MD) /Producer (Word processor PDF export) >>' });
    return writer.write(`/Root ${catalog} 0 R /Info ${info} 0 R /ID [<8899aabbccddeeff> <8899aabbccddeeff>]`, layout);
  });
}

/** A scanned page as a PNG the way libpng writes it: greyscale, deflated, 8 KiB IDAT chunks, at most `bytes` long. */
export function makeScannedPng(bytes: number): Buffer {
  const width = 2480;
  const rowsOf = (height: number) => {
    const pixels = scanPixels(width, height, 3);
    const raw = Buffer.alloc((width + 1) * height);
    for (let y = 0; y < height; y += 1) pixels.copy(raw, y * (width + 1) + 1, y * width, (y + 1) * width);
    return deflateSync(raw, { level: 6 });
  };
  const perRow = rowsOf(400).length / 400;
  let height = Math.max(16, Math.floor((bytes - 1024) / perRow / 1.01));
  let compressed = rowsOf(height);
  while (compressed.length + 1024 + (compressed.length / 8192) * 12 > bytes) compressed = rowsOf((height = Math.floor(height * 0.98)));
  const idats: Buffer[] = [];
  for (let at = 0; at < compressed.length; at += 8192) idats.push(pngChunk('IDAT', compressed.subarray(at, at + 8192)));
  return Buffer.concat([pngHeader(width, height, 0), ...idats, pngChunk('IEND', Buffer.alloc(0))]);
}

/** A phone photo of a certificate: a real JPEG (jpeg-js) sized to about `bytes`. */
export function makePhotoJpeg(bytes: number): Buffer {
  const sample = scannedPageJpeg(400, 400, 5, 92);
  const perPixel = sample.length / (400 * 400);
  const side = Math.round(Math.sqrt(bytes / perPixel));
  return scannedPageJpeg(side, Math.round(side * 1.3), 5, 92);
}

/** An uncompressed greyscale TIFF scan of about `bytes`. */
export function makeScannedTiff(bytes: number): Buffer {
  const width = 2550;
  return makeTiff(width, Math.max(8, Math.round(bytes / width)));
}

/** A CV written in Word with photos and scanned attachments pasted in (word/media). */
export function makeRichDocx(bytes: number): Buffer {
  const paragraphs = Array.from({ length: 400 }, (_, i) => `Publication ${i}: outcomes of hospital medicine quality programs`);
  const media = Array.from({ length: Math.max(1, Math.ceil(bytes / (512 * 1024))) }, (_, i) => ({ name: `word/media/image${i + 1}.jpeg`, data: noise(512 * 1024 - i) }));
  return makeZipFrom([...docxParts(paragraphs), ...media]);
}

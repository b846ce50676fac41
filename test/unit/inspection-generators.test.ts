/**
 * The generated test files are real: independent readers (pdf-lib, yauzl, image-size, jpeg-js)
 * open them, and they are byte-for-byte reproducible. Also checks that PDFs written by pdf-lib
 * itself pass inspection, so the PDF check is not tuned to our own writer.
 */
import { inflateSync } from 'node:zlib';
import { imageSize } from 'image-size';
import jpeg from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import yauzl from 'yauzl';
import { inspectDocument } from '../../src/domain/inspection/inspect-document.js';
import * as files from '../../testkit/files.js';

function zipEntryNames(bytes: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: false }, (error, zip) => {
      if (error) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => names.push(entry.fileName));
      zip.on('error', reject);
      zip.on('end', () => resolve(names));
    });
  });
}

describe('test file generators', () => {
  it.each([
    { options: { pages: 3 }, pages: 3 },
    { options: { pages: 4, objectStreams: true }, pages: 4 },
    { options: { pages: 2, objectStreams: true, padToBytes: 1_000_000 }, pages: 2 },
  ])('writes PDFs pdf-lib opens with the right page count ($options)', async ({ options, pages }) => {
    // Prepare
    const pdf = files.makePdf(options);
    // Act
    const document = await PDFDocument.load(pdf, { throwOnInvalidObject: true, updateMetadata: false });
    // Assess
    expect(document.getPageCount()).toBe(pages);
    if (options.padToBytes) expect(pdf.length).toBe(options.padToBytes);
  });

  it('hides the pages of an object-stream PDF inside compressed streams', () => {
    // Prepare / Act
    const text = files.makePdf({ pages: 2, objectStreams: true }).toString('latin1');
    // Assess: the scanner must inflate to find a page; nothing is visible in the raw bytes.
    expect(text).toContain('/Type /ObjStm');
    expect(text).toContain('/Type /XRef');
    expect(text).not.toMatch(/\/Type \/Page\b/);
  });

  it.each([{ objectStreams: false }, { objectStreams: true }])('writes encrypted PDFs pdf-lib recognises as encrypted ($objectStreams)', async ({ objectStreams }) => {
    // Prepare: pdf-lib warns about the (deliberately unreadable) ciphertext; keep the output clean.
    const pdf = files.makePdf({ encrypted: true, objectStreams });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // Act
    const loading = PDFDocument.load(pdf);
    // Assess
    await expect(loading).rejects.toThrow(/encrypted/);
    warn.mockRestore();
  });

  it('writes images that image readers decode to the requested size', () => {
    // Prepare / Act / Assess
    expect(imageSize(files.makePng(640, 480))).toMatchObject({ width: 640, height: 480, type: 'png' });
    expect(imageSize(files.makeTiff(850, 1100))).toMatchObject({ width: 850, height: 1100, type: 'tiff' });
    expect(imageSize(files.makeTiff(101, 51, { ifdAtEnd: true }))).toMatchObject({ width: 101, height: 51, type: 'tiff' });
    expect(jpeg.decode(files.makeJpeg(320, 200))).toMatchObject({ width: 320, height: 200 });
  });

  it('writes PNG pixel data that inflates to exactly height × (1 + 3 × width) bytes', () => {
    // Prepare
    const png = files.makePng(300, 200, { noisy: true });
    const idat: Buffer[] = [];
    // Act: walk the chunks
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    // Assess
    expect(inflateSync(Buffer.concat(idat)).length).toBe(200 * (1 + 3 * 300));
  });

  it('writes DOCX packages an unzip library reads', async () => {
    // Prepare / Act
    const names = await zipEntryNames(files.makeDocx());
    // Assess
    expect(names).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/_rels/document.xml.rels']);
    expect(await zipEntryNames(files.makeDocm())).toContain('word/vbaProject.bin');
  });

  it('is deterministic', () => {
    // Prepare / Act / Assess
    for (const make of [() => files.makePdf({ pages: 2, objectStreams: true }), () => files.makeDocx(), () => files.makePng(64, 64), () => files.makeJpeg(64, 64), () => files.makeZipBombDocx(8)]) {
      expect(files.sha256Hex(make())).toBe(files.sha256Hex(make()));
    }
  });
});

describe('inspectDocument on PDFs written by pdf-lib', () => {
  it.each([{ useObjectStreams: false }, { useObjectStreams: true }])('accepts a three-page pdf-lib PDF (useObjectStreams: $useObjectStreams)', async ({ useObjectStreams }) => {
    // Prepare
    const document = await PDFDocument.create();
    for (let page = 0; page < 3; page += 1) document.addPage().drawText(`Page ${page + 1}`, { x: 72, y: 720 });
    const pdf = Buffer.from(await document.save({ useObjectStreams }));
    // Act
    const result = await inspectDocument(files.chunks(pdf, 4096), { documentType: 'MEDICAL_LICENSE', contentType: 'application/pdf', sizeBytes: pdf.length, sha256: files.sha256Hex(pdf) });
    // Assess
    expect(result.issues).toEqual([]);
  });
});

/**
 * The text extractors on generated documents (testkit/cross-check-corpus.ts), with the real
 * pdf.js and tesseract.js: what a reviewer would see as the cross-check of each. OCR is slow on
 * two shared cores, so there are few OCR cases, sharing one warm worker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentTextExtractor } from '../../src/adapters/text-extraction/document-text-extractor.js';
import { DEFAULT_LIMITS } from '../../src/adapters/text-extraction/limits.js';
import { TesseractOcr } from '../../src/adapters/text-extraction/tesseract-ocr.js';
import type { CrossCheck } from '../../src/domain/cross-check/cross-check.js';
import { crossCheckDocument } from '../../src/use-cases/cross-check-document.js';
import { crossCheckCorpus, type CorpusDocument } from '../../testkit/cross-check-corpus.js';
import { makeGarbagePdf, makeJpeg } from '../../testkit/files.js';

const corpus = crossCheckCorpus();
const byId = (id: string): CorpusDocument => corpus.find((doc) => doc.id === id) ?? corpus.find((doc) => doc.id.endsWith(id))!;
const statuses = (result: CrossCheck) => Object.fromEntries(result.fields.map((f) => [f.field, f.status]));

describe('text extraction and cross-check', () => {
  const extractor = new DocumentTextExtractor();
  afterAll(() => extractor.close());

  async function check(doc: CorpusDocument, on = extractor) {
    return crossCheckDocument({ extractor: on }, await doc.build(), doc.contentType, doc.expected);
  }

  it('reads a typed PDF from its text layer, every field matching', async () => {
    const doc = byId('01-medical-license-p1-typed-PDF');
    const text = await extractor.extract(await doc.build(), doc.contentType);
    expect(text.pages.map((page) => page.method)).toEqual(['text-layer']);
    expect(text.pages[0]!.text).toContain('License Number: A 150032');
    expect(await check(doc)).toEqual({
      status: 'MATCH',
      fields: [
        { field: 'providerName', status: 'MATCH', expected: 'Emily Johnson', found: 'Emily R. Johnson' },
        { field: 'licenseNumber', status: 'MATCH', expected: 'A150032', found: 'A 150032' },
        { field: 'expirationDate', status: 'MATCH', expected: '2027-06-30', found: '06/30/2027' },
        { field: 'issueDate', status: 'MATCH', expected: '2020-01-15', found: 'January 15, 2020' },
        { field: 'jurisdiction', status: 'MATCH', expected: 'CA', found: 'CALIFORNIA' },
        { field: 'issuingAuthority', status: 'MATCH', expected: 'Medical Board of California', found: 'Medical Board of California' },
      ],
    });
  });

  it('shows the other DEA number printed on a typed PDF as a MISMATCH', async () => {
    const result = await check(byId('wrong-deaNumber'));
    expect(result.status).toBe('MISMATCH');
    expect(result.fields.find((f) => f.field === 'deaNumber')).toEqual({ field: 'deaNumber', status: 'MISMATCH', expected: 'BJ4821737', found: 'AB1234563' });
  });

  it('reads the text of a Word CV', async () => {
    expect(await check(byId('16-curriculum-vitae-p1-DOCX'))).toEqual({
      status: 'MATCH',
      fields: [{ field: 'providerName', status: 'MATCH', expected: 'Emily Johnson', found: 'Emily R. Johnson' }],
    });
  });

  it('OCRs a skewed, noisy 300-dpi PNG scan: her DEA number, name and expiration are found', async () => {
    const result = await check(byId('19-dea-registration-p1-scan-300-dpi'));
    expect(statuses(result)).toMatchObject({ providerName: 'MATCH', deaNumber: 'MATCH', expirationDate: 'MATCH' });
    expect(result.status).not.toBe('MISMATCH');
  });

  it('OCRs the embedded scan of an image-only PDF', async () => {
    const doc = byId('32-dea-registration-p3-image-only-PDF');
    const text = await extractor.extract(await doc.build(), doc.contentType);
    expect(text.pages.map((page) => [page.method, page.readable])).toEqual([['ocr', true]]);
    expect(statuses(await check(doc))).toMatchObject({ deaNumber: 'MATCH', providerName: 'MATCH' });
  });

  it('OCRs a scan that carries a short stamped text layer (a fax header), keeping both texts', async () => {
    const doc = byId('33-dea-registration-p1-image-only-PDF');
    const text = await extractor.extract(await doc.build(), doc.contentType);
    expect(text.pages.map((page) => page.method)).toEqual(['ocr']);
    expect(text.pages[0]!.text).toMatch(/Received\s+by\s+fax/);
    expect(statuses(await check(doc))).toMatchObject({ deaNumber: 'MATCH', providerName: 'MATCH' });
  });

  it('calls a blank scanned page UNREADABLE', async () => {
    const result = await check(byId('blank-scanned-pdf'));
    expect(result.status).toBe('UNREADABLE');
    expect(result.fields.every((f) => f.status === 'NOT_FOUND')).toBe(true);
  });

  it('calls a file it cannot decode UNREADABLE instead of failing', async () => {
    const expected = [{ field: 'providerName' as const, value: 'Emily Johnson' }];
    expect((await crossCheckDocument({ extractor }, makeGarbagePdf(), 'application/pdf', expected)).status).toBe('UNREADABLE');
    expect((await crossCheckDocument({ extractor }, Buffer.from('not a png'), 'image/png', expected)).status).toBe('UNREADABLE');
  });

  it('gives up on an image over the pixel budget without decoding it', async () => {
    const small = new DocumentTextExtractor(new TesseractOcr(), { ...DEFAULT_LIMITS, maxOcrPixels: 100 * 100 });
    const text = await small.extract(makeJpeg(200, 200), 'image/jpeg');
    expect(text.pages).toEqual([{ text: '', method: 'ocr', readable: false }]);
    await small.close();
  });

  it('stops OCR at its time limit: the page is UNREADABLE, nothing hangs, the next document is read', async () => {
    const ocr = new TesseractOcr(1);
    const hurried = new DocumentTextExtractor(ocr);
    const doc = byId('19-dea-registration-p1-scan-300-dpi');
    const bytes = await doc.build();
    const started = Date.now();
    const result = await crossCheckDocument({ extractor: hurried }, bytes, doc.contentType, doc.expected);
    expect(result.status).toBe('UNREADABLE');
    expect(Date.now() - started).toBeLessThan(30_000);
    // The terminated worker is not left behind: the same extractor goes on to the next document.
    expect((await check(byId('01-medical-license-p1-typed-PDF'), hurried)).status).toBe('MATCH');
    await hurried.close();
  });
});

/**
 * Damage viewers repair is accepted and noted (`notes.repaired`); damage they cannot repair is
 * refused. A file with junk before `%PDF-` is a PDF, unless the junk is a web page (a polyglot).
 */
import { describe, expect, it } from 'vitest';
import { inspectDocument } from '../../src/domain/inspection/inspect-document.js';
import { chunks, makePdf, makePdfWithWrongStartxref, sha256Hex } from '../../testkit/files.js';
import {
  makeHtmlBeforePdf,
  makePdfWithJunkBeforeHeader,
  makePdfWithoutTrailer,
  makePdfWithoutXrefKeyword,
  makePdfWithWrongStreamLength,
  makePdfWithWrongXrefOffsets,
} from '../../testkit/pdf-files.js';

async function inspectPdf(pdf: Buffer, chunkSize = 64 * 1024) {
  return inspectDocument(chunks(pdf, chunkSize), { documentType: 'MEDICAL_LICENSE', contentType: 'application/pdf', sizeBytes: pdf.length, sha256: sha256Hex(pdf) });
}

describe('PDF repair', () => {
  it('notes nothing for a sound PDF', async () => {
    // Prepare
    const pdf = makePdf({ pages: 2 });
    // Act
    const result = await inspectPdf(pdf);
    // Assess
    expect(result).toMatchObject({ issues: [], notes: { repaired: false } });
  });

  it.each([
    { name: 'startxref pointing into an object', pdf: makePdfWithWrongStartxref },
    { name: 'the `xref` keyword missing', pdf: makePdfWithoutXrefKeyword },
    { name: 'wrong cross-reference offsets and startxref', pdf: () => makePdfWithWrongXrefOffsets() },
    { name: 'a stream /Length 5 000 bytes short', pdf: makePdfWithWrongStreamLength },
  ])('accepts a PDF with $name, noted as repaired, however it is chunked', async ({ pdf }) => {
    // Prepare
    const bytes = pdf();
    // Act
    const [whole, small] = [await inspectPdf(bytes), await inspectPdf(bytes, 7)];
    // Assess
    expect(whole).toMatchObject({ issues: [], notes: { repaired: true } });
    expect(small).toEqual(whole);
  });

  it('refuses a PDF cut off before its trailer (nothing names the catalog)', async () => {
    // Prepare
    const pdf = makePdfWithoutTrailer();
    // Act
    const result = await inspectPdf(pdf);
    // Assess
    expect(result.issues.map((issue) => issue.code)).toEqual(['CORRUPT_FILE']);
    expect(result.notes.repaired).toBe(false);
  });
});

describe('bytes before the PDF header', () => {
  it('accepts a PDF with a scanner line before %PDF-', async () => {
    // Prepare
    const pdf = makePdfWithJunkBeforeHeader();
    // Act
    const result = await inspectPdf(pdf);
    // Assess
    expect(result.issues).toEqual([]);
    expect(result.detectedContentType).toBe('application/pdf');
  });

  it('refuses a web page in front of a PDF as FORMAT_MISMATCH (a polyglot)', async () => {
    // Prepare
    const pdf = makeHtmlBeforePdf();
    // Act
    const result = await inspectPdf(pdf);
    // Assess
    expect(result.issues.map((issue) => issue.code)).toEqual(['FORMAT_MISMATCH']);
    expect(result.issues[0]?.message).toMatch(/web page/);
  });

  it('refuses a PDF whose header comes after more than 1 024 bytes', async () => {
    // Prepare
    const pdf = makePdfWithJunkBeforeHeader('x'.repeat(1025));
    // Act
    const result = await inspectPdf(pdf);
    // Assess
    expect(result.issues.map((issue) => issue.code)).toEqual(['FORMAT_MISMATCH']);
  });
});

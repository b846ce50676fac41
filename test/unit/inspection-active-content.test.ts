/**
 * ACTIVE_CONTENT: PDFs that run scripts, launch programs or carry files, wherever a reader finds
 * them (in the open, inside compressed object streams, behind `#xx` escapes), whatever the chunking;
 * and the honest look-alikes that must pass: fillable forms without scripts, a view-only
 * /OpenAction, script words inside strings.
 */
import { describe, expect, it } from 'vitest';
import { inspectDocument } from '../../src/domain/inspection/inspect-document.js';
import { chunks, makeDocxWithHyperlinks, makeDocxWithRemoteTemplate, sha256Hex, writeWithXrefTable } from '../../testkit/files.js';
import { makeActivePdf, makeFormPdf, makePdfWithViewOpenAction, type ActiveContent } from '../../testkit/pdf-files.js';

async function inspectPdf(pdf: Buffer, chunkSize = 64 * 1024) {
  return inspectDocument(chunks(pdf, chunkSize), { documentType: 'MEDICAL_LICENSE', contentType: 'application/pdf', sizeBytes: pdf.length, sha256: sha256Hex(pdf) });
}

const KINDS: ActiveContent[] = [
  'open-action-javascript',
  'names-javascript',
  'link-javascript',
  'hex-escaped-javascript',
  'javascript-in-object-stream',
  'launch',
  'embedded-file',
  'file-attachment-annotation',
  'rich-media',
  'xfa',
  'form-field-format-script',
];

describe('PDF active content is refused', () => {
  it.each(KINDS)('refuses a PDF with %s as ACTIVE_CONTENT, however it is chunked', async (kind) => {
    // Prepare
    const pdf = makeActivePdf(kind);
    // Act
    const [whole, bytewise] = [await inspectPdf(pdf), await inspectPdf(pdf, 1)];
    // Assess
    expect(whole.issues.map((issue) => issue.code)).toEqual(['ACTIVE_CONTENT']);
    expect(whole.issues[0]?.message).toMatch(/scripts or embedded files.*print it to a new PDF/s);
    expect(bytewise.issues).toEqual(whole.issues);
  });
});

describe('PDF look-alikes of active content pass', () => {
  it.each([
    { name: 'a fillable form (AcroForm, widgets, no scripts)', pdf: () => makeFormPdf() },
    { name: 'an /OpenAction that only sets the view', pdf: makePdfWithViewOpenAction },
    {
      name: 'script words inside strings and a link to a /JS/ path',
      pdf: () =>
        writeWithXrefTable(
          [
            { dictionary: '<< /Type /Catalog /Pages 2 0 R >>' },
            { dictionary: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
            { dictionary: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [4 0 R] >>' },
            { dictionary: '<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (https://cdn.example.org/JS/JavaScript /Launch \\) /EmbeddedFiles) >> >>' },
            { dictionary: '<< /Title (About /JavaScript and /XFA) /Subject <2F4A53> >>' },
          ],
          '/Root 1 0 R /Info 5 0 R',
        ),
    },
  ])('accepts $name', async ({ pdf }) => {
    // Prepare
    const bytes = pdf();
    // Act
    const result = await inspectPdf(bytes);
    // Assess
    expect(result.issues).toEqual([]);
  });
});

describe('Word documents that load content from outside', () => {
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const inspectDocx = (bytes: Buffer) => inspectDocument(chunks(bytes), { documentType: 'CURRICULUM_VITAE', contentType: DOCX, sizeBytes: bytes.length, sha256: sha256Hex(bytes) });

  it.each([
    { name: 'in the head of the file', bytes: () => makeDocxWithRemoteTemplate() },
    { name: 'in the middle of a 500 KiB file (neither end buffer holds it)', bytes: () => makeDocxWithRemoteTemplate({ padBefore: 100 * 1024, padAfter: 400 * 1024 }) },
  ])('refuses a remote template (template injection) $name as ACTIVE_CONTENT', async ({ bytes }) => {
    // Prepare
    const docx = bytes();
    // Act
    const result = await inspectDocx(docx);
    // Assess
    expect(result.issues.map((issue) => issue.code)).toEqual(['ACTIVE_CONTENT']);
    expect(result.issues[0]?.message).toMatch(/loads content from outside the file/);
  });

  it('accepts a CV with hyperlinks to publications', async () => {
    // Prepare
    const docx = makeDocxWithHyperlinks();
    // Act
    const result = await inspectDocx(docx);
    // Assess
    expect(result.issues).toEqual([]);
  });
});

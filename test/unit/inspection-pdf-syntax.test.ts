/**
 * Real-world PDF syntax the streaming scanner must accept (so the gate is not closed to honest
 * files): compact dictionaries, CRLF line ends, spaces after `stream`, incremental updates, and
 * a linearized-style first cross-reference section.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectDocument } from '../../src/domain/inspection/inspect-document.js';
import { chunks, makePdf, sha256Hex, writeWithXrefTable } from '../../testkit/files.js';

/** Joins object bodies with `eol` line ends and writes a matching xref table and trailer. */
function assemble(bodies: (string | Buffer)[], { eol = '\n', trailer = '/Root 1 0 R' } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from(`%PDF-1.4${eol}`, 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((body, index) => {
    const bytes = Buffer.concat([Buffer.from(`${index + 1} 0 obj${eol}`), Buffer.from(body as Buffer), Buffer.from(`${eol}endobj${eol}`)]);
    offsets.push(offset);
    parts.push(bytes);
    offset += bytes.length;
  });
  const rows = offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n\r\n`).join('');
  parts.push(Buffer.from(`xref${eol}0 ${bodies.length + 1}${eol}0000000000 65535 f\r\n${rows}trailer${eol}<< /Size ${bodies.length + 1} ${trailer} >>${eol}startxref${eol}${offset}${eol}%%EOF${eol}`, 'latin1'));
  return Buffer.concat(parts);
}

async function issuesOf(pdf: Buffer, chunkSize = 64 * 1024): Promise<string[]> {
  const result = await inspectDocument(chunks(pdf, chunkSize), { documentType: 'MEDICAL_LICENSE', contentType: 'application/pdf', sizeBytes: pdf.length, sha256: sha256Hex(pdf) });
  return result.issues.map((issue) => issue.code);
}

const CATALOG = '<</Type/Catalog/Pages 2 0 R>>';
const PAGES = '<</Type/Pages/Kids[3 0 R]/Count 1>>';

describe('PDF scanner: honest syntax variants pass', () => {
  it.each([
    { name: 'compact dictionaries (/Type/Page)', pdf: () => assemble([CATALOG, PAGES, '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>']) },
    { name: 'CRLF line ends everywhere', pdf: () => assemble([CATALOG, PAGES, '<<\r\n/Type /Page\r\n/Parent 2 0 R\r\n>>'], { eol: '\r\n' }) },
    {
      name: 'an object stream whose `stream` keyword is followed by spaces and CRLF',
      pdf: () => {
        const objects = '3 0 <</Type/Page/Parent 2 0 R>>';
        const data = deflateSync(objects);
        const objStm = Buffer.concat([Buffer.from(`<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length ${data.length}>>stream  \r\n`), data, Buffer.from('\r\nendstream')]);
        return assemble([CATALOG, PAGES, objStm]);
      },
    },
    {
      name: 'an incremental update (second xref section and trailer with /Prev)',
      pdf: () => {
        const first = makePdf();
        const previous = /startxref\n(\d+)/.exec(first.toString('latin1'))?.[1] ?? '0';
        const update = '4 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n';
        const xrefAt = first.length + update.length;
        const section = `xref\n4 1\n${String(first.length).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev ${previous} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
        return Buffer.concat([first, Buffer.from(update + section)]);
      },
    },
    {
      name: 'a trailing newline and NUL padding after %%EOF',
      pdf: () => Buffer.concat([writeWithXrefTable([{ dictionary: CATALOG }, { dictionary: PAGES }, { dictionary: '<</Type/Page/Parent 2 0 R>>' }], '/Root 1 0 R'), Buffer.alloc(200)]),
    },
  ])('accepts $name, whatever the chunking', async ({ pdf }) => {
    // Prepare
    const bytes = pdf();
    // Act
    const [whole, tiny] = [await issuesOf(bytes), await issuesOf(bytes, 3)];
    // Assess
    expect(whole).toEqual([]);
    expect(tiny).toEqual([]);
  });

  it('refuses a PDF whose only "page" is the /Pages tree root', async () => {
    // Prepare
    const bytes = assemble([CATALOG, '<</Type/Pages/Kids[]/Count 0>>']);
    // Act
    const issues = await issuesOf(bytes);
    // Assess
    expect(issues).toEqual(['CORRUPT_FILE']);
  });

  it('refuses a PDF whose trailer names no /Root catalog', async () => {
    // Prepare
    const bytes = assemble([CATALOG, PAGES, '<</Type/Page/Parent 2 0 R>>'], { trailer: '/Info 1 0 R' });
    // Act
    const issues = await issuesOf(bytes);
    // Assess
    expect(issues).toEqual(['CORRUPT_FILE']);
  });
});

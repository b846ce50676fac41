/**
 * The PDF scanner skims the bytes between streams with `indexOf` (pdf-skim.ts) and tokenizes only
 * what it cannot prove boring. Skimming must never change a verdict: for real-world files, every
 * generated kind of active content and hand-made traps (script names hidden behind hex strings,
 * comments and escapes, keywords inside strings, damaged lengths and cross-references), at every
 * chunking, the skimming scanner says exactly what the tokenize-everything scanner says.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PdfScanner } from '../../src/domain/inspection/pdf-scanner.js';
import { makePdf, writeWithXrefTable } from '../../testkit/files.js';
import { makeActivePdf, makeFormPdf, type ActiveContent } from '../../testkit/pdf-files.js';
import { PdfWriter } from '../../testkit/pdf-writer.js';
import { makeTextHeavyPdf } from '../../testkit/realistic-files.js';

const CORPUS = new URL('../fixtures/pdf-corpus/', import.meta.url);

async function verdict(bytes: Buffer, chunkSize: number, skim: boolean) {
  const scanner = new PdfScanner({ skim });
  for (let at = 0; at < bytes.length; at += chunkSize) await scanner.push(bytes.subarray(at, at + chunkSize));
  const tailOffset = Math.max(0, bytes.length - 128 * 1024);
  const finding = await scanner.finish({ head: bytes.subarray(0, 64 * 1024), tail: bytes.subarray(tailOffset), tailOffset, size: bytes.length });
  return { code: finding?.code ?? null, repaired: scanner.repaired };
}

const page = (extra = '') => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R ${extra} >>`;
const content = { dictionary: '<< /Filter /FlateDecode >>', stream: deflateSync('BT /F1 12 Tf 72 720 Td (Licensed physician) Tj ET') };
/** A one-page PDF whose page dictionary gets `extra`, followed by `objects`. */
function pdfWith(extra: string, objects: { dictionary: string; stream?: Buffer }[] = []): Buffer {
  return writeWithXrefTable(
    [{ dictionary: '<< /Type /Catalog /Pages 2 0 R >>' }, { dictionary: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' }, { dictionary: page(extra) }, content, ...objects],
    '/Root 1 0 R',
  );
}
const latin1 = (text: string) => Buffer.from(text, 'latin1');
/** Strings enough to make an object a long region, searched rather than walked (pdf-skim.ts). */
const NOTES = `/Notes [${Array.from({ length: 40 }, (_, i) => `(note ${i})`).join(' ')}]`;
const splice = (pdf: Buffer, marker: string, replacement: string) => latin1(pdf.toString('latin1').replace(marker, replacement));

/** Traps for a skimmer, each with the verdict the tokenizer gives (checked below as well). */
const TRAPS: { name: string; bytes: Buffer; code: string | null }[] = [
  { name: 'script words inside a literal string', bytes: pdfWith('/Title (see /JavaScript and /JS, /Launch /XFA /EmbeddedFile)'), code: null },
  { name: 'nested and escaped parentheses around script words', bytes: pdfWith('/Title (a (b \\) /JS) c \\( /JavaScript)'), code: null },
  { name: 'a hex string holding a parenthesis before a real /JS', bytes: pdfWith('/Hint <41(42> /AA << /O << /S /JavaScript /JS 5 0 R >> >>'), code: 'ACTIVE_CONTENT' },
  { name: 'a comment holding a parenthesis before a real /JS', bytes: pdfWith('% note (\n/AA << /O << /S /JavaScript >> >>'), code: 'ACTIVE_CONTENT' },
  { name: 'an escaped parenthesis, then a percent sign, in a string before a real script (skimmed, not walked)', bytes: pdfWith('', [{ dictionary: `<< ${NOTES} /Title (a \\) % ) /AA << /O << /S /JavaScript >> >> >>` }]), code: 'ACTIVE_CONTENT' },
  { name: 'an escaped backslash ending a string before a real script (skimmed, not walked)', bytes: pdfWith('', [{ dictionary: `<< ${NOTES} /Title (a \\\\) /AA << /O << /S /JavaScript >> >> >>` }]), code: 'ACTIVE_CONTENT' },
  { name: 'nested parentheses, then a percent sign, in a string before a real script (skimmed, not walked)', bytes: pdfWith('', [{ dictionary: `<< ${NOTES} /Title (a (b) % ) /AA << /O << /S /JavaScript >> >> >>` }]), code: 'ACTIVE_CONTENT' },
  { name: 'a comment hiding /JS', bytes: pdfWith('% /JS /JavaScript\n/Note 1'), code: null },
  { name: 'an escaped script name', bytes: pdfWith('/AA << /O << /S /J#61vaScript >> >>'), code: 'ACTIVE_CONTENT' },
  { name: 'a name merely starting like one', bytes: pdfWith('/JSX 1 /Lengths 2 /Launcher 3 /XFAX 4 /Encrypted 5 /Types 6'), code: null },
  { name: '"stream" inside a string', bytes: pdfWith('/Title (a >> stream\n endstream endobj)'), code: null },
  { name: '"xref" and "trailer" inside a string', bytes: pdfWith('/Title (xref trailer startxref)'), code: null },
  { name: 'a stream dictionary with nested filters and parameters', bytes: pdfWith('', [{ dictionary: '<< /Filter [/FlateDecode] /DecodeParms [<< /Predictor 12 /Columns 4 >>] /Subtype /XML >>', stream: deflateSync('x') }]), code: null },
  { name: 'a stream whose dictionary holds a string', bytes: pdfWith('', [{ dictionary: '<< /Name (a stream) >>', stream: latin1('abc') }]), code: null },
  { name: 'a script in a stream dictionary', bytes: pdfWith('', [{ dictionary: '<< /S /JavaScript >>', stream: latin1('app.alert(1)') }]), code: 'ACTIVE_CONTENT' },
  { name: 'a script after a stream whose /Length is too long', bytes: splice(pdfWith('', [{ dictionary: '<< >>', stream: latin1('0123456789') }, { dictionary: '<< /S /JavaScript >>' }]), '/Length 10', '/Length 90'), code: 'ACTIVE_CONTENT' },
  { name: 'a stream whose /Length is short', bytes: splice(pdfWith('', [{ dictionary: '<< >>', stream: latin1('0123456789') }]), '/Length 10', '/Length 4'), code: null },
  { name: 'an indirect /Length', bytes: splice(pdfWith('', [{ dictionary: '<< >>', stream: latin1('0123456789') }]), '/Length 10', '/Length 9 0 R'), code: null },
  { name: 'a missing endobj', bytes: splice(pdfWith('/Extra 1'), '/Extra 1 >>\nendobj', '/Extra 1 >>'), code: null },
  { name: 'a trailer without an xref table', bytes: splice(pdfWith(''), 'xref\n', 'junk\n'), code: null },
  { name: 'bytes appended after %%EOF', bytes: Buffer.concat([pdfWith(''), latin1('9 0 obj << /Junk 1 >> endobj\n'.repeat(80))]), code: null },
  { name: 'a page type nested in another object', bytes: writeWithXrefTable([{ dictionary: '<< /Type /Catalog /Pages 2 0 R /X << /Type /Page >> >>' }, { dictionary: '<< /Type /Pages /Kids [] /Count 0 >>' }], '/Root 1 0 R'), code: 'CORRUPT_FILE' },
  { name: 'a hex string holding "stream"', bytes: pdfWith('', [{ dictionary: '<< /Hint <73 stream\n> >>', stream: latin1('0123') }]), code: null },
  { name: 'a long page tree straddling chunks', bytes: pdfWith(`/Kids [${Array.from({ length: 3000 }, (_, i) => `${i + 10} 0 R`).join(' ')}]`), code: null },
];

function corpus(): { name: string; bytes: Buffer }[] {
  return readdirSync(CORPUS)
    .filter((file) => file.endsWith('.pdf'))
    .map((file) => ({ name: file, bytes: readFileSync(new URL(file, CORPUS)) }));
}

const KINDS: ActiveContent[] = ['open-action-javascript', 'names-javascript', 'link-javascript', 'hex-escaped-javascript', 'javascript-in-object-stream', 'launch', 'embedded-file', 'file-attachment-annotation', 'rich-media', 'xfa', 'form-field-format-script'];

function generated(): { name: string; bytes: Buffer }[] {
  const text = makeTextHeavyPdf(160 * 1024);
  return [
    ...KINDS.map((kind) => ({ name: `active: ${kind}`, bytes: makeActivePdf(kind) })),
    { name: 'form without scripts', bytes: makeFormPdf() },
    { name: 'form with a format script', bytes: makeFormPdf({ formatScript: true }) },
    { name: 'encrypted', bytes: makePdf({ encrypted: true }) },
    { name: 'object streams', bytes: makePdf({ pages: 3, objectStreams: true }) },
    { name: 'text-heavy', bytes: text },
    { name: 'text-heavy PDF 1.7', bytes: makeTextHeavyPdf(160 * 1024, { objectStreamSize: 20 }) },
    { name: 'text-heavy cut short', bytes: text.subarray(0, Math.floor(text.length * 0.7)) },
    { name: 'text-heavy with indirect lengths', bytes: new PdfWriter([{ dictionary: '<< /Type /Catalog /Pages 2 0 R >>' }, { dictionary: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' }, { dictionary: page() }, content]).write('/Root 1 0 R', { indirectLengths: true }) },
  ];
}

const SMALL_CHUNKS = [1, 3, 17, 256, 4096, 16 * 1024, 64 * 1024];
const LARGE_CHUNKS = [509, 4096, 16 * 1024, 64 * 1024];

describe('PDF skimming never changes a verdict', () => {
  it.each(TRAPS)('$name: $code, skimmed or tokenized', async ({ bytes, code }) => {
    // Act
    const whole = await verdict(bytes, 64 * 1024, true);
    // Assess (a wrong /Length is recovered within a few bytes, so tiny chunks may judge it otherwise)
    expect(whole.code).toBe(code);
    for (const chunkSize of SMALL_CHUNKS) {
      const [skimmed, tokenized] = [await verdict(bytes, chunkSize, true), await verdict(bytes, chunkSize, false)];
      expect({ chunkSize, ...skimmed }).toEqual({ chunkSize, ...tokenized });
    }
  });

  it.each([...corpus(), ...generated()])('$name: same verdict at every chunking', async ({ bytes }) => {
    for (const chunkSize of bytes.length > 64 * 1024 ? LARGE_CHUNKS : SMALL_CHUNKS) {
      // Act
      const [skimmed, tokenized] = [await verdict(bytes, chunkSize, true), await verdict(bytes, chunkSize, false)];
      // Assess
      expect({ chunkSize, ...skimmed }).toEqual({ chunkSize, ...tokenized });
    }
  });
});

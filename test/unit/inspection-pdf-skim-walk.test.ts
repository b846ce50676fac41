/**
 * The skimmer's two fast paths must say what the tokenizer says. The walk (pdf-skim-walk.ts) reads
 * short runs of ordinary objects before a stream in one pass; the word search (pdf-skim.ts,
 * searchWords) replaces a letter that hits in every object of a long run. Each trap below puts a
 * watched word, an escape or damage exactly where one of them reads, and pins the verdict: the
 * same with both fast paths, with the walk off, and with every byte tokenized, at every chunking.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PdfScanner, type PdfScannerOptions } from '../../src/domain/inspection/pdf-scanner.js';
import { writeWithXrefTable } from '../../testkit/files.js';
import type { PdfObject } from '../../testkit/pdf-writer.js';

async function verdict(bytes: Buffer, chunkSize: number, options: PdfScannerOptions) {
  const scanner = new PdfScanner(options);
  for (let at = 0; at < bytes.length; at += chunkSize) await scanner.push(bytes.subarray(at, at + chunkSize));
  const tailOffset = Math.max(0, bytes.length - 128 * 1024);
  const finding = await scanner.finish({ head: bytes.subarray(0, 64 * 1024), tail: bytes.subarray(tailOffset), tailOffset, size: bytes.length });
  return { code: finding?.code ?? null, repaired: scanner.repaired };
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const content: PdfObject = { dictionary: '<< /Filter /FlateDecode >>', stream: deflateSync('BT /F1 12 Tf 72 720 Td (Licensed physician) Tj ET') };
const pageTree: PdfObject[] = [
  { dictionary: '<< /Type /Catalog /Pages 2 0 R >>' },
  { dictionary: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
  { dictionary: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>' },
  content,
];
/** Pages first, then `objects`: each short object before a stream is walked. */
const pdfOf = (objects: PdfObject[]) => writeWithXrefTable([...pageTree, ...objects], '/Root 1 0 R');
/** `dictionary` as a small stream object, after a small content stream (so the walk reads it whole). */
const streamWith = (dictionary: string) => pdfOf([content, { dictionary, stream: latin1('0123456789') }]);
/** `dictionary` as a plain object between two small streams. */
const objectBetweenStreams = (dictionary: string) => pdfOf([content, { dictionary }, content]);
/** `at` into a run of `count` objects whose letters (h, l, x, J, E, X, O) hit in every one, `dictionary` as object `at`. */
function longRunWith(dictionary: string, count = 120, at = 90): Buffer {
  const objects = Array.from({ length: count }, (_, i): PdfObject => ({ dictionary: `<< /Subtype /Text /Hint (this example credential ${i}) /Jx 1 /Ex 2 /Xx [${i} 0 R] /Ox true >>` }));
  objects[at] = { dictionary };
  return pdfOf(objects);
}
/** Only object streams and a script: /Type is still read exactly until the page tree appears. */
function pageTreeLast(dictionary: string): Buffer {
  const objects: PdfObject[] = [content, { dictionary, stream: latin1('abc') }, content, ...pageTree.slice(0, 3).map((object) => ({ dictionary: object.dictionary.replace('/Contents 4 0 R', '/Contents 1 0 R') }))];
  return writeWithXrefTable(objects.map((object) => ({ ...object, dictionary: object.dictionary.replace(/(\d+) 0 R/g, (_, n: string) => `${Number(n) + 3} 0 R`) })), '/Root 4 0 R');
}

const TRAPS: { name: string; bytes: Buffer; code: string | null }[] = [
  { name: 'walk: a script name in a stream dictionary', bytes: streamWith('<< /S /JavaScript /JS 9 0 R >>'), code: 'ACTIVE_CONTENT' },
  { name: 'walk: an escaped script name in a stream dictionary', bytes: streamWith('<< /S /J#61vaScript >>'), code: 'ACTIVE_CONTENT' },
  { name: 'walk: a launch action nested two levels down', bytes: streamWith('<< /AA << /O [<< /S /Launch >>] >> >>'), code: 'ACTIVE_CONTENT' },
  { name: 'walk: an attachment between two streams', bytes: objectBetweenStreams('<< /Type /Filespec /EF << /F 9 0 R >> /Subtype /FileAttachment >>'), code: 'ACTIVE_CONTENT' },
  { name: 'walk: rich media as a value in an array', bytes: objectBetweenStreams('<< /Kinds [/Text /RichMedia] >>'), code: 'ACTIVE_CONTENT' },
  { name: 'walk: script words inside strings and hex strings only', bytes: objectBetweenStreams('<< /T (/JavaScript /Launch) /H <2f4a53> /U2 (a \\) /JS) >>'), code: null },
  { name: 'walk: names only starting like watched ones', bytes: streamWith('<< /JSX 1 /Launcher 2 /Lengths 3 /Types 4 /Os 5 >>'), code: null },
  { name: 'walk: the last /Length counts', bytes: streamWith('<< /Length 4 /Length 10 >>'), code: null },
  { name: 'walk: an indirect /Length', bytes: streamWith('<< /Length 9 0 R >>'), code: null },
  { name: 'walk: a /Length that is no integer', bytes: streamWith('<< /Length 10.0 >>'), code: null },
  { name: 'walk: a negative /Length', bytes: streamWith('<< /Length -10 >>'), code: null },
  { name: 'walk: a signed /Length', bytes: streamWith('<< /Length +10 >>'), code: null },
  { name: 'walk: a /Length in a nested dictionary only', bytes: streamWith('<< /DecodeParms << /Length 3 >> /Length 10 >>'), code: null },
  { name: 'walk: true, false, null and references in arrays', bytes: streamWith('<< /A [true false null 1 0 R -2 .5] /B << /C [] >> >>'), code: null },
  { name: 'walk: a comment in a stream dictionary', bytes: streamWith('<< /A 1 % /JS\n /B 2 >>'), code: null },
  { name: 'walk: a comment hiding the end of a dictionary', bytes: streamWith('<< /A 1 %>>\n /S /JavaScript >>'), code: 'ACTIVE_CONTENT' },
  { name: 'walk: "stream" inside a string', bytes: objectBetweenStreams('<< /T (x >> stream\n) /S /JS >>'), code: 'ACTIVE_CONTENT' },
  { name: 'walk: "endobj" inside a hex string', bytes: objectBetweenStreams('<< /H <656e646f626a endobj> /S /XFA >>'), code: 'ACTIVE_CONTENT' },
  { name: 'walk: a number running into a keyword', bytes: objectBetweenStreams('<< /A 12abc /S /JS >>'), code: 'ACTIVE_CONTENT' },
  { name: 'walk: an unbalanced dictionary', bytes: streamWith('<< /A [1 2 >> /S /JS >>'), code: 'ACTIVE_CONTENT' },
  { name: 'walk: encryption-like values in a plain object', bytes: objectBetweenStreams('<< /R 3 /U (abcdefghijklmnopqrstuvwxyz012345) /O (abc) /P -4 >>'), code: null },
  { name: 'walk: an /ID array outside the trailer', bytes: objectBetweenStreams('<< /ID [<00> <00>] >>'), code: null },
  { name: 'walk: /Type read exactly before the page tree', bytes: pageTreeLast('<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] >>'), code: null },
  { name: 'walk: a script before the page tree', bytes: pageTreeLast('<< /Type /Action /S /JavaScript >>'), code: 'ACTIVE_CONTENT' },
  ...['JS', 'JavaScript', 'Launch', 'FileAttachment', 'RichMedia', 'EmbeddedFile', 'EmbeddedFiles', 'XFA', 'J#53'].map((name) => ({ name: `words: /${name} deep in a long run`, bytes: longRunWith(`<< /S /${name} >>`), code: 'ACTIVE_CONTENT' })),
  { name: 'words: watched words inside strings of a long run', bytes: longRunWith('<< /T (/JavaScript /Launch /RichMedia trailer xref) >>'), code: null },
  { name: 'words: words only starting like watched ones in a long run', bytes: longRunWith('<< /JSX 1 /Launcher 2 /RichMediaX 3 /XFAs 4 /Encrypted 5 >>'), code: null },
  { name: 'words: "trailer" as a keyword inside a long run', bytes: longRunWith('<< /A 1 >> trailer << /Size 3 >>'), code: null },
  { name: 'words: /Encrypt and /XRef names in a long run', bytes: longRunWith('<< /Type /XRef /Encrypt 9 0 R >>'), code: 'ENCRYPTED_FILE' },
  { name: 'words: a script in the last object of a long run', bytes: longRunWith('<< /S /JavaScript >>', 120, 119), code: 'ACTIVE_CONTENT' },
];

const CHUNKS = [1, 7, 64, 509, 4096, 64 * 1024];

describe('the walk and the word search give the tokenizer’s verdict', () => {
  it.each(TRAPS)('$name: $code', async ({ bytes, code }) => {
    for (const chunkSize of CHUNKS) {
      // Act
      const [fast, searched, tokenized] = [await verdict(bytes, chunkSize, {}), await verdict(bytes, chunkSize, { walk: false }), await verdict(bytes, chunkSize, { skim: false })];
      // Assess
      expect({ chunkSize, ...fast }).toEqual({ chunkSize, ...tokenized });
      expect({ chunkSize, ...searched }).toEqual({ chunkSize, ...tokenized });
      if (chunkSize === 64 * 1024) expect(fast.code).toBe(code);
    }
  });
});

/**
 * The shortcuts that keep validation near hashing speed must not change a verdict: PNG pixel-data
 * pieces read in place (png-scanner.ts `passPixelPiece`), and the file's end not copied for
 * formats whose check never reads it (file-ends.ts `stopKeeping`).
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ContentType } from '../../src/domain/catalog.js';
import { TailBuffer } from '../../src/domain/inspection/file-ends.js';
import { inspectDocument, type InspectionResult } from '../../src/domain/inspection/inspect-document.js';
import * as files from '../../testkit/files.js';

const { pngChunk } = files;

const CHUNK_SIZES = [1, 3, 5, 8, 12, 13, 4096, 65_536];

function inspect(bytes: Buffer, contentType: ContentType, chunkSize: number, sizeBytes = bytes.length): Promise<InspectionResult> {
  return inspectDocument(files.chunks(bytes, chunkSize), { documentType: 'MEDICAL_LICENSE', contentType, sizeBytes, sha256: files.sha256Hex(bytes) });
}

async function codesAtEveryChunkSize(bytes: Buffer, contentType: ContentType = 'image/png', sizeBytes = bytes.length): Promise<Set<string>> {
  const results = await Promise.all(CHUNK_SIZES.map((size) => inspect(bytes, contentType, size, sizeBytes)));
  return new Set(results.map((result) => result.issues.map((issue) => issue.code).join(',')));
}

/** A 64 × 64 RGB PNG whose deflated pixels are split into IDATs of `idatBytes`, then the chunks given. */
function pngWithIdats(idatBytes: number, after: Buffer[] = [pngChunk('IEND', Buffer.alloc(0))], extraIdats: Buffer[] = []): Buffer {
  const raw = Buffer.alloc((1 + 64 * 3) * 64, 0x40);
  const compressed = deflateSync(raw, { level: 0 });
  const idats: Buffer[] = [];
  for (let at = 0; at < compressed.length; at += idatBytes) idats.push(pngChunk('IDAT', compressed.subarray(at, at + idatBytes)));
  return Buffer.concat([files.pngHeader(64, 64), ...idats, ...extraIdats, ...after]);
}

describe('PNG: IDAT headers and CRCs read in place', () => {
  it('accepts a PNG of many small IDATs, a zero-length one among them, at every chunk size', async () => {
    // Prepare
    const png = pngWithIdats(97, [pngChunk('IDAT', Buffer.alloc(0)), pngChunk('IEND', Buffer.alloc(0))]);
    // Act
    const codes = await codesAtEveryChunkSize(png);
    // Assess
    expect([...codes]).toEqual(['']);
  });

  it('still verifies the CRC of a text chunk that follows the pixel data', async () => {
    // Prepare
    const text = pngChunk('tEXt', Buffer.from('Comment\0scanned at the front desk', 'latin1'));
    text.writeUInt8(text.readUInt8(text.length - 1) ^ 0xff, text.length - 1);
    const png = pngWithIdats(500, [text, pngChunk('IEND', Buffer.alloc(0))]);
    // Act
    const codes = await codesAtEveryChunkSize(png);
    // Assess
    expect([...codes]).toEqual(['CORRUPT_FILE']);
  });

  it('refuses a later IDAT that declares more than 2³¹ − 1 bytes', async () => {
    // Prepare
    const oversized = Buffer.from([0x80, 0x00, 0x00, 0x00, 0x49, 0x44, 0x41, 0x54, 0, 0, 0, 0]);
    const png = pngWithIdats(500, [pngChunk('IEND', Buffer.alloc(0))], [oversized]);
    // Act
    const codes = await codesAtEveryChunkSize(png);
    // Assess
    expect([...codes]).toEqual(['CORRUPT_FILE']);
  });

  it('refuses an unknown critical chunk between IDATs and bytes after IEND', async () => {
    // Prepare
    const unknownCritical = pngWithIdats(500, [pngChunk('IEND', Buffer.alloc(0))], [pngChunk('ABCD', Buffer.alloc(4))]);
    const appended = Buffer.concat([pngWithIdats(500), files.makeHtml()]);
    // Act
    const codes = [await codesAtEveryChunkSize(unknownCritical), await codesAtEveryChunkSize(appended)];
    // Assess
    expect(codes.map((set) => [...set])).toEqual([['CORRUPT_FILE'], ['CORRUPT_FILE']]);
  });
});

describe("a file's end is copied only for the checks that read it", () => {
  it.each([
    ['a PNG', () => files.makePng(300, 300, { noisy: true }), 'image/png'],
    ['a JPEG', () => files.makeJpeg(1200, 900), 'image/jpeg'],
    ['a TIFF', () => files.makeTiff(600, 600), 'image/tiff'],
    ['a PDF', () => files.makePdf({ objectStreams: true, padToBytes: 300_000 }), 'application/pdf'],
  ] as const)('judges %s shorter than declared by its size alone, however it is sliced', async (_name, make, contentType) => {
    // Prepare
    const whole = make();
    expect(whole.length).toBeGreaterThan(200 * 1024);
    const cut = whole.subarray(0, whole.length - 100 * 1024);
    // Act
    const codes = await codesAtEveryChunkSize(cut, contentType, whole.length);
    // Assess
    expect([...codes]).toEqual(['SIZE_MISMATCH']);
  });

  it('says whether the stream reached the bytes it was told to keep, whether or not it keeps them', () => {
    // Prepare
    const cases: [capacity: number, expected: number, pushed: number[]][] = [
      [16, 100, [50, 30]],
      [16, 100, [90]],
      [16, 100, [84, 16]],
      [16, 100, [60, 60]],
      [16, 10, [4, 4]],
      [16, 0, [5]],
      [16, 40, []],
    ];
    for (const [capacity, expected, pushed] of cases) {
      const kept = new TailBuffer(capacity, expected);
      const counted = new TailBuffer(capacity, expected);
      counted.stopKeeping();
      // Act
      for (const length of pushed) {
        kept.push(Buffer.alloc(length, 1));
        counted.push(Buffer.alloc(length, 1));
      }
      // Assess
      expect({ expected, pushed, reached: counted.contents() !== null }).toEqual({ expected, pushed, reached: kept.contents() !== null });
    }
  });

  it('keeps the last bytes in file order, whether or not the ring wrapped', () => {
    // Prepare
    const bytes = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
    const exact = new TailBuffer(16, 100);
    const longer = new TailBuffer(16, 90);
    // Act
    for (let at = 0; at < 100; at += 7) {
      exact.push(bytes.subarray(at, at + 7));
      longer.push(bytes.subarray(at, at + 7));
    }
    // Assess
    expect(exact.contents()).toEqual({ tail: bytes.subarray(84), tailOffset: 84 });
    expect(longer.contents()).toEqual({ tail: bytes.subarray(84), tailOffset: 84 });
  });
});

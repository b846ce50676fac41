/**
 * Size and integrity: what the stored bytes are versus what the browser announced (size, SHA-256),
 * and the 10 MiB limit, which the local S3 emulator does not enforce.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/domain/catalog.js';
import { inspectDocument, type DeclaredFile } from '../../src/domain/inspection/inspect-document.js';
import { chunks, makeExe, makeGif, makePdf, sha256Hex } from '../../testkit/files.js';

const PDF = 'application/pdf' as const;

function truthful(bytes: Buffer, overrides: Partial<DeclaredFile> = {}): DeclaredFile {
  return { documentType: 'MEDICAL_LICENSE', contentType: PDF, sizeBytes: bytes.length, sha256: sha256Hex(bytes), ...overrides };
}

const codes = (result: { issues: { code: string }[] }) => result.issues.map((issue) => issue.code);

describe('inspectDocument: sizes and checksums', () => {
  it('refuses an empty file with EMPTY_FILE only', async () => {
    // Prepare
    const empty = Buffer.alloc(0);
    // Act
    const result = await inspectDocument(chunks(empty), truthful(empty, { sizeBytes: 1 }));
    // Assess
    expect(codes(result)).toEqual(['EMPTY_FILE']);
    expect(result).toMatchObject({ sizeBytes: 0, detectedContentType: null, sha256: sha256Hex(empty) });
    expect(result.issues[0]?.message).toMatch(/empty/);
  });

  it('refuses 10 MiB + 1 byte with SIZE_LIMIT_EXCEEDED, still reporting the exact size and hash', async () => {
    // Prepare
    const pdf = makePdf({ padToBytes: LIMITS.maxFileBytes + 1 });
    // Act
    const result = await inspectDocument(chunks(pdf), truthful(pdf));
    // Assess
    expect(codes(result)).toEqual(['SIZE_LIMIT_EXCEEDED']);
    expect(result.sizeBytes).toBe(LIMITS.maxFileBytes + 1);
    expect(result.sha256).toBe(sha256Hex(pdf));
    expect(result.issues[0]?.message).toMatch(/just over the 10 MB limit/);
  });

  it('accepts a PDF of exactly 10 MiB', async () => {
    // Prepare
    const pdf = makePdf({ pages: 2, padToBytes: LIMITS.maxFileBytes });
    // Act
    const result = await inspectDocument(chunks(pdf), truthful(pdf));
    // Assess
    expect(result.issues).toEqual([]);
  });

  it('reports both the size and the format of an oversized GIF named .png', async () => {
    // Prepare
    const gif = Buffer.concat([makeGif(), Buffer.alloc(LIMITS.maxFileBytes)]);
    // Act
    const result = await inspectDocument(chunks(gif), truthful(gif, { contentType: 'image/png' }));
    // Assess
    expect(codes(result)).toEqual(['SIZE_LIMIT_EXCEEDED', 'UNSUPPORTED_FORMAT']);
  });

  it('streams a 50 MiB body it never holds, and refuses it for size', async () => {
    // Prepare: 800 chunks of one reused 64 KiB buffer, so the test itself holds only 64 KiB.
    const piece = Buffer.alloc(64 * 1024, 0x20);
    piece.write('%PDF-1.7\n');
    async function* body() {
      for (let i = 0; i < 800; i += 1) yield i === 0 ? piece : piece.fill(0x20);
    }
    // Act
    const result = await inspectDocument(body(), { documentType: 'MEDICAL_LICENSE', contentType: PDF, sizeBytes: 1, sha256: '0'.repeat(64) });
    // Assess
    expect(result.sizeBytes).toBe(800 * 64 * 1024);
    expect(codes(result)).toEqual(['SIZE_LIMIT_EXCEEDED']);
  });

  it('reports SIZE_MISMATCH (and not a redundant checksum issue) when the stored size differs', async () => {
    // Prepare
    const pdf = makePdf();
    // Act
    const result = await inspectDocument(chunks(pdf), truthful(pdf, { sizeBytes: pdf.length + 10 }));
    // Assess
    expect(codes(result)).toEqual(['SIZE_MISMATCH']);
    expect(result.issues[0]?.message).toMatch(/Upload the file again/);
  });

  it('reports CHECKSUM_MISMATCH when the bytes differ at the same size', async () => {
    // Prepare
    const pdf = makePdf();
    const other = makePdf({ pages: 2 });
    // Act
    const result = await inspectDocument(chunks(pdf), truthful(pdf, { sha256: sha256Hex(other) }));
    // Assess
    expect(codes(result)).toEqual(['CHECKSUM_MISMATCH']);
    expect(result.sha256).toBe(sha256Hex(pdf));
  });

  it('accepts the declared SHA-256 in upper case', async () => {
    // Prepare
    const pdf = makePdf();
    // Act
    const result = await inspectDocument(chunks(pdf), truthful(pdf, { sha256: sha256Hex(pdf).toUpperCase() }));
    // Assess
    expect(result.issues).toEqual([]);
  });

  it('reports a swapped object as both a format and a checksum problem', async () => {
    // Prepare: the browser hashed a PDF; a same-sized program sits in storage instead.
    const pdf = makePdf();
    const exe = Buffer.concat([makeExe(), Buffer.alloc(Math.max(0, pdf.length - 1024))]).subarray(0, pdf.length);
    // Act
    const result = await inspectDocument(chunks(exe), truthful(pdf));
    // Assess
    expect(codes(result)).toEqual(['FORMAT_MISMATCH', 'CHECKSUM_MISMATCH']);
  });
});

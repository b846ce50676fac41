/**
 * The single streaming pass must not depend on how the body is chunked, and must not keep
 * references to chunks it was given (S3 streams and pooled readers reuse their buffers).
 */
import { describe, expect, it } from 'vitest';
import type { ContentType, DocumentType } from '../../src/domain/catalog.js';
import { inspectDocument, type InspectionResult } from '../../src/domain/inspection/inspect-document.js';
import * as files from '../../testkit/files.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface Sample {
  name: string;
  bytes: Buffer;
  documentType: DocumentType;
  contentType: ContentType;
}

const SAMPLES: Sample[] = [
  { name: 'classic PDF', bytes: files.makePdf({ pages: 3 }), documentType: 'MEDICAL_LICENSE', contentType: 'application/pdf' },
  { name: 'PDF with object streams', bytes: files.makePdf({ pages: 3, objectStreams: true }), documentType: 'MEDICAL_LICENSE', contentType: 'application/pdf' },
  { name: 'padded PDF', bytes: files.makePdf({ objectStreams: true, padToBytes: 300_000 }), documentType: 'MEDICAL_LICENSE', contentType: 'application/pdf' },
  { name: 'encrypted PDF', bytes: files.makePdf({ encrypted: true }), documentType: 'MEDICAL_LICENSE', contentType: 'application/pdf' },
  { name: 'PDF without pages', bytes: files.makePdfWithoutPages(), documentType: 'MEDICAL_LICENSE', contentType: 'application/pdf' },
  { name: 'noisy PNG', bytes: files.makePng(300, 200, { noisy: true }), documentType: 'MEDICAL_LICENSE', contentType: 'image/png' },
  { name: 'truncated PNG', bytes: files.makePng(300, 200, { noisy: true }).subarray(0, 90_000), documentType: 'MEDICAL_LICENSE', contentType: 'image/png' },
  { name: 'JPEG', bytes: files.makeJpeg(200, 150), documentType: 'MEDICAL_LICENSE', contentType: 'image/jpeg' },
  { name: 'TIFF with trailing directory', bytes: files.makeTiff(400, 300, { ifdAtEnd: true }), documentType: 'MEDICAL_LICENSE', contentType: 'image/tiff' },
  {
    name: '300 KiB DOCX',
    bytes: files.makeZipFrom([{ name: 'word/media/photo.jpg', data: files.noise(300 * 1024) }, ...files.docxParts()]),
    documentType: 'CURRICULUM_VITAE',
    contentType: DOCX,
  },
];

function inspect(sample: Sample, body: AsyncIterable<Uint8Array>): Promise<InspectionResult> {
  return inspectDocument(body, { documentType: sample.documentType, contentType: sample.contentType, sizeBytes: sample.bytes.length, sha256: files.sha256Hex(sample.bytes) });
}

/** Yields every slice through one reused buffer, as pooled stream readers do. */
async function* throughOneBuffer(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  const shared = Buffer.alloc(size);
  for (let at = 0; at < bytes.length; at += size) {
    const length = bytes.copy(shared, 0, at, at + size);
    yield shared.subarray(0, length);
    shared.fill(0xaa); // whatever the inspector kept a reference to is now garbage
  }
}

/** Plain Uint8Array chunks, not Buffers. */
async function* asUint8Arrays(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield new Uint8Array(bytes.subarray(at, at + size));
}

describe('inspectDocument: chunking does not change the verdict', () => {
  it.each(SAMPLES)('gives the same result for $name however it is sliced', async (sample) => {
    // Prepare
    const reference = await inspect(sample, files.chunks(sample.bytes, sample.bytes.length));
    const sizes = sample.bytes.length <= 20_000 ? [1, 7, 4096, 65_536] : [7, 1000, 4096, 65_536, 1024 * 1024];
    // Act
    const results = await Promise.all(sizes.map((size) => inspect(sample, files.chunks(sample.bytes, size))));
    // Assess
    for (const result of results) expect(result).toEqual(reference);
    expect(reference.sha256).toBe(files.sha256Hex(sample.bytes));
    expect(reference.sizeBytes).toBe(sample.bytes.length);
  });

  it.each(SAMPLES)('keeps no reference to the chunks of $name', async (sample) => {
    // Prepare
    const reference = await inspect(sample, files.chunks(sample.bytes));
    // Act
    const reused = await inspect(sample, throughOneBuffer(sample.bytes, 1000));
    // Assess
    expect(reused).toEqual(reference);
  });

  it('accepts plain Uint8Array chunks', async () => {
    // Prepare
    const sample = SAMPLES[1]!;
    // Act
    const result = await inspect(sample, asUint8Arrays(sample.bytes, 100));
    // Assess
    expect(result.issues).toEqual([]);
  });
});

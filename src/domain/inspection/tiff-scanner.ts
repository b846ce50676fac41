/**
 * Streaming TIFF check. The 8-byte header names the offset of the first image file directory
 * (IFD); writers put it right after the header or after the pixel data, so we capture it when the
 * stream reaches that offset (never holding the bytes in between). The IFD must give plausible
 * dimensions, a compression viewers know, and strips or tiles that lie inside the file.
 */
import type { FileEnds, StructureFinding, StructureScanner } from './structure-scanner.js';
import { corrupt } from './structure-scanner.js';
import { judgeDimensions } from './image-limits.js';
import { fileMessages } from './messages.js';

const TAG = {
  width: 256, height: 257, compression: 259,
  stripOffsets: 273, stripByteCounts: 279, tileOffsets: 324, tileByteCounts: 325,
} as const;
/** Bytes per value for each TIFF field type (1 BYTE … 13 IFD). */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
/** None, CCITT fax (common for document scans), LZW, JPEG, Deflate, PackBits. */
const KNOWN_COMPRESSIONS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 32773, 32946]);
const MAX_ENTRIES = 4096;

interface Capture {
  start: number;
  bytes: Buffer;
  filled: number;
  then: (bytes: Buffer) => void;
}

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** The inline value (SHORT or LONG) or, when the values do not fit in 4 bytes, their offset. */
  value: number;
  inline: boolean;
}

export class TiffScanner implements StructureScanner {
  readonly readsTail = false;
  private position = 0;
  private littleEndian = true;
  private capture: Capture | null = { start: 0, bytes: Buffer.alloc(8), filled: 0, then: (b) => this.readHeader(b) };
  private entries: Entry[] | null = null;
  private nextIfd = 0;
  private problem: StructureFinding | null = null;

  push(chunk: Buffer): void {
    const chunkStart = this.position;
    this.position += chunk.length;
    // A finished capture may request the next one inside the same chunk.
    while (this.capture && this.problem === null) {
      const capture = this.capture;
      const from = capture.start + capture.filled;
      if (from >= this.position) return;
      if (from < chunkStart) return this.fail(this.damaged()); // asked for bytes already gone
      const take = Math.min(capture.bytes.length - capture.filled, this.position - from);
      chunk.copy(capture.bytes, capture.filled, from - chunkStart, from - chunkStart + take);
      capture.filled += take;
      if (capture.filled < capture.bytes.length) return;
      this.capture = null;
      capture.then(capture.bytes);
    }
  }

  finish({ size }: FileEnds): StructureFinding | null {
    if (this.problem) return this.problem;
    if (!this.entries) return this.damaged();
    return this.judgeDirectory(this.entries, size);
  }

  private readHeader(header: Buffer): void {
    const order = header.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') return this.fail(this.damaged());
    this.littleEndian = order === 'II';
    const version = this.u16(header, 2);
    if (version === 43) return this.fail({ code: 'UNSUPPORTED_FORMAT', message: fileMessages.imageVariantUnsupported('a BigTIFF image') });
    const ifdOffset = this.u32(header, 4);
    if (version !== 42 || ifdOffset < 8) return this.fail(this.damaged());
    this.capture = { start: ifdOffset, bytes: Buffer.alloc(2), filled: 0, then: (b) => this.readEntryCount(ifdOffset, b) };
  }

  private readEntryCount(ifdOffset: number, bytes: Buffer): void {
    const count = this.u16(bytes, 0);
    if (count === 0 || count > MAX_ENTRIES) return this.fail(this.damaged());
    this.capture = { start: ifdOffset + 2, bytes: Buffer.alloc(count * 12 + 4), filled: 0, then: (b) => this.readEntries(b) };
  }

  private readEntries(bytes: Buffer): void {
    const count = (bytes.length - 4) / 12;
    const entries: Entry[] = [];
    for (let i = 0; i < count; i += 1) {
      const at = i * 12;
      const type = this.u16(bytes, at + 2);
      const entryCount = this.u32(bytes, at + 4);
      const inline = (TYPE_SIZE[type] ?? 0) * entryCount <= 4;
      const value = inline && type === 3 ? this.u16(bytes, at + 8) : this.u32(bytes, at + 8);
      entries.push({ tag: this.u16(bytes, at), type, count: entryCount, value, inline });
    }
    this.entries = entries;
    this.nextIfd = this.u32(bytes, bytes.length - 4);
  }

  private judgeDirectory(entries: Entry[], size: number): StructureFinding | null {
    const find = (tag: number) => entries.find((entry) => entry.tag === tag);
    for (const entry of entries) {
      const typeSize = TYPE_SIZE[entry.type];
      // Unknown field types are skipped by readers; known ones must point inside the file.
      if (typeSize !== undefined && !entry.inline && entry.value + entry.count * typeSize > size) return this.damaged();
    }
    if (this.nextIfd !== 0 && this.nextIfd >= size) return this.damaged();

    const width = find(TAG.width);
    const height = find(TAG.height);
    if (!width?.inline || !height?.inline) return this.damaged();
    const compression = find(TAG.compression)?.value ?? 1;
    if (!KNOWN_COMPRESSIONS.has(compression)) {
      return { code: 'UNSUPPORTED_FORMAT', message: fileMessages.imageVariantUnsupported('a TIFF with an unusual compression method') };
    }
    const offsets = find(TAG.stripOffsets) ?? find(TAG.tileOffsets);
    const counts = find(TAG.stripByteCounts) ?? find(TAG.tileByteCounts);
    if (!offsets || !counts || offsets.count !== counts.count || offsets.count === 0) return this.damaged();
    // A single strip or tile is described inline: its data must lie inside the file.
    if (offsets.count === 1 && offsets.value + counts.value > size) return this.damaged();
    return judgeDimensions('TIFF', width.value, height.value);
  }

  private u16(bytes: Buffer, at: number): number {
    return this.littleEndian ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at);
  }

  private u32(bytes: Buffer, at: number): number {
    return this.littleEndian ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at);
  }

  private damaged(): StructureFinding {
    return corrupt(fileMessages.imageDamaged('TIFF'));
  }

  private fail(finding: StructureFinding): void {
    this.problem = finding;
    this.capture = null;
  }
}

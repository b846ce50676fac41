/**
 * Streaming JPEG check: SOI, then marker segments (skipped by their length, except the frame
 * header SOFn, whose dimensions are judged) up to the first scan (SOS); then the entropy-coded
 * data must reach an EOI marker. Bytes after EOI are allowed: phones append previews and motion
 * clips there (MPF, Motion Photo), and viewers ignore them.
 */
import type { FileEnds, StructureFinding, StructureScanner } from './structure-scanner.js';
import { corrupt } from './structure-scanner.js';
import { judgeDimensions } from './image-limits.js';
import { fileMessages } from './messages.js';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const EOI_BYTES = Buffer.from([0xff, EOI]);
/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const FRAME_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
/** A frame header is 8 bytes plus 3 per component, and there are at most 4 components. */
const MAX_FRAME_HEADER = 8 + 3 * 4;

type Phase = 'soi' | 'marker' | 'length' | 'segment' | 'entropy' | 'done';

export class JpegScanner implements StructureScanner {
  readonly readsTail = false;
  private phase: Phase = 'soi';
  private marker = 0;
  private pending = Buffer.alloc(MAX_FRAME_HEADER);
  private pendingLength = 0;
  private segmentLeft = 0;
  private frame: Buffer | null = null;
  private lastByteWasFF = false;
  private problem: StructureFinding | null = null;

  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length && this.problem === null && this.phase !== 'done') {
      switch (this.phase) {
        case 'soi':
          pos = this.fill(chunk, pos, 2);
          if (this.pendingLength === 2) this.expect(this.pending[0] === 0xff && this.pending[1] === SOI, 'marker');
          break;
        case 'marker':
          pos = this.readMarker(chunk, pos);
          break;
        case 'length':
          pos = this.fill(chunk, pos, 2);
          if (this.pendingLength === 2) this.startSegment(this.pending.readUInt16BE(0) - 2);
          break;
        case 'segment':
          pos = this.isFrame() ? this.fill(chunk, pos, this.segmentLeft) : this.skip(chunk, pos);
          if (this.isFrame() && this.pendingLength === this.segmentLeft) this.endFrame();
          break;
        case 'entropy':
          pos = this.searchEoi(chunk, pos);
          break;
        default:
          return;
      }
    }
  }

  finish(_ends: FileEnds): StructureFinding | null {
    if (this.problem) return this.problem;
    if (this.phase !== 'done') return corrupt(fileMessages.imageDamaged('JPEG'));
    return null;
  }

  /** Copies up to `size` bytes into `pending`; returns the new position. */
  private fill(chunk: Buffer, pos: number, size: number): number {
    const take = Math.min(size - this.pendingLength, chunk.length - pos);
    chunk.copy(this.pending, this.pendingLength, pos, pos + take);
    this.pendingLength += take;
    return pos + take;
  }

  private expect(ok: boolean, next: Phase): void {
    this.pendingLength = 0;
    if (ok) this.phase = next;
    else this.problem = corrupt(fileMessages.imageDamaged('JPEG'));
  }

  /** A marker is 0xFF (repeated as fill) followed by its code. */
  private readMarker(chunk: Buffer, pos: number): number {
    const byte = chunk[pos] ?? 0;
    if (!this.lastByteWasFF) {
      this.expect(byte === 0xff, 'marker');
      this.lastByteWasFF = byte === 0xff;
      return pos + 1;
    }
    if (byte === 0xff) return pos + 1;
    this.lastByteWasFF = false;
    this.marker = byte;
    const standalone = byte === 0x01 || (byte >= 0xd0 && byte <= 0xd7);
    // Before the first scan only segments with a length may appear; EOI or a second SOI is damage.
    if (byte === 0x00 || byte === SOI || byte === EOI) this.expect(false, 'marker');
    else if (!standalone) this.phase = 'length';
    return pos + 1;
  }

  private startSegment(length: number): void {
    this.pendingLength = 0;
    if (length < 0 || (this.isFrame() && (length < 6 || length > MAX_FRAME_HEADER - 2))) {
      this.problem = corrupt(fileMessages.imageDamaged('JPEG'));
      return;
    }
    if (this.isFrame() && this.frame) {
      this.problem = corrupt(fileMessages.imageDamaged('JPEG')); // two frames in one image
      return;
    }
    this.segmentLeft = length;
    this.phase = length === 0 ? this.afterSegment() : 'segment';
  }

  private skip(chunk: Buffer, pos: number): number {
    const take = Math.min(this.segmentLeft, chunk.length - pos);
    this.segmentLeft -= take;
    if (this.segmentLeft === 0) this.phase = this.afterSegment();
    return pos + take;
  }

  private afterSegment(): Phase {
    if (this.marker !== SOS) return 'marker';
    if (!this.frame) this.problem = corrupt(fileMessages.imageDamaged('JPEG')); // a scan needs a frame first
    return 'entropy';
  }

  private isFrame(): boolean {
    return FRAME_MARKERS.has(this.marker);
  }

  /** Frame header: precision, height, width, component count, then 3 bytes per component. */
  private endFrame(): void {
    const header = this.pending.subarray(0, this.segmentLeft);
    this.pendingLength = 0;
    const components = header[5] ?? 0;
    if (components < 1 || components > 4 || header.length !== 6 + 3 * components) {
      this.problem = corrupt(fileMessages.imageDamaged('JPEG'));
      return;
    }
    this.frame = Buffer.from(header);
    this.problem = judgeDimensions('JPEG', header.readUInt16BE(3), header.readUInt16BE(1));
    this.segmentLeft = 0;
    this.phase = 'marker';
  }

  /** Entropy-coded data escapes 0xFF as FF 00, so FF D9 is the end of the image. */
  private searchEoi(chunk: Buffer, pos: number): number {
    if (this.lastByteWasFF && chunk[pos] === EOI) {
      this.phase = 'done';
      return chunk.length;
    }
    const at = chunk.indexOf(EOI_BYTES, pos);
    if (at >= 0) {
      this.phase = 'done';
      return chunk.length;
    }
    this.lastByteWasFF = chunk[chunk.length - 1] === 0xff;
    return chunk.length;
  }
}

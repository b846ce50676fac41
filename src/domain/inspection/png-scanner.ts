/**
 * Streaming PNG check: signature, then chunks (length, type, data, CRC-32) from IHDR to IEND. Chunk
 * order, lengths and types are checked as the bytes pass, so a truncated file is caught without
 * holding it; pixel data is never inflated (the IHDR dimensions bound the pixel count). CRCs are
 * verified for every chunk except IDAT (the pixel data, nearly all of the file): computing them
 * cost about half as much again as the SHA-256 that already proves the stored bytes are the ones
 * the browser hashed, and they protect nothing an attacker cannot recompute (docs/validation.md
 * "Decision: PNG IDAT CRCs are not computed").
 */
import { crc32 } from 'node:zlib';
import type { FileEnds, StructureFinding, StructureScanner } from './structure-scanner.js';
import { corrupt } from './structure-scanner.js';
import { judgeDimensions } from './image-limits.js';
import { fileMessages } from './messages.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_CHUNK_LENGTH = 0x7fffffff;
/** Bit depths each colour type allows (PNG spec, table 11.1). */
const BIT_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);
/** `IDAT` read as a big-endian number. */
const IDAT = 0x49444154;

type Phase = 'signature' | 'header' | 'data' | 'crc' | 'ended';

export class PngScanner implements StructureScanner {
  readonly readsTail = false;
  private phase: Phase = 'signature';
  /** Collects the fixed-size pieces: signature (8), chunk header (8), CRC (4), IHDR data (13). */
  private pending = Buffer.alloc(13);
  private pendingLength = 0;
  private chunkType = '';
  private dataLeft = 0;
  private crc = 0;
  private ihdr: Buffer | null = null;
  private seen = new Set<string>();
  private problem: StructureFinding | null = null;

  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length && this.problem === null) {
      if (this.phase === 'ended') {
        // Bytes after IEND are how image/script polyglots hide a payload.
        this.problem = corrupt(fileMessages.imageDamaged('PNG'));
        return;
      }
      if (this.phase === 'data' && this.chunkType !== 'IHDR') {
        const take = Math.min(this.dataLeft, chunk.length - pos);
        if (this.chunkType !== 'IDAT') this.crc = crc32(chunk.subarray(pos, pos + take), this.crc);
        this.dataLeft -= take;
        pos += take;
        if (this.dataLeft === 0) this.phase = 'crc';
        continue;
      }
      if (this.pendingLength === 0 && this.continuesPixelData(chunk, pos)) {
        pos = this.passPixelPiece(chunk, pos);
        continue;
      }
      const need = this.phase === 'signature' || this.phase === 'header' ? 8 : this.phase === 'crc' ? 4 : 13;
      const take = Math.min(need - this.pendingLength, chunk.length - pos);
      chunk.copy(this.pending, this.pendingLength, pos, pos + take);
      this.pendingLength += take;
      pos += take;
      if (this.pendingLength === need) {
        this.pendingLength = 0;
        this.completePiece(this.pending.subarray(0, need));
      }
    }
  }

  finish(_ends: FileEnds): StructureFinding | null {
    if (this.problem) return this.problem;
    if (this.phase !== 'ended' || !this.ihdr || !this.seen.has('IDAT')) return corrupt(fileMessages.imageDamaged('PNG'));
    return null;
  }

  private completePiece(piece: Buffer): void {
    switch (this.phase) {
      case 'signature':
        if (!piece.equals(SIGNATURE)) this.fail();
        this.phase = 'header';
        return;
      case 'header':
        return this.startChunk(piece.readUInt32BE(0), piece.toString('latin1', 4, 8), piece.subarray(4, 8));
      case 'data': // IHDR's 13 bytes, kept for the dimension check
        this.ihdr = Buffer.from(piece);
        this.crc = crc32(piece, this.crc);
        this.phase = 'crc';
        return;
      case 'crc':
        if (this.chunkType !== 'IDAT' && piece.readUInt32BE(0) !== this.crc) return this.fail();
        if (this.chunkType === 'IHDR') this.problem = this.judgeHeader();
        this.phase = this.chunkType === 'IEND' ? 'ended' : 'header';
        return;
      default:
        return;
    }
  }

  /**
   * Another IDAT's header, or an IDAT's CRC (never computed), whole in this chunk: read in place,
   * without the copy, string and checks the first IDAT already passed (most of a PNG's pieces).
   */
  private continuesPixelData(chunk: Buffer, pos: number): boolean {
    if (this.phase === 'crc') return this.chunkType === 'IDAT' && pos + 4 <= chunk.length;
    return this.phase === 'header' && pos + 8 <= chunk.length && chunk.readUInt32BE(pos + 4) === IDAT && this.seen.has('IDAT');
  }

  private passPixelPiece(chunk: Buffer, pos: number): number {
    if (this.phase === 'crc') {
      this.phase = 'header';
      return pos + 4;
    }
    const length = chunk.readUInt32BE(pos);
    if (length > MAX_CHUNK_LENGTH) {
      this.fail();
      return pos + 8;
    }
    this.chunkType = 'IDAT';
    this.dataLeft = length;
    this.phase = length === 0 ? 'crc' : 'data';
    return pos + 8;
  }

  private startChunk(length: number, type: string, typeBytes: Buffer): void {
    const first = this.seen.size === 0;
    if (length > MAX_CHUNK_LENGTH || !/^[A-Za-z]{4}$/.test(type)) return this.fail();
    if (first !== (type === 'IHDR') || (type === 'IHDR' && length !== 13) || (type === 'IEND' && length !== 0)) return this.fail();
    // An unknown critical chunk (upper-case first letter) means viewers must refuse the image.
    if (/^[A-Z]/.test(type) && !CRITICAL.has(type)) return this.fail();
    if (type === 'IDAT' && this.ihdr?.[9] === 3 && !this.seen.has('PLTE')) return this.fail();
    this.seen.add(type);
    this.chunkType = type;
    this.dataLeft = length;
    this.crc = crc32(typeBytes);
    this.phase = length === 0 ? 'crc' : 'data';
  }

  private judgeHeader(): StructureFinding | null {
    const ihdr = this.ihdr;
    if (!ihdr) return corrupt(fileMessages.imageDamaged('PNG'));
    const [bitDepth, colorType, compression, filter, interlace] = [ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]];
    const depthOk = colorType !== undefined && bitDepth !== undefined && (BIT_DEPTHS[colorType]?.includes(bitDepth) ?? false);
    if (!depthOk || compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) {
      return corrupt(fileMessages.imageDamaged('PNG'));
    }
    return judgeDimensions('PNG', ihdr.readUInt32BE(0), ihdr.readUInt32BE(4));
  }

  private fail(): void {
    this.problem = corrupt(fileMessages.imageDamaged('PNG'));
  }
}

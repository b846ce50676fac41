/**
 * Streaming PDF structure scanner. A PDF is a header, a body of numbered objects (some carrying
 * binary streams), cross-reference sections (an `xref` table or, from PDF 1.5, an XRef stream), a
 * trailer dictionary and `startxref <offset> %%EOF`. Readers seek; we cannot, so this walks the
 * bytes once, tokenizing everything but stream data (pdf-lexer.ts), and remembers only what the
 * verdict needs (pdf-structure.ts). Stream data is skipped by its /Length, and `endstream` is
 * verified where the length says; it is searched for only when the length is indirect or wrong.
 * Object streams are inflated and tokenized on the fly (pdf-object-stream.ts).
 */
import type { FileEnds, StructureFinding, StructureScanner } from './structure-scanner.js';
import { PdfLexer } from './pdf-lexer.js';
import { Skim, Skimmer } from './pdf-skim.js';
import { PdfStructure } from './pdf-structure.js';
import { judgePdf } from './pdf-verdict.js';
import { skipXrefTable } from './pdf-xref-table.js';

const ENDSTREAM = Buffer.from('endstream', 'latin1');

/** Bytes kept from before the end a /Length announced, to find an `endstream` a little early. */
const SLACK = 32;

const enum Mode {
  Skim,
  XrefTable,
  Tokens,
  StreamEol,
  Skip,
  Verify,
  Search,
}

export interface PdfScannerOptions {
  /** Skim the bytes between streams at native speed (pdf-skim.ts); off, every byte is tokenized. */
  skim?: boolean;
  /** While skimming, walk runs of ordinary objects in one pass (pdf-skim-walk.ts) before searching. */
  walk?: boolean;
}

export class PdfScanner implements StructureScanner {
  readonly readsTail = true;
  private readonly skimming: boolean;
  private readonly structure: PdfStructure;
  private readonly lexer: PdfLexer;
  private readonly skimmer: Skimmer;
  private mode: Mode;
  /** File offset of the next byte pushed. */
  private offset = 0;
  private sawCr = false;
  private skipLeft = 0;
  /** The last bytes before the current position in stream data (for `endstream` a little early). */
  private recent = Buffer.alloc(SLACK * 2);
  private recentLength = 0;
  private verify = Buffer.alloc(SLACK * 2);
  private verifyLength = 0;
  /** Where stream data started in the current chunk (0 when it started before). */
  private dataFrom = 0;
  /** Where the current stream's data started in the current chunk, or -1 (before it). */
  private dataStartHere = -1;
  /** Set by `finish`: the file needed rebuilding from its objects, as viewers do. */
  repaired = false;

  constructor({ skim = true, walk = true }: PdfScannerOptions = {}) {
    this.skimming = skim;
    this.skimmer = new Skimmer(walk);
    this.structure = new PdfStructure(() => this.lexer.pause(), skim);
    this.lexer = new PdfLexer(this.structure);
    this.mode = skim ? Mode.Skim : Mode.Tokens;
  }

  async push(chunk: Buffer): Promise<void> {
    let pos = 0;
    this.dataFrom = 0;
    this.dataStartHere = -1;
    while (pos < chunk.length) {
      switch (this.mode) {
        case Mode.Skim:
          pos = this.skim(chunk, pos);
          break;
        case Mode.XrefTable:
          pos = this.xrefTable(chunk, pos);
          break;
        case Mode.Tokens:
          pos = this.lexer.feed(chunk, pos, chunk.length, this.offset);
          if (this.structure.streamStarts) {
            this.structure.streamStarts = false;
            this.mode = Mode.StreamEol;
            this.sawCr = false;
          } else if (this.structure.xrefStarts) {
            this.structure.xrefStarts = false;
            this.mode = Mode.XrefTable;
          } else if (this.structure.objectEnded) {
            this.structure.objectEnded = false;
            this.mode = Mode.Skim;
          }
          break;
        case Mode.StreamEol:
          pos = this.streamEol(chunk, pos);
          break;
        case Mode.Skip:
          // Most of a big PDF: skipped without awaiting unless an object stream is being read.
          if (this.structure.readingObjectStream) pos = await this.skip(chunk, pos);
          else if (this.skipLeft >= chunk.length - pos) {
            this.skipLeft -= chunk.length - pos;
            pos = chunk.length;
          } else {
            pos = this.skipToEnd(chunk, pos);
          }
          break;
        case Mode.Verify:
          pos = await this.verifyEnd(chunk, pos);
          break;
        case Mode.Search:
          pos = await this.search(chunk, pos, chunk.length);
          break;
      }
    }
    this.skimmer.release();
    if (this.mode === Mode.Skip || this.mode === Mode.Search) this.remember(chunk, this.dataFrom, chunk.length);
    this.offset += chunk.length;
  }

  async finish(ends: FileEnds): Promise<StructureFinding | null> {
    if (this.mode === Mode.Tokens || this.mode === Mode.Skim || this.mode === Mode.XrefTable) this.lexer.flush();
    else this.structure.endsInsideStream(this.offset);
    await this.structure.end();
    const verdict = judgePdf(this.structure, ends);
    this.repaired = verdict.repaired;
    return verdict.finding;
  }

  /** Skims from a point between objects; the tokenizer takes over wherever skimming cannot. */
  private skim(chunk: Buffer, from: number): number {
    this.skimmer.needKinds = this.structure.needsKinds;
    const outcome = this.skimmer.skim(chunk, from, chunk.length);
    const at = this.skimmer.at;
    if (outcome === Skim.Stream) {
      const { objectNumber, generation, objectStart, length } = this.skimmer;
      this.structure.streamFound(objectNumber, generation, this.offset + objectStart, length);
      this.structure.streamStarts = false;
      this.mode = Mode.StreamEol;
      this.sawCr = false;
      return at;
    }
    if (outcome === Skim.Boundary) this.structure.skippedTo(this.offset + at);
    this.lexer.reset();
    this.mode = Mode.Tokens;
    return at;
  }

  /** An `xref` table's rows carry nothing the check needs; they are skipped while they look like rows. */
  private xrefTable(chunk: Buffer, from: number): number {
    const end = skipXrefTable(chunk, from);
    if (end < chunk.length) {
      this.lexer.reset();
      this.mode = Mode.Tokens;
    }
    return end;
  }

  /** `stream` is followed by CRLF or LF; stray spaces and a lone CR are tolerated. */
  private streamEol(chunk: Buffer, from: number): number {
    let pos = from;
    while (pos < chunk.length) {
      const byte = chunk[pos]!;
      if (this.sawCr) {
        if (byte === 0x0a) pos += 1;
        return this.startData(pos);
      }
      if (byte === 0x0d) this.sawCr = true;
      else if (byte === 0x0a) return this.startData(pos + 1);
      else if (byte !== 0x20 && byte !== 0x09) return this.startData(pos);
      pos += 1;
    }
    return pos;
  }

  private startData(pos: number): number {
    this.recentLength = 0;
    this.dataFrom = pos;
    this.dataStartHere = pos;
    const length = this.structure.streamLength;
    this.structure.streamDataStarts(this.offset + pos);
    if (length >= 0) {
      this.skipLeft = length;
      this.mode = Mode.Skip;
    } else {
      this.mode = Mode.Search;
    }
    return pos;
  }

  /** The data ends in this chunk: `endstream` is checked where the length says, without copying. */
  private skipToEnd(chunk: Buffer, from: number): number {
    const end = from + this.skipLeft;
    this.skipLeft = 0;
    let at = end;
    while (at < end + 4 && at < chunk.length && (chunk[at] === 0x0d || chunk[at] === 0x0a || chunk[at] === 0x20)) at += 1;
    let matched = 0;
    while (matched < ENDSTREAM.length && chunk[at + matched] === ENDSTREAM[matched]) matched += 1;
    if (matched === ENDSTREAM.length) {
      this.structure.closeStream(this.offset + at);
      return this.afterEndstream(at + ENDSTREAM.length);
    }
    this.remember(chunk, from, end);
    this.mode = Mode.Verify;
    this.verifyLength = 0;
    return end;
  }

  private async skip(chunk: Buffer, from: number): Promise<number> {
    const take = Math.min(this.skipLeft, chunk.length - from);
    const feeding = this.structure.streamData(chunk, from, from + take);
    if (feeding) await feeding;
    this.skipLeft -= take;
    if (this.skipLeft > 0) return from + take;
    this.remember(chunk, from, from + take);
    this.mode = Mode.Verify;
    this.verifyLength = 0;
    return from + take;
  }

  /** After the announced length: optional end-of-line, then `endstream`. */
  private async verifyEnd(chunk: Buffer, from: number): Promise<number> {
    const take = Math.min(this.verify.length - this.verifyLength, chunk.length - from);
    chunk.copy(this.verify, this.verifyLength, from, from + take);
    this.verifyLength += take;
    let at = 0;
    while (at < this.verifyLength && at < 4 && (this.verify[at] === 0x0d || this.verify[at] === 0x0a || this.verify[at] === 0x20)) at += 1;
    // Compare byte by byte (no slices: this runs once per stream).
    let matched = 0;
    while (matched < ENDSTREAM.length && at + matched < this.verifyLength && this.verify[at + matched] === ENDSTREAM[matched]) matched += 1;
    if (matched === ENDSTREAM.length) {
      const end = from + (at + ENDSTREAM.length - (this.verifyLength - take));
      return this.streamEnds(end, this.offset);
    }
    if (at + matched === this.verifyLength && this.verifyLength < at + ENDSTREAM.length) return from + take;
    // The length was wrong. When the data started in this chunk, the first `endstream` after its start ends it.
    this.structure.lengthWasWrong();
    if (this.dataStartHere >= 0) {
      const first = chunk.indexOf(ENDSTREAM, this.dataStartHere);
      if (first >= 0 && first < from + take) {
        await this.structure.closeStream(this.offset + first);
        return this.afterEndstream(first + ENDSTREAM.length);
      }
    }
    // Otherwise look for it from a little before where the length pointed.
    const window = Buffer.concat([this.recent.subarray(0, this.recentLength), this.verify.subarray(0, this.verifyLength)]);
    const found = window.indexOf(ENDSTREAM);
    this.mode = Mode.Search;
    if (found < 0) {
      this.recentLength = 0;
      this.remember(window, 0, window.length);
      return from + take;
    }
    const chunkPart = window.length - take; // where this chunk's bytes begin in the window
    const windowStart = this.offset + from - chunkPart;
    {
      const work = this.structure.closeStream(windowStart + found);
      if (work) await work;
    }
    this.afterEndstream(0);
    const after = found + ENDSTREAM.length;
    if (after >= chunkPart) return from + (after - chunkPart);
    // `endstream` ended before this chunk: read what followed it up to here as tokens.
    this.mode = Mode.Tokens;
    this.feedAll(window, after, chunkPart, windowStart);
    return from;
  }

  private async search(chunk: Buffer, from: number, to: number): Promise<number> {
    // `endstream` may straddle the bytes before `from` and these: look at the seam first.
    if (this.recentLength > 0) {
      const before = this.recent.subarray(Math.max(0, this.recentLength - ENDSTREAM.length + 1), this.recentLength);
      const after = chunk.subarray(from, Math.min(to, from + ENDSTREAM.length - 1));
      this.recentLength = 0;
      const inSeam = Buffer.concat([before, after]).indexOf(ENDSTREAM);
      if (inSeam >= 0) {
        const end = from + inSeam + ENDSTREAM.length - before.length;
        {
      const work = this.structure.closeStream(this.offset + end - ENDSTREAM.length);
      if (work) await work;
    }
        return this.afterEndstream(end);
      }
    }
    const found = chunk.subarray(0, to).indexOf(ENDSTREAM, from);
    if (found < 0) {
      {
      const work = this.structure.streamData(chunk, from, to);
      if (work) await work;
    }
      return to;
    }
    {
      const work = this.structure.streamData(chunk, from, found);
      if (work) await work;
    }
    {
      const work = this.structure.closeStream(this.offset + found);
      if (work) await work;
    }
    return this.afterEndstream(found + ENDSTREAM.length);
  }

  private afterEndstream(pos: number): number {
    this.mode = this.skimming ? Mode.Skim : Mode.Tokens;
    this.lexer.reset();
    this.recentLength = 0;
    return pos;
  }

  private async streamEnds(pos: number, base: number): Promise<number> {
    {
      const work = this.structure.closeStream(base + pos - ENDSTREAM.length);
      if (work) await work;
    }
    return this.afterEndstream(pos);
  }

  /** Tokenizes all of `bytes[from, to)`, past pauses at `endobj` and `xref` (not at `stream`, as before). */
  private feedAll(bytes: Buffer, from: number, to: number, base: number): void {
    let pos = from;
    do {
      this.structure.objectEnded = this.structure.xrefStarts = false;
      pos = this.lexer.feed(bytes, pos, to, base);
    } while (pos < to && !this.structure.streamStarts);
    this.structure.objectEnded = this.structure.xrefStarts = false;
  }

  /** Keeps the last SLACK bytes of `chunk[from, to)` after what is already kept. */
  private remember(chunk: Buffer, from: number, to: number): void {
    const length = to - from;
    if (length >= SLACK) {
      chunk.copy(this.recent, 0, to - SLACK, to);
      this.recentLength = SLACK;
      return;
    }
    const keep = Math.min(this.recentLength, SLACK - length);
    this.recent.copy(this.recent, 0, this.recentLength - keep, this.recentLength);
    chunk.copy(this.recent, keep, from, to);
    this.recentLength = keep + length;
  }
}

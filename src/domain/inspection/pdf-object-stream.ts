/**
 * Looks for a page inside a PDF object stream (PDF 1.5+ keeps most objects, pages included, in
 * /Type /ObjStm streams). A compressed stream is inflated as its bytes arrive, scanned and dropped:
 * memory stays at zlib's window plus a small overlap, and output stops at a budget so a deflate
 * bomb costs bounded time.
 */
import { constants, createInflate, type Inflate } from 'node:zlib';

/** `/Type /Page`, not `/Type /Pages`; a PDF name ends at whitespace or a delimiter. */
export const PAGE_TYPE = /\/Type\s*\/Page(?![^\s/<>[\]()%{}])/;
const OVERLAP = 32;

export interface PageSearch {
  readonly found: boolean;
  readonly failed: boolean;
  /** Bytes examined after decoding; the caller charges them to the file's budget. */
  readonly produced: number;
  write(bytes: Buffer): Promise<void>;
  end(): Promise<void>;
}

/** Scans decoded text for a page, remembering a little overlap across pieces. */
class TextScan {
  private carry = '';
  found = false;
  produced = 0;

  /** Returns true when scanning should stop (page found or budget spent). */
  scan(piece: Buffer, budget: number): boolean {
    if (this.found) return true;
    this.produced += piece.length;
    const text = this.carry + piece.toString('latin1');
    this.found = PAGE_TYPE.test(text);
    this.carry = text.slice(-OVERLAP);
    return this.found || this.produced >= budget;
  }
}

export class FlateObjectStreamSearch implements PageSearch {
  private readonly inflate: Inflate;
  private readonly finished: Promise<void>;
  private readonly text = new TextScan();
  failed = false;

  constructor(private readonly budget: number) {
    // SYNC_FLUSH at the end: a stream cut short still yields what it holds, without an error.
    this.inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    this.inflate.on('data', (piece: Buffer) => {
      if (this.text.scan(piece, this.budget)) this.inflate.destroy();
    });
    this.finished = new Promise((resolve) => {
      // `on`, not `once`: a write racing a destroy may report a second error.
      this.inflate.on('error', () => {
        this.failed = !this.text.found;
        resolve();
      });
      this.inflate.once('end', resolve);
      this.inflate.once('close', resolve);
    });
  }

  get found(): boolean {
    return this.text.found;
  }

  get produced(): number {
    return this.text.produced;
  }

  /** Resolves once zlib has consumed `bytes`, so input never piles up in memory. */
  write(bytes: Buffer): Promise<void> {
    if (this.inflate.destroyed || this.inflate.writableEnded || bytes.length === 0) return Promise.resolve();
    // After an error zlib may never call the write callback; the stream's end settles it then.
    const consumed = new Promise<void>((resolve) => {
      this.inflate.write(bytes, () => resolve());
    });
    return Promise.race([consumed, this.finished]);
  }

  async end(): Promise<void> {
    if (!this.inflate.destroyed && !this.inflate.writableEnded) this.inflate.end();
    await this.finished;
  }
}

/** An object stream stored without compression (allowed, if unusual). */
export class PlainObjectStreamSearch implements PageSearch {
  private readonly text = new TextScan();
  private stopped = false;
  readonly failed = false;

  constructor(private readonly budget: number) {}

  get found(): boolean {
    return this.text.found;
  }

  get produced(): number {
    return this.text.produced;
  }

  write(bytes: Buffer): Promise<void> {
    if (!this.stopped) this.stopped = this.text.scan(bytes, this.budget);
    return Promise.resolve();
  }

  end(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Reads the objects inside a PDF object stream (PDF 1.5+ keeps most dictionaries, pages included,
 * in /Type /ObjStm streams) with the same tokenizer as the rest of the file, so pages and active
 * content are found wherever they are. A compressed stream is inflated as its bytes arrive, read
 * and dropped: memory stays at zlib's window, and output stops at a budget so a deflate bomb costs
 * bounded time. When the data will not inflate (an encrypted file's object streams are ciphertext
 * until the file key is known, at the end), the raw bytes are kept, within a budget, to be
 * decrypted and read then.
 */
import { constants, createInflate, inflateSync, type Inflate } from 'node:zlib';
import { DictionaryReader } from './pdf-facts.js';
import { PdfLexer } from './pdf-lexer.js';

/** The objects inside an object stream: object numbers and offsets first, then the objects. */
export class PackedObjects extends DictionaryReader {
  private readonly lexer = new PdfLexer(this);

  read(decoded: Buffer): void {
    this.lexer.feed(decoded, 0, decoded.length, 0);
  }

  end(): void {
    this.lexer.flush();
  }
}

/** Raw bytes of undecodable object streams kept for decryption at the end, per file. */
export const RAW_BUDGET = 2 * 1024 * 1024;

export interface ObjectStreamOutcome {
  objects: PackedObjects;
  /** Bytes of decoded output read (charged to the file's budget). */
  produced: number;
  /** The data did not inflate; `raw` holds it when it fitted the budget. */
  failed: boolean;
  raw: Buffer | null;
  /** Output stopped at the budget: the rest of the stream was not read. */
  exhausted: boolean;
}

export class ObjectStreamReader {
  private readonly inflate: Inflate;
  private readonly finished: Promise<void>;
  private readonly objects = new PackedObjects();
  private produced = 0;
  private failed = false;
  private exhausted = false;
  private raw: Buffer[] | null = [];
  private rawLength = 0;

  constructor(
    readonly objectNumber: number,
    readonly generation: number,
    private readonly budget: number,
    private readonly rawBudget: number,
    private readonly compressed: boolean,
  ) {
    // SYNC_FLUSH at the end: a stream cut short still yields what it holds, without an error.
    this.inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    this.inflate.on('data', (piece: Buffer) => {
      this.produced += piece.length;
      this.objects.read(piece);
      if (this.produced >= this.budget) {
        this.exhausted = true;
        this.inflate.destroy();
      }
    });
    this.finished = new Promise((resolve) => {
      // `on`, not `once`: a write racing a destroy may report a second error.
      this.inflate.on('error', () => {
        this.failed = true;
        resolve();
      });
      this.inflate.once('end', resolve);
      this.inflate.once('close', resolve);
    });
  }

  /** Resolves once zlib has consumed `bytes`, so input never piles up in memory. */
  write(bytes: Buffer): Promise<void> {
    if (bytes.length === 0) return Promise.resolve();
    if (this.raw) {
      if (this.rawLength + bytes.length <= this.rawBudget) this.raw.push(Buffer.from(bytes));
      else this.raw = null;
      this.rawLength += bytes.length;
    }
    if (!this.compressed) {
      if (!this.exhausted) this.objects.read(bytes);
      this.produced += bytes.length;
      this.exhausted = this.produced >= this.budget;
      return Promise.resolve();
    }
    if (this.inflate.destroyed || this.inflate.writableEnded) return Promise.resolve();
    // After an error zlib may never call the write callback; the stream's end settles it then.
    const consumed = new Promise<void>((resolve) => {
      this.inflate.write(bytes, () => resolve());
    });
    return Promise.race([consumed, this.finished]);
  }

  async end(): Promise<ObjectStreamOutcome> {
    if (!this.compressed) this.inflate.destroy();
    if (!this.inflate.destroyed && !this.inflate.writableEnded) this.inflate.end();
    await this.finished;
    this.objects.end();
    const raw = this.failed && this.raw ? Buffer.concat(this.raw) : null;
    return { objects: this.objects, produced: this.produced, failed: this.failed, raw, exhausted: this.exhausted };
  }
}

/** Inflates and reads an object stream held whole (decrypted at the end of the file). */
export function readObjectStreamSync(data: Buffer, budget: number): { objects: PackedObjects; failed: boolean; exhausted: boolean; produced: number } {
  const objects = new PackedObjects();
  try {
    const decoded = inflateSync(data, { maxOutputLength: budget, finishFlush: constants.Z_SYNC_FLUSH });
    objects.read(decoded);
    objects.end();
    return { objects, failed: false, exhausted: false, produced: decoded.length };
  } catch (error) {
    const exhausted = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    return { objects, failed: !exhausted, exhausted, produced: exhausted ? budget : 0 };
  }
}

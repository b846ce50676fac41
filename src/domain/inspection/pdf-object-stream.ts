/**
 * Reads the objects inside a PDF object stream (PDF 1.5+ keeps most dictionaries, pages included,
 * in /Type /ObjStm streams) with the same tokenizer as the rest of the file, so pages and active
 * content are found wherever they are. A stream is held (they are small) and inflated in one call
 * at its end, or inflated as it arrives when it outgrows the hold; output stops at a budget, so a
 * deflate bomb costs bounded time. When the data will not inflate (an encrypted file's object
 * streams are ciphertext until the file key is known, at the end), the raw bytes are kept, within
 * a budget, to be decrypted and read then.
 */
import { constants, createInflate, inflateSync, type Inflate } from 'node:zlib';
import { DictionaryReader } from './pdf-facts.js';
import { PdfLexer } from './pdf-lexer.js';
import { packedObjectsNeedReading } from './pdf-skim-words.js';

/** The objects inside an object stream: object numbers and offsets first, then the objects. */
export class PackedObjects extends DictionaryReader {
  private readonly lexer = new PdfLexer(this);

  /** `needKinds`: the file's catalog, page tree or page is still unseen, so /Type matters. */
  constructor(private readonly needKinds: boolean) {
    super();
  }

  /** A piece of the objects (inflated as they stream). */
  read(decoded: Buffer): void {
    this.lexer.feed(decoded, 0, decoded.length, 0);
  }

  /** All of the objects at once: tokenized only if their bytes could matter. */
  readWhole(decoded: Buffer): void {
    if (packedObjectsNeedReading(decoded, this.needKinds)) this.read(decoded);
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

/**
 * Object streams are usually small (tens of KiB): they are held, then inflated in one call when
 * `endstream` arrives. One larger than this is inflated as it streams instead.
 */
const HOLD_LIMIT = 2 * 1024 * 1024;

export class ObjectStreamReader {
  private inflate: Inflate | null = null;
  private finished: Promise<void> = Promise.resolve();
  private readonly objects: PackedObjects;
  private produced = 0;
  private failed = false;
  private exhausted = false;
  private held: Buffer[] | null = [];
  private heldLength = 0;

  constructor(
    readonly objectNumber: number,
    readonly generation: number,
    private readonly budget: number,
    private readonly rawBudget: number,
    private readonly compressed: boolean,
    needKinds: boolean,
  ) {
    this.objects = new PackedObjects(needKinds);
  }

  /** Holds `bytes` (a copy), or feeds zlib once the stream outgrew the hold; a promise only then. */
  write(bytes: Buffer): Promise<void> | undefined {
    if (bytes.length === 0) return undefined;
    if (this.held) {
      this.held.push(Buffer.from(bytes));
      this.heldLength += bytes.length;
      if (this.heldLength <= HOLD_LIMIT) return undefined;
      const held = this.held;
      this.held = null;
      return this.stream(Buffer.concat(held));
    }
    return this.stream(bytes);
  }

  async end(): Promise<ObjectStreamOutcome> {
    if (this.held) {
      const data = Buffer.concat(this.held, this.heldLength);
      this.held = null;
      if (!this.compressed) {
        this.read(data, true);
      } else {
        const outcome = inflateWithin(data, this.budget);
        this.failed = outcome.failed;
        this.exhausted = outcome.exhausted;
        if (outcome.decoded) this.read(outcome.decoded, true);
      }
      this.objects.end();
      const raw = this.failed && data.length <= this.rawBudget ? data : null;
      return { objects: this.objects, produced: this.produced, failed: this.failed, raw, exhausted: this.exhausted };
    }
    if (this.inflate && !this.inflate.destroyed && !this.inflate.writableEnded) this.inflate.end();
    await this.finished;
    this.objects.end();
    // A stream too large to hold is not kept for decryption either.
    return { objects: this.objects, produced: this.produced, failed: this.failed, raw: null, exhausted: this.exhausted };
  }

  private read(decoded: Buffer, whole = false): void {
    const room = Math.max(0, this.budget - this.produced);
    const within = decoded.length > room ? decoded.subarray(0, room) : decoded;
    if (whole) this.objects.readWhole(within);
    else this.objects.read(within);
    this.produced += Math.min(decoded.length, room);
    if (decoded.length > room) this.exhausted = true;
  }

  /** Resolves once zlib has consumed `bytes`, so input never piles up in memory. */
  private stream(bytes: Buffer): Promise<void> {
    if (!this.compressed) {
      this.read(bytes);
      return Promise.resolve();
    }
    const inflate = this.inflate ?? this.startInflate();
    if (inflate.destroyed || inflate.writableEnded) return Promise.resolve();
    // After an error zlib may never call the write callback; the stream's end settles it then.
    const consumed = new Promise<void>((resolve) => {
      inflate.write(bytes, () => resolve());
    });
    return Promise.race([consumed, this.finished]);
  }

  private startInflate(): Inflate {
    // SYNC_FLUSH at the end: a stream cut short still yields what it holds, without an error.
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    inflate.on('data', (piece: Buffer) => {
      this.read(piece);
      if (this.exhausted) inflate.destroy();
    });
    this.finished = new Promise((resolve) => {
      // `on`, not `once`: a write racing a destroy may report a second error.
      inflate.on('error', () => {
        this.failed = true;
        resolve();
      });
      inflate.once('end', resolve);
      inflate.once('close', resolve);
    });
    this.inflate = inflate;
    return inflate;
  }
}

function inflateWithin(data: Buffer, budget: number): { decoded: Buffer | null; failed: boolean; exhausted: boolean } {
  try {
    return { decoded: inflateSync(data, { maxOutputLength: Math.max(1, budget), finishFlush: constants.Z_SYNC_FLUSH }), failed: false, exhausted: false };
  } catch (error) {
    const exhausted = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    return { decoded: null, failed: !exhausted, exhausted };
  }
}

/** Inflates and reads an object stream held whole (decrypted at the end of the file). */
export function readObjectStreamSync(data: Buffer, budget: number, needKinds: boolean): { objects: PackedObjects; failed: boolean; exhausted: boolean; produced: number } {
  const objects = new PackedObjects(needKinds);
  const outcome = inflateWithin(data, budget);
  if (outcome.decoded) objects.readWhole(outcome.decoded);
  objects.end();
  return { objects, failed: outcome.failed, exhausted: outcome.exhausted, produced: outcome.decoded?.length ?? (outcome.exhausted ? budget : 0) };
}

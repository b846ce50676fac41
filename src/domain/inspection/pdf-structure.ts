/**
 * What the PDF scanner remembers while the bytes pass, fed token by token by the lexer: where
 * objects, cross-reference sections and trailers are, what each object's dictionary says (type,
 * stream length and filter, encryption parameters), and what object streams hold. Everything is
 * bounded: a few numbers per object while it is open, a handful of encryption dictionaries, and
 * one object stream being inflated at a time.
 */
import { emptyEncryptionDictionary, type EncryptionDictionary } from './pdf-encryption.js';
import { DictionaryReader } from './pdf-facts.js';
import { DICT, type ARRAY } from './pdf-lexer.js';
import { KEYWORD, NAME } from './pdf-names.js';
import { ObjectStreamReader, RAW_BUDGET, type ObjectStreamOutcome } from './pdf-object-stream.js';

/** Total decoded bytes of object streams we are willing to read, per file. */
const OBJECT_STREAM_BUDGET = 64 * 1024 * 1024;
/** Cross-reference sections remembered (one per incremental save). */
const MAX_SECTIONS = 4096;
const MAX_ENCRYPTION_CANDIDATES = 8;
const MAX_PENDING_STREAMS = 64;

const enum Context {
  Top,
  Object,
  Trailer,
  Xref,
}

/** An object stream that would not inflate, kept to be decrypted once the file key is known. */
export interface PendingObjectStream {
  objectNumber: number;
  generation: number;
  raw: Buffer;
}

export class PdfStructure extends DictionaryReader {
  private context = Context.Top;
  /** The two integers before the current token at the top level (for `N G obj`). */
  private previousValue = -1;
  private previousOffset = -1;
  private lastValue = -1;
  private lastOffset = -1;

  // The object being read.
  private objectNumber = 0;
  private generation = 0;
  private objectOffset = 0;
  private type = 0;
  private length = -1;
  private filters = 0;
  private flate = false;
  private decodeParms = false;
  /** Filled only for dictionaries with /O or /U (an encryption dictionary, most likely). */
  private encryption: EncryptionDictionary | null = null;
  private encryptionFields = 0;
  private keyLength = 40;
  private v = 0;
  private r = 0;
  private p = 0;
  private standardFilter = false;
  private encryptMetadata = true;

  /** Set when the lexer stopped at `stream`; the scanner takes over the data. */
  streamStarts = false;
  /** The stream's direct /Length, or -1 (indirect, missing or implausible). */
  streamLength = -1;
  private objectStream: ObjectStreamReader | null = null;

  readonly sections = new Set<number>();
  rootSeen = false;
  rootObject = -1;
  encryptObject = -1;
  encryptInline = false;
  id0: Buffer | null = null;
  readonly encryptionCandidates = new Map<number, EncryptionDictionary>();

  readonly pendingObjectStreams: PendingObjectStream[] = [];
  private rawBudgetLeft = RAW_BUDGET;
  budgetLeft = OBJECT_STREAM_BUDGET;
  objectStreamsUnreadable = false;
  objectStreamFailed = false;
  lengthsWrong = 0;
  truncated = false;
  /** File offset just after the last structural element (object, stream, xref, trailer). */
  structureEnd = 0;

  constructor(private readonly pauseLexer: () => void) {
    super();
  }

  override wantsString(): boolean {
    if (this.depth === 1) return this.key === NAME.O || this.key === NAME.U || this.key === NAME.UE || this.key === NAME.OE;
    return this.depth === 2 && this.key === NAME.ID && this.arrayIndex === 0;
  }

  protected override onTopNumber(value: number, integer: boolean, offset: number): void {
    this.previousValue = this.lastValue;
    this.previousOffset = this.lastOffset;
    this.lastValue = integer ? value : -1;
    this.lastOffset = offset;
  }

  protected override onTopKeyword(id: number, offset: number): void {
    const objectNumber = this.previousValue;
    const generation = this.lastValue;
    const objectOffset = this.previousOffset;
    this.previousValue = this.lastValue = -1;
    switch (id) {
      case KEYWORD.obj:
        if (this.context === Context.Object) this.endObject();
        if (objectNumber >= 0 && generation >= 0) this.beginObject(objectNumber, generation, objectOffset);
        this.mark(offset + 3);
        return;
      case KEYWORD.endobj:
        if (this.context === Context.Object) this.endObject();
        this.context = Context.Top;
        this.mark(offset + 6);
        return;
      case KEYWORD.stream:
        if (this.context === Context.Object) this.beginStream();
        return;
      case KEYWORD.xref:
        if (this.context === Context.Object) this.endObject();
        this.context = Context.Xref;
        if (this.sections.size < MAX_SECTIONS) this.sections.add(offset);
        this.mark(offset + 4);
        return;
      case KEYWORD.trailer:
        if (this.context === Context.Object) this.endObject();
        this.context = Context.Trailer;
        this.mark(offset + 7);
        return;
      case KEYWORD.startxref:
        if (this.context === Context.Object) this.endObject();
        this.context = Context.Top;
        this.mark(offset + 9);
        return;
      default:
        if (this.context === Context.Xref && id !== 0) this.context = Context.Top;
    }
  }

  protected override onTopLevelClosed(kind: typeof DICT | typeof ARRAY): void {
    if (this.context === Context.Trailer && kind === DICT) {
      this.context = Context.Top;
      this.mark(this.structureEnd);
    }
  }

  protected override onValue(value: number, integer: boolean): void {
    if (this.context !== Context.Object && this.context !== Context.Trailer) return;
    switch (this.key) {
      case NAME.Length:
        this.length = integer && value >= 0 ? value : -1;
        this.keyLength = value;
        return;
      case NAME.V:
        this.v = value;
        return;
      case NAME.R:
        this.r = value;
        this.encryptionFields |= 1;
        return;
      case NAME.P:
        this.p = value;
        return;
      default:
    }
  }

  protected override onName(id: number): void {
    if (this.key === NAME.Type) this.type = id;
    else if (this.key === NAME.Filter) this.addFilter(id);
    else if (this.key === NAME.DecodeParms) this.decodeParms = true;
  }

  protected override onArrayName(id: number): void {
    if (this.key === NAME.Filter) this.addFilter(id);
  }

  protected override onString(bytes: Buffer): void {
    if (this.key !== NAME.O && this.key !== NAME.U && this.key !== NAME.UE && this.key !== NAME.OE) return;
    this.encryption ??= emptyEncryptionDictionary();
    if (this.key === NAME.O) this.encryption.o = Buffer.from(bytes);
    else if (this.key === NAME.UE) this.encryption.ue = Buffer.from(bytes);
    else if (this.key === NAME.OE) this.encryption.oe = Buffer.from(bytes);
    else {
      this.encryption.u = Buffer.from(bytes);
      this.encryptionFields |= 2;
    }
  }

  protected override onArrayString(bytes: Buffer): void {
    if (this.key === NAME.ID && this.arrayIndex === 0) this.id0 = Buffer.from(bytes);
  }

  protected override onReference(objectNumber: number): void {
    if (this.key === NAME.Length) this.length = -1;
    else if (this.key === NAME.Root) {
      this.rootSeen = true;
      this.rootObject = objectNumber;
    } else if (this.key === NAME.Encrypt) this.encryptObject = objectNumber;
  }

  override open(kind: typeof DICT | typeof ARRAY): void {
    super.open(kind);
    if (this.depth === 2 && this.key === NAME.Encrypt) this.encryptInline = true;
    if (this.depth === 2 && this.key === NAME.DecodeParms) this.decodeParms = true;
  }

  override keyword(id: number, offset: number): void {
    if (this.depth === 1 && this.key === NAME.EncryptMetadata && (id === KEYWORD.false || id === KEYWORD.true)) this.encryptMetadata = id === KEYWORD.true;
    if (this.depth === 1 && this.key === NAME.Filter && id === 0) this.filters = 0; // `/Filter null`
    super.keyword(id, offset);
  }

  private addFilter(id: number): void {
    this.filters += 1;
    this.flate = this.filters === 1 && id === NAME.FlateDecode;
    if (id === NAME.Fl) this.flate = this.filters === 1;
  }

  private beginObject(objectNumber: number, generation: number, offset: number): void {
    this.context = Context.Object;
    this.objectNumber = objectNumber;
    this.generation = generation;
    this.objectOffset = offset;
    this.type = 0;
    this.length = -1;
    this.filters = 0;
    this.flate = false;
    this.decodeParms = false;
    this.encryptionFields = 0;
    this.encryption = null;
    this.keyLength = 40;
    this.v = this.r = this.p = 0;
    this.standardFilter = false;
    this.encryptMetadata = true;
    this.resetNesting();
  }

  private endObject(): void {
    this.context = Context.Top;
    if (this.type === NAME.XRef) this.readXrefStreamDictionary();
    // An encryption dictionary: /Filter /Standard, /R, /O and /U (where it is used is decided at the end).
    if (this.encryption && (this.encryptionFields & 3) === 3 && this.encryptionCandidates.size < MAX_ENCRYPTION_CANDIDATES) {
      const { o, u, ue, oe } = this.encryption;
      this.encryptionCandidates.set(this.objectNumber, { standard: this.standardFilter, v: this.v, r: this.r, lengthBits: this.keyLength, p: this.p, o, u, ue, oe, encryptMetadata: this.encryptMetadata });
      this.encryption = null;
    }
  }

  /** The trailer keys of an XRef stream were read like any trailer's; its position is a section. */
  private readXrefStreamDictionary(): void {
    if (this.sections.size < MAX_SECTIONS) this.sections.add(this.objectOffset);
  }

  override name(id: number): void {
    if (this.depth === 1 && this.key === NAME.Filter && id === NAME.Standard && !this.inKeyPosition()) this.standardFilter = true;
    super.name(id);
  }

  private beginStream(): void {
    this.endObject();
    this.context = Context.Object; // `endobj` follows the data
    this.streamLength = this.length;
    this.streamStarts = true;
    this.pauseLexer();
    if (this.type === NAME.ObjStm) this.openObjectStream();
  }

  private openObjectStream(): void {
    if (this.budgetLeft <= 0) {
      this.objectStreamsUnreadable = true;
      return;
    }
    if (this.decodeParms || (this.filters > 0 && !this.flate)) {
      this.objectStreamsUnreadable = true; // a filter chain we do not decode: its objects stay unseen
      return;
    }
    this.objectStream = new ObjectStreamReader(this.objectNumber, this.generation, this.budgetLeft, this.rawBudgetLeft, this.filters > 0);
  }

  get readingObjectStream(): boolean {
    return this.objectStream !== null;
  }

  streamDataStarts(offset: number): void {
    this.mark(offset);
  }

  /** Stream data passing by; a promise only while an object stream is being inflated. */
  streamData(chunk: Buffer, from: number, to: number): Promise<void> | undefined {
    return this.objectStream && to > from ? this.objectStream.write(chunk.subarray(from, to)) : undefined;
  }

  /** `endstream` starts at `offset`; a promise only when an object stream was being inflated. */
  closeStream(offset: number): Promise<void> | undefined {
    this.mark(offset + 9);
    return this.objectStream ? this.end() : undefined;
  }

  /** Reads what the object stream being inflated held, if one is open. */
  async end(): Promise<void> {
    const reader = this.objectStream;
    if (!reader) return;
    this.objectStream = null;
    this.absorb(await reader.end(), reader);
  }

  private absorb(outcome: ObjectStreamOutcome, reader: ObjectStreamReader): void {
    this.budgetLeft -= outcome.produced;
    if (outcome.exhausted) this.objectStreamsUnreadable = true;
    if (outcome.failed) {
      this.objectStreamFailed = true;
      if (outcome.raw && this.pendingObjectStreams.length < MAX_PENDING_STREAMS) {
        this.rawBudgetLeft -= outcome.raw.length;
        this.pendingObjectStreams.push({ objectNumber: reader.objectNumber, generation: reader.generation, raw: outcome.raw });
      } else {
        this.objectStreamsUnreadable = true;
      }
      return;
    }
    this.merge(outcome.objects);
  }

  /** Adds what an object stream held to what the file holds. */
  merge(objects: DictionaryReader): void {
    if (objects.activeContent) this.activeContent = true;
    if (objects.seen.page) this.seen.page = true;
    if (objects.seen.pages) this.seen.pages = true;
    if (objects.seen.catalog) this.seen.catalog = true;
  }


  lengthWasWrong(): void {
    this.lengthsWrong += 1;
  }

  /** The file ended inside stream data: it was cut short there. */
  endsInsideStream(end: number): void {
    this.truncated = true;
    this.mark(end);
  }

  private mark(offset: number): void {
    if (offset > this.structureEnd) this.structureEnd = offset;
  }
}

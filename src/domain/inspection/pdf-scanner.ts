/**
 * Streaming PDF structure scanner. A PDF is a header, a body of numbered objects (some carrying
 * binary streams), cross-reference sections (an `xref` table or, from PDF 1.5, an XRef stream),
 * a trailer dictionary and `startxref <offset> %%EOF`. Readers seek; we cannot, so this walks the
 * bytes once and remembers only what the verdict needs: where cross-reference sections start,
 * whether any trailer names a /Root or an /Encrypt dictionary, and whether a page was seen — in a
 * plain object or inside a compressed object stream (inflated on the fly, see pdf-object-stream.ts).
 * Stream data is skipped with a native byte search, so big scans cost little.
 */
import type { FileEnds, StructureFinding, StructureScanner } from './structure-scanner.js';
import { corrupt } from './structure-scanner.js';
import { fileMessages } from './messages.js';
import { FlateObjectStreamSearch, PAGE_TYPE, PlainObjectStreamSearch, type PageSearch } from './pdf-object-stream.js';

const TOP_LEVEL =
  /(?<![0-9])[0-9]{1,10}[\0\t\n\f\r ]{1,8}[0-9]{1,5}[\0\t\n\f\r ]{1,8}obj(?![A-Za-z0-9])|(?<![A-Za-z0-9])(startxref|xref|trailer)(?![A-Za-z0-9])/g;
const OBJECT_END = />>[\0\t\n\f\r ]{0,8}stream(?=[ \t]{0,4}[\r\n])|(?<![A-Za-z0-9])endobj(?![A-Za-z0-9])/g;
const TRAILER_END = /(?<![A-Za-z0-9])startxref(?![A-Za-z0-9])/g;
const ENDSTREAM = Buffer.from('endstream', 'latin1');
const FINAL_STARTXREF = /startxref[\0\t\n\f\r ]+([0-9]{1,10})[\0\t\n\f\r ]+%%EOF/g;

/** Bytes kept across chunks in each mode: enough to hold the longest token we look for. */
const CARRY = { top: 40, object: 24, trailer: 16, stream: ENDSTREAM.length - 1 } as const;
/** A dictionary longer than this is not read further; page, XRef and trailer keys come early. */
const MAX_DICTIONARY_CHARS = 16 * 1024;
/** Total decoded bytes of object streams we are willing to look through, per file. */
const OBJECT_STREAM_BUDGET = 64 * 1024 * 1024;
/** Cross-reference sections remembered (one per incremental save). */
const MAX_SECTIONS = 4096;
/** `%%EOF` must be this close to the end; Acrobat looks in the last 1024 bytes. */
const EOF_WINDOW = 1024;

type Mode = keyof typeof CARRY;

export class PdfScanner implements StructureScanner {
  private mode: Mode = 'top';
  private carry: Buffer = Buffer.alloc(0);
  /** File offset of `carry[0]` (or of the next chunk when nothing is carried). */
  private windowStart = 0;
  private dictionary = '';
  private objectStart = 0;
  private objectStream: PageSearch | null = null;
  private budgetLeft = OBJECT_STREAM_BUDGET;
  private readonly sections = new Set<number>();
  private pageSeen = false;
  private objectStreamFailed = false;
  private rootSeen = false;
  private encryptSeen = false;

  async push(chunk: Buffer): Promise<void> {
    if (this.mode === 'stream' && this.carry.length > 0 && chunk.length >= ENDSTREAM.length) {
      // Inside stream data (most of a big PDF): only the seam can hide `endstream`; when it does
      // not, hand over the carried bytes and scan the chunk in place instead of copying it.
      const seam = Buffer.concat([this.carry, chunk.subarray(0, ENDSTREAM.length - 1)]);
      if (!seam.includes(ENDSTREAM)) {
        await this.objectStream?.write(this.carry);
        this.windowStart += this.carry.length;
        this.carry = Buffer.alloc(0);
      }
    }
    const window = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    await this.scan(window, false);
  }

  async finish(ends: FileEnds): Promise<StructureFinding | null> {
    await this.scan(this.carry, true);
    await this.closeObjectStream();
    if (!/^%PDF-[12]\.[0-9]/.test(ends.head.toString('latin1', 0, 16))) return corrupt(fileMessages.pdfDamaged());
    // Encryption first: an encrypted file's object streams cannot be read, which is not damage.
    if (this.encryptSeen) return { code: 'ENCRYPTED_FILE', message: fileMessages.pdfEncrypted() };
    if (!this.endsWithValidStartxref(ends) || !this.rootSeen) return corrupt(fileMessages.pdfDamaged());
    if (!this.pageSeen) return corrupt(this.objectStreamFailed ? fileMessages.pdfDamaged() : fileMessages.pdfNoPages());
    return null;
  }

  /** `startxref N %%EOF` at the end, with N the start of a cross-reference section we saw. */
  private endsWithValidStartxref({ tail, tailOffset, size }: FileEnds): boolean {
    const from = Math.max(0, tail.length - EOF_WINDOW * 2);
    const text = tail.toString('latin1', from);
    let last: RegExpExecArray | null = null;
    for (const match of text.matchAll(FINAL_STARTXREF)) last = match;
    if (!last?.[1]) return false;
    const eofEnd = tailOffset + from + last.index + last[0].length;
    if (size - eofEnd > EOF_WINDOW) return false;
    const offset = Number(last[1]);
    // Tolerate a few bytes of line-ending slack between the offset and the keyword.
    for (let slack = 0; slack <= 4; slack += 1) if (this.sections.has(offset + slack)) return true;
    return false;
  }

  private async scan(window: Buffer, final: boolean): Promise<void> {
    let pos = 0;
    let text = '';
    let textStart = -1;
    const textFrom = (at: number): [string, number] => {
      if (textStart < 0 || at < textStart) {
        text = window.toString('latin1', at);
        textStart = at;
      }
      return [text, at - textStart];
    };

    scanning: while (pos < window.length) {
      if (this.mode === 'stream') {
        const end = window.indexOf(ENDSTREAM, pos);
        const feedTo = end >= 0 ? end : final ? window.length : Math.max(pos, window.length - CARRY.stream);
        await this.objectStream?.write(window.subarray(pos, feedTo));
        pos = feedTo;
        if (end < 0) break;
        await this.closeObjectStream();
        pos = end + ENDSTREAM.length;
        this.mode = 'top';
        continue;
      }

      const [source, index] = textFrom(pos);
      const pattern = this.mode === 'top' ? TOP_LEVEL : this.mode === 'object' ? OBJECT_END : TRAILER_END;
      pattern.lastIndex = index;
      const match = pattern.exec(source);
      // A token touching the window's end may continue in the next chunk: look again then.
      const complete = match !== null && (final || match.index + match[0].length + 6 <= source.length);
      if (!complete) {
        const keepFrom = final ? window.length : match ? pos + (match.index - index) : Math.max(pos, window.length - CARRY[this.mode]);
        if (this.mode !== 'top') this.collect(source.slice(index, index + (keepFrom - pos)));
        pos = keepFrom;
        break scanning;
      }
      const at = pos + (match.index - index);
      const after = at + match[0].length;
      if (this.mode === 'top') {
        if (match[1] === undefined) this.beginObject(this.windowStart + at);
        else if (match[1] === 'xref') this.addSection(this.windowStart + at);
        else if (match[1] === 'trailer') this.beginTrailer();
        pos = after;
      } else {
        this.collect(source.slice(index, match.index));
        pos = this.mode === 'object' ? this.endObject(window, after, match[0] !== 'endobj') : this.endTrailer(after);
      }
    }
    this.windowStart += pos;
    this.carry = Buffer.from(window.subarray(pos));
  }

  private beginObject(offset: number): void {
    this.mode = 'object';
    this.objectStart = offset;
    this.dictionary = '';
  }

  private beginTrailer(): void {
    this.mode = 'trailer';
    this.dictionary = '';
  }

  private collect(piece: string): void {
    if (this.dictionary.length < MAX_DICTIONARY_CHARS) this.dictionary += piece.slice(0, MAX_DICTIONARY_CHARS - this.dictionary.length);
  }

  /** Reads what the finished object's dictionary says; returns where scanning continues. */
  private endObject(window: Buffer, after: number, opensStream: boolean): number {
    const dictionary = this.dictionary;
    if (PAGE_TYPE.test(dictionary)) this.pageSeen = true;
    if (/\/Type\s*\/XRef(?![A-Za-z0-9])/.test(dictionary)) {
      this.addSection(this.objectStart);
      this.readTrailer(dictionary);
    }
    if (!opensStream) {
      this.mode = 'top';
      return after;
    }
    if (/\/Type\s*\/ObjStm(?![A-Za-z0-9])/.test(dictionary)) this.openObjectStream(dictionary);
    this.mode = 'stream';
    // The keyword `stream` is followed by CRLF or LF; stray spaces and a lone CR are tolerated.
    let at = after;
    while (window[at] === 0x20 || window[at] === 0x09) at += 1;
    if (window[at] === 0x0d) return window[at + 1] === 0x0a ? at + 2 : at + 1;
    return at + 1;
  }

  private endTrailer(after: number): number {
    this.readTrailer(this.dictionary);
    this.mode = 'top';
    return after;
  }

  private readTrailer(dictionary: string): void {
    if (/\/Root(?![A-Za-z0-9])/.test(dictionary)) this.rootSeen = true;
    if (/\/Encrypt(?![A-Za-z0-9])/.test(dictionary)) this.encryptSeen = true;
  }

  private addSection(offset: number): void {
    if (this.sections.size < MAX_SECTIONS) this.sections.add(offset);
  }

  private openObjectStream(dictionary: string): void {
    // Once a page is found, or the budget is spent, object streams have nothing more to tell.
    if (this.pageSeen || this.budgetLeft <= 0) return;
    const filter = /\/Filter\s*(\/[A-Za-z0-9]+|\[[^\]]*\])/.exec(dictionary)?.[1];
    if (filter === undefined) {
      this.objectStream = new PlainObjectStreamSearch(this.budgetLeft);
    } else if (/^\[?\s*\/FlateDecode\s*\]?$/.test(filter) && !/\/DecodeParms/.test(dictionary)) {
      this.objectStream = new FlateObjectStreamSearch(this.budgetLeft);
    }
  }

  private async closeObjectStream(): Promise<void> {
    const search = this.objectStream;
    if (!search) return;
    this.objectStream = null;
    await search.end();
    this.budgetLeft -= search.produced;
    if (search.found) this.pageSeen = true;
    if (search.failed) this.objectStreamFailed = true;
  }
}

/**
 * A streaming PDF tokenizer over bytes (ISO 32000-1 §7.2): numbers, names (with `#xx` escapes
 * decoded), keywords, strings (literal and hex, skipped or captured), comments and the dictionary
 * and array brackets. Tokens may straddle chunks: the lexer keeps its state between `feed` calls
 * instead of copying bytes, and never retains a chunk. It does not enter stream data: the sink
 * pauses it at the `stream` keyword and the caller resumes it after the data.
 */
import { HASH_SEED, hashStep, keywordId, nameId } from './pdf-names.js';

export const DICT = 1;
export const ARRAY = 2;

export interface TokenSink {
  number(value: number, integer: boolean, offset: number): void;
  name(id: number): void;
  /** `id` is 0 for words the scanner does not care about (true, false, null, damage). */
  keyword(id: number, offset: number): void;
  open(kind: typeof DICT | typeof ARRAY): void;
  close(kind: typeof DICT | typeof ARRAY): void;
  /** Asked when a string starts: should its bytes be captured? */
  wantsString(): boolean;
  /** A string ended; `bytes` when it was captured (valid only during the call). */
  string(bytes: Buffer | null): void;
}

/** Byte classes: 0 regular, 1 whitespace, 2 delimiter. */
const CLASS = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[byte] = 1;
for (const byte of '()<>[]{}/%') CLASS[byte.charCodeAt(0)] = 2;

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i += 1) HEX['0123456789abcdef'.charCodeAt(i)] = i;
for (let i = 10; i < 16; i += 1) HEX['ABCDEF'.charCodeAt(i - 10)] = i;

const enum State {
  None,
  Name,
  NameEscape1,
  NameEscape2,
  Number,
  Keyword,
  Literal,
  LiteralEscape,
  LiteralOctal,
  LiteralCr,
  Hex,
  LessThan,
  GreaterThan,
  Comment,
}

const MAX_TOKEN = 64;
const MAX_CAPTURE = 256;

export class PdfLexer {
  private state = State.None;
  private paused = false;
  private hash = HASH_SEED;
  private readonly token = new Uint8Array(MAX_TOKEN);
  private length = 0;
  private escapeHigh = 0;
  private escapeHighByte = 0;
  private numberValue = 0;
  private numberInteger = true;
  private numberStart = 0;
  private depth = 0;
  private octal = 0;
  private octalDigits = 0;
  private capture: Buffer | null = null;
  private captured = 0;
  private readonly captureBuffer = Buffer.alloc(MAX_CAPTURE);
  private hexHigh = -1;

  constructor(private readonly sink: TokenSink) {}

  /** Stops `feed` after the current token (the sink calls this at `stream`). */
  pause(): void {
    this.paused = true;
  }

  /** Forgets any token in progress (after stream data, or when resynchronising). */
  reset(): void {
    this.state = State.None;
    this.paused = false;
  }

  /**
   * Tokenizes `bytes[from, to)`; `base` is the file offset of `bytes[0]`. Returns where it stopped:
   * `to`, or just after the token that paused it.
   */
  feed(bytes: Uint8Array, from: number, to: number, base: number): number {
    let pos = from;
    this.paused = false;
    while (pos < to && !this.paused) {
      switch (this.state) {
        case State.None: {
          let byte = bytes[pos]!;
          while (CLASS[byte] === 1) {
            pos += 1;
            if (pos === to) return pos;
            byte = bytes[pos]!;
          }
          pos += 1;
          this.begin(byte, base + pos - 1);
          // Read the token on at once: one trip through the switch per token, not two.
          const started = this.state as State;
          if (started === State.Name) pos = this.readName(bytes, pos, to);
          else if (started === State.Number) pos = this.readNumber(bytes, pos, to);
          else if (started === State.Keyword) pos = this.readKeyword(bytes, pos, to);
          break;
        }
        case State.Name:
          pos = this.readName(bytes, pos, to);
          break;
        case State.NameEscape1:
        case State.NameEscape2:
          pos = this.readNameEscape(bytes[pos]!, pos);
          break;
        case State.Number:
          pos = this.readNumber(bytes, pos, to);
          break;
        case State.Keyword:
          pos = this.readKeyword(bytes, pos, to);
          break;
        case State.Literal:
          pos = this.readLiteral(bytes, pos, to);
          break;
        case State.LiteralEscape:
        case State.LiteralOctal:
        case State.LiteralCr:
          pos = this.readLiteralEscape(bytes[pos]!, pos);
          break;
        case State.Hex:
          pos = this.readHex(bytes, pos, to);
          break;
        case State.LessThan:
          if (bytes[pos] === 0x3c) {
            pos += 1;
            this.state = State.None;
            this.sink.open(DICT);
          } else {
            this.startString(State.Hex);
          }
          break;
        case State.GreaterThan:
          this.state = State.None;
          if (bytes[pos] === 0x3e) {
            pos += 1;
            this.sink.close(DICT);
          }
          break;
        case State.Comment: {
          while (pos < to && bytes[pos] !== 0x0a && bytes[pos] !== 0x0d) pos += 1;
          if (pos < to) this.state = State.None;
          break;
        }
      }
    }
    return pos;
  }

  /** Ends whatever token is in progress (at the end of the data). */
  flush(): void {
    if (this.state === State.Number) this.endNumber();
    else if (this.state === State.Keyword) this.endKeyword();
    else if (this.state === State.Name || this.state === State.NameEscape1 || this.state === State.NameEscape2) this.endName();
    this.state = State.None;
  }

  private begin(byte: number, offset: number): void {
    if (byte === 0x2f) {
      this.state = State.Name;
      this.hash = HASH_SEED;
      this.length = 0;
    } else if ((byte >= 0x30 && byte <= 0x39) || byte === 0x2b || byte === 0x2d || byte === 0x2e) {
      this.state = State.Number;
      this.numberStart = offset;
      this.numberInteger = byte !== 0x2e;
      this.numberValue = byte >= 0x30 ? byte - 0x30 : 0;
      this.length = byte === 0x2d ? -1 : 0; // sign, applied at the end
    } else if (byte === 0x28) {
      this.depth = 1;
      this.startString(State.Literal);
    } else if (byte === 0x3c) {
      this.state = State.LessThan;
    } else if (byte === 0x3e) {
      this.state = State.GreaterThan;
    } else if (byte === 0x5b) {
      this.sink.open(ARRAY);
    } else if (byte === 0x5d) {
      this.sink.close(ARRAY);
    } else if (byte === 0x25) {
      this.state = State.Comment;
    } else if (CLASS[byte] === 0) {
      this.state = State.Keyword;
      this.numberStart = offset;
      this.hash = hashStep(HASH_SEED, byte);
      this.token[0] = byte;
      this.length = 1;
    }
    // `{`, `}` and a stray `)` carry nothing the scanner needs.
  }

  private readName(bytes: Uint8Array, from: number, to: number): number {
    // Locals, not fields, in the loop: this runs for every byte of every name.
    let pos = from;
    let hash = this.hash;
    let length = this.length;
    const token = this.token;
    while (pos < to) {
      const byte = bytes[pos]!;
      if (CLASS[byte] !== 0) break;
      pos += 1;
      if (byte === 0x23) {
        this.hash = hash;
        this.length = length;
        this.state = State.NameEscape1;
        return pos;
      }
      hash = Math.imul(hash ^ byte, 16777619);
      if (length < MAX_TOKEN) token[length] = byte;
      length += 1;
    }
    this.hash = hash;
    this.length = length;
    if (pos < to) this.endName();
    return pos;
  }

  private readNameEscape(byte: number, pos: number): number {
    const value = HEX[byte]!;
    if (value < 0) {
      // Not an escape after all: `#` (and a lone hex digit) stand for themselves, as readers take them.
      this.addNameByte(0x23);
      if (this.state === State.NameEscape2) this.addNameByte(this.escapeHighByte);
      this.state = State.Name;
      return pos;
    }
    if (this.state === State.NameEscape1) {
      this.escapeHigh = value;
      this.escapeHighByte = byte;
      this.state = State.NameEscape2;
    } else {
      this.addNameByte(this.escapeHigh * 16 + value);
      this.state = State.Name;
    }
    return pos + 1;
  }

  private addNameByte(byte: number): void {
    this.hash = hashStep(this.hash, byte);
    if (this.length < MAX_TOKEN) this.token[this.length] = byte;
    this.length += 1;
  }

  private endName(): void {
    this.state = State.None;
    this.sink.name(this.length <= MAX_TOKEN ? nameId(this.hash, this.token, this.length) : 0);
  }

  private readNumber(bytes: Uint8Array, from: number, to: number): number {
    let pos = from;
    let value = this.numberValue;
    let integer = this.numberInteger;
    while (pos < to) {
      const byte = bytes[pos]!;
      if (byte >= 0x30 && byte <= 0x39) {
        if (integer) value = value * 10 + (byte - 0x30);
      } else if (byte === 0x2e) {
        integer = false;
      } else if (CLASS[byte] !== 0) {
        this.numberValue = value;
        this.numberInteger = integer;
        this.endNumber();
        return pos;
      } else {
        // `12abc` is no number: read it as a keyword the scanner ignores.
        this.state = State.Keyword;
        this.hash = 0;
        this.length = MAX_TOKEN + 1;
        return pos;
      }
      pos += 1;
    }
    this.numberValue = value;
    this.numberInteger = integer;
    return pos;
  }

  private endNumber(): void {
    this.state = State.None;
    this.sink.number(this.length < 0 ? -this.numberValue : this.numberValue, this.numberInteger, this.numberStart);
  }

  private readKeyword(bytes: Uint8Array, from: number, to: number): number {
    let pos = from;
    let hash = this.hash;
    let length = this.length;
    const token = this.token;
    while (pos < to) {
      const byte = bytes[pos]!;
      if (CLASS[byte] !== 0) break;
      hash = Math.imul(hash ^ byte, 16777619);
      if (length < MAX_TOKEN) token[length] = byte;
      length += 1;
      pos += 1;
    }
    this.hash = hash;
    this.length = length;
    if (pos < to) this.endKeyword();
    return pos;
  }

  private endKeyword(): void {
    this.state = State.None;
    this.sink.keyword(this.length <= MAX_TOKEN ? keywordId(this.hash, this.token, this.length) : 0, this.numberStart);
  }

  private startString(state: State.Literal | State.Hex): void {
    this.state = state;
    this.hexHigh = -1;
    this.captured = 0;
    this.capture = this.sink.wantsString() ? this.captureBuffer : null;
  }

  private keep(byte: number): void {
    if (this.capture && this.captured < MAX_CAPTURE) this.capture[this.captured] = byte;
    this.captured += 1;
  }

  private endString(): void {
    this.state = State.None;
    this.sink.string(this.capture ? this.capture.subarray(0, Math.min(this.captured, MAX_CAPTURE)) : null);
  }

  private readLiteral(bytes: Uint8Array, from: number, to: number): number {
    let pos = from;
    const capturing = this.capture !== null;
    while (pos < to) {
      const byte = bytes[pos]!;
      pos += 1;
      if (byte === 0x5c) {
        this.state = State.LiteralEscape;
        return pos;
      }
      if (byte === 0x28) this.depth += 1;
      else if (byte === 0x29 && (this.depth -= 1) === 0) {
        this.endString();
        return pos;
      }
      if (!capturing) continue;
      if (byte === 0x0d) {
        // An unescaped end of line in a string reads as one line feed, whatever its bytes.
        this.keep(0x0a);
        this.state = State.LiteralCr;
        return pos;
      }
      this.keep(byte);
    }
    return pos;
  }

  private readLiteralEscape(byte: number, pos: number): number {
    if (this.state === State.LiteralCr) {
      this.state = State.Literal;
      return byte === 0x0a ? pos + 1 : pos;
    }
    if (this.state === State.LiteralOctal) {
      if (byte >= 0x30 && byte <= 0x37 && this.octalDigits < 3) {
        this.octal = this.octal * 8 + (byte - 0x30);
        this.octalDigits += 1;
        return pos + 1;
      }
      this.keep(this.octal & 0xff);
      this.state = State.Literal;
      return pos;
    }
    this.state = State.Literal;
    if (byte >= 0x30 && byte <= 0x37) {
      this.state = State.LiteralOctal;
      this.octal = byte - 0x30;
      this.octalDigits = 1;
      return pos + 1;
    }
    if (byte === 0x0d) {
      this.state = State.LiteralCr; // a backslash before an end of line continues the line
      return pos + 1;
    }
    if (byte !== 0x0a) this.keep(ESCAPES[byte] ?? byte);
    return pos + 1;
  }

  private readHex(bytes: Uint8Array, from: number, to: number): number {
    let pos = from;
    while (pos < to) {
      const byte = bytes[pos]!;
      pos += 1;
      if (byte === 0x3e) {
        if (this.hexHigh >= 0) this.keep(this.hexHigh * 16);
        this.endString();
        return pos;
      }
      const value = HEX[byte]!;
      if (value < 0) continue; // whitespace (anything else is damage, ignored as readers do)
      if (this.hexHigh < 0) this.hexHigh = value;
      else {
        this.keep(this.hexHigh * 16 + value);
        this.hexHigh = -1;
      }
    }
    return pos;
  }
}

const ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };

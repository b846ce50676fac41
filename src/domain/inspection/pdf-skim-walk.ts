/**
 * Walks the objects after a point between objects in one forward pass, reading each byte once the
 * way the tokenizer (pdf-lexer.ts) would, without its bookkeeping: `N G obj`, one value
 * (dictionaries, arrays, names, numbers, references, strings, hex strings, true, false, null), then
 * `endobj` or `stream`. A text PDF is mostly such objects between small streams, where the letter
 * searches of pdf-skim.ts cost a dozen native calls per stream; this pass costs about one byte
 * loop. It stops at anything else — a watched name (pdf-skim-words.ts), a `#` escape, a comment,
 * any other keyword, damage, or the end of the bytes — and the skimmer and the tokenizer go on from
 * the last `endobj` it passed.
 */
import { ENDOBJ, ENDS_TOKEN, GREATER, LENGTH, LESS, OBJ, OPEN, SLASH, WHITESPACE, hexEnd, isDigit, matches, referenceEnd, skipWhitespace, stringEnd, word } from './pdf-bytes.js';
import type { StreamObject } from './pdf-skim-stream-object.js';
import { HASH, isWatchedName } from './pdf-skim-words.js';

export const enum Walk {
  /** Nothing proven: the walk stopped inside the first object. */
  Stopped,
  /** Boring up to the `stream` keyword: its object is in `found`; data follows `at`. */
  Stream,
  /** Boring up to `at`, just after an `endobj`. */
  Boundary,
}

const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const MINUS = 0x2d;
const DOT = 0x2e;
const DICT = 1;
const ARRAY = 2;
const MAX_DEPTH = 32;
/** Digits of a /Length the walk reads (as the other skimmer); a longer one is left to the tokenizer. */
const MAX_LENGTH_DIGITS = 15;
const STREAM = word('stream');
const KEYWORDS = [word('true'), word('false'), word('null')];

export class ObjectWalker {
  /** Where the outcome leaves off (see Walk). */
  at = 0;
  /** Until the catalog, page tree and a page are seen, /Type is read by the tokenizer. */
  needKinds = true;
  private readonly kinds = new Uint8Array(MAX_DEPTH + 1);
  private valueIsDictionary = false;

  /** `found`: where a Stream outcome's object goes (its /Length as the tokenizer keeps it: the last one). */
  constructor(private readonly found: StreamObject) {}

  /** Walks `bytes[from, to)`; `from` is a point between objects. */
  walk(bytes: Buffer, from: number, to: number): Walk {
    let at = from;
    let boundary = -1;
    for (;;) {
      at = skipWhitespace(bytes, at, to);
      if (keywordAt(bytes, at, to, ENDOBJ)) {
        at += ENDOBJ.length;
        boundary = at;
        continue;
      }
      const start = at;
      at = this.objectHeader(bytes, at, to);
      if (at < 0) break;
      at = this.value(bytes, skipWhitespace(bytes, at, to), to);
      if (at < 0) break;
      at = skipWhitespace(bytes, at, to);
      if (keywordAt(bytes, at, to, ENDOBJ)) {
        at += ENDOBJ.length;
        boundary = at;
        continue;
      }
      if (this.valueIsDictionary && keywordAt(bytes, at, to, STREAM)) {
        this.found.objectStart = start;
        this.at = at + STREAM.length;
        return Walk.Stream;
      }
      break;
    }
    if (boundary < 0) return Walk.Stopped;
    this.at = boundary;
    return Walk.Boundary;
  }

  /** `N G obj` at `from`: where its value starts, or -1. */
  private objectHeader(bytes: Buffer, from: number, to: number): number {
    let at = from;
    let objectNumber = 0;
    while (at < to && at - from <= 10 && isDigit(bytes[at]!)) objectNumber = objectNumber * 10 + (bytes[at++]! - 0x30);
    if (at === from || at >= to || WHITESPACE[bytes[at]!] !== 1) return -1;
    at = skipWhitespace(bytes, at, to);
    const digits = at;
    let generation = 0;
    while (at < to && at - digits <= 10 && isDigit(bytes[at]!)) generation = generation * 10 + (bytes[at++]! - 0x30);
    if (at === digits || at >= to || WHITESPACE[bytes[at]!] !== 1) return -1;
    at = skipWhitespace(bytes, at, to);
    if (!keywordAt(bytes, at, to, OBJ)) return -1;
    this.found.objectNumber = objectNumber;
    this.found.generation = generation;
    return at + OBJ.length;
  }

  /** One value starting at `from` (containers read to their end); after it, or -1. */
  private value(bytes: Buffer, from: number, to: number): number {
    const kinds = this.kinds;
    let at = from;
    let depth = 0;
    let expectKey = false;
    let lengthKey = false;
    this.found.length = -1;
    this.valueIsDictionary = bytes[at] === LESS && bytes[at + 1] === LESS;
    for (;;) {
      if (at >= to) return -1;
      const byte = bytes[at]!;
      if (expectKey) {
        if (byte === SLASH) {
          const end = this.nameEnd(bytes, at, to);
          if (end < 0) return -1;
          if (depth === 1) lengthKey = end - at === LENGTH.length + 1 && matches(bytes, at + 1, LENGTH);
          expectKey = false;
          at = skipWhitespace(bytes, end, to);
          continue;
        }
        if (byte !== GREATER || bytes[at + 1] !== GREATER) return -1;
        at += 2;
        depth -= 1;
      } else if (byte === SLASH) {
        at = this.nameEnd(bytes, at, to);
      } else if (isDigit(byte) || byte === MINUS || byte === DOT) {
        at = this.number(bytes, at, to, depth === 1 && lengthKey);
      } else if (byte === OPEN) {
        at = stringEnd(bytes, at + 1, to);
      } else if (byte === LESS) {
        if (bytes[at + 1] === LESS) {
          if (depth === MAX_DEPTH) return -1;
          kinds[(depth += 1)] = DICT;
          expectKey = true;
          at = skipWhitespace(bytes, at + 2, to);
          continue;
        }
        at = hexEnd(bytes, at + 1, to);
      } else if (byte === OPEN_ARRAY) {
        if (depth === MAX_DEPTH) return -1;
        kinds[(depth += 1)] = ARRAY;
        at = skipWhitespace(bytes, at + 1, to);
        continue;
      } else if (byte === CLOSE_ARRAY) {
        if (depth === 0 || kinds[depth] !== ARRAY) return -1;
        at += 1;
        depth -= 1;
      } else {
        at = plainKeywordEnd(bytes, at, to);
      }
      if (at < 0) return -1;
      // A value (or a container) ended.
      if (depth === 0) return at;
      expectKey = kinds[depth] === DICT;
      at = skipWhitespace(bytes, at, to);
    }
  }

  /** After the name starting at `slash`; -1 when it is watched, escaped or runs to `to`. */
  private nameEnd(bytes: Buffer, slash: number, to: number): number {
    let at = slash + 1;
    while (at < to && ENDS_TOKEN[bytes[at]!] !== 1) {
      if (bytes[at] === HASH) return -1;
      at += 1;
    }
    if (at >= to || isWatchedName(bytes, slash + 1, at - slash - 1, this.needKinds)) return -1;
    return at;
  }

  /** After a number (or a reference `N G R`) at `from`, keeping /Length as the tokenizer would. */
  private number(bytes: Buffer, from: number, to: number, isLength: boolean): number {
    let at = bytes[from] === MINUS ? from + 1 : from;
    let plain = at === from;
    let value = 0;
    const digits = at;
    for (; at < to; at += 1) {
      const byte = bytes[at]!;
      if (isDigit(byte)) value = value * 10 + (byte - 0x30);
      else if (byte === DOT) plain = false;
      else break;
    }
    if (at >= to || ENDS_TOKEN[bytes[at]!] !== 1) return -1;
    plain &&= at > digits;
    const reference = plain ? referenceEnd(bytes, at, to) : -1;
    if (isLength) {
      if (!plain || at - digits > MAX_LENGTH_DIGITS) return -1; // read exactly by the tokenizer
      this.found.length = reference > 0 ? -1 : value;
    }
    return reference > 0 ? reference : at;
  }
}

/** The keyword `expected` at `at`, ended by a delimiter before `to`. */
function keywordAt(bytes: Buffer, at: number, to: number, expected: Buffer): boolean {
  const after = at + expected.length;
  return after < to && matches(bytes, at, expected) && ENDS_TOKEN[bytes[after]!] === 1;
}

/** After `true`, `false` or `null` at `at`; -1 for any other keyword (or damage). */
function plainKeywordEnd(bytes: Buffer, at: number, to: number): number {
  for (const keyword of KEYWORDS) if (keywordAt(bytes, at, to, keyword)) return at + keyword.length;
  return -1;
}

/**
 * Skims the PDF bytes between streams at native speed instead of tokenizing them. From a point
 * where the tokenizer would stand between objects (the file's start, after `endstream` or
 * `endobj`), it finds the next `stream` keyword with `Buffer.indexOf`, then proves the bytes up to
 * it hold nothing the structure check reacts to: every byte that could begin such a thing is
 * searched for (a few rare letters: `J` for /JS and /JavaScript, `h` for /Launch, /FileAttachment
 * and /RichMedia, `E`, `X`, `O`, `#`, `x`, `l`, and `T` until the page tree is found) and each hit
 * is checked against the words it could belong to. Strings, comments and hex strings are walked in
 * order as the tokenizer would (every `(`, `%` and `<` is visited), so a word inside `( … )`,
 * `< … >` or after `%` does not count. Only the stream's own small dictionary is parsed, for /Length.
 *
 * Anything else — an active name, an escape, /Type before the pages are found, an encryption or
 * object-stream dictionary, `xref`, `trailer`, a hex string where a string or keyword starts, an
 * unusual stream dictionary — hands the region to the exact tokenizer (pdf-lexer.ts) from its
 * start, which is the scanner's ground truth; skimming only ever skips bytes it has proven boring.
 *
 * Two cheaper ways to the same answer: a short run of objects before a stream (a PDF 1.7 content
 * stream's `N G obj << /Filter … /Length … >>`) is walked in one pass (pdf-skim-walk.ts) instead of
 * a dozen searches; and a letter that hits in every object of a long run is searched for by its words
 * (pdf-skim-words.ts), whose hits are rare, instead of once per hit.
 */

import { BACKSLASH, CLOSE, ENDOBJ, ENDS_TOKEN, LESS, OPEN, PERCENT, commentEnd, hexEnd, keywordIs, matches, stringEnd, word } from './pdf-bytes.js';
import { readStreamObject, type StreamObject } from './pdf-skim-stream-object.js';
import { ObjectWalker, Walk } from './pdf-skim-walk.js';
import { HASH, LETTER_E, LETTER_J, LETTER_O, LETTER_T, LETTER_X, LETTER_h, LETTER_l, LETTER_WORDS, LETTER_x, WORD_PROBES, classify } from './pdf-skim-words.js';

/**
 * Regions up to a `stream` at most this far are walked byte by byte (pdf-skim-walk.ts): cheaper
 * than a dozen searches there, dearer than the searches over a long region (about 4 ns a byte
 * walked against 50 ns a search).
 */
const WALK_LIMIT = 256;
/**
 * A letter hitting this often in one region is searched for by its words instead: each letter hit
 * is a search of its own, a word search costs about fifty of them but rarely hits (see searchWords).
 */
const SWITCH_TO_WORDS = 16;
const LETTER_m = 0x6d;
const LETTER_j = 0x6a;
const STREA = word('strea');
const END = word('end');

export const enum Skim {
  /** The tokenizer takes over at `at`. */
  Exact,
  /** Boring up to the `stream` keyword: its object is in the fields; data follows `at`. */
  Stream,
  /** Boring up to `at`, just after an `endobj`; the tokenizer takes over there. */
  Boundary,
}

/** Letters whose hits are checked, in the order of `next`; `T` last (only while kinds are needed). */
const LETTERS = [HASH, LETTER_J, LETTER_h, LETTER_E, LETTER_X, LETTER_O, LETTER_x, LETTER_l, LETTER_T];
const PAREN = LETTERS.length;
const PERCENT_SLOT = LETTERS.length + 1;
const LESS_SLOT = LETTERS.length + 2;
const SLOTS = LETTERS.length + 3;
const UNKNOWN = -2;
const MAX_INTERVALS = 8192;

export class Skimmer implements StreamObject {
  /** Where the outcome leaves off (see Skim). */
  at = 0;
  objectNumber = 0;
  generation = 0;
  /** Where `N G obj` starts, in the chunk. */
  objectStart = 0;
  /** The stream's direct /Length, or -1. */
  length = -1;
  /** Until the catalog, page tree and a page are seen, /Type is read by the tokenizer. */
  needKinds = true;

  /** Next hit of each letter (then `(` and `%`) in `cached`, -1 for none, UNKNOWN before searching. */
  private readonly next = new Int32Array(SLOTS);
  private cached: Buffer | null = null;
  /** Next hit of each of WORD_PROBES in `cached`, as `next`. */
  private readonly nextWord = new Int32Array(WORD_PROBES.length);
  /** Strings, comments and hex strings of the region being skimmed: [start, end) pairs, in order. */
  private readonly intervals = new Int32Array(MAX_INTERVALS * 2);
  private intervalCount = 0;
  private readonly walker = new ObjectWalker(this);

  /** `walking`: walk runs of ordinary objects first (pdf-skim-walk.ts); off, only search. */
  constructor(private readonly walking = true) {}

  /** Forgets the chunk the cached hits belong to (so it is not kept alive between chunks). */
  release(): void {
    this.cached = null;
  }

  /** Skims `bytes[from, to)`; `from` is a point between objects. */
  skim(bytes: Buffer, from: number, to: number): Skim {
    if (bytes !== this.cached) {
      this.cached = bytes;
      this.next.fill(UNKNOWN);
      this.nextWord.fill(UNKNOWN);
    }
    const keyword = findStream(bytes, from, to);
    let start = from;
    if (this.walking && keyword >= 0 && keyword - from <= WALK_LIMIT) {
      const walker = this.walker;
      walker.needKinds = this.needKinds;
      const walked = walker.walk(bytes, from, keyword + 7);
      if (walked === Walk.Stream) {
        this.at = walker.at;
        return Skim.Stream;
      }
      if (walked === Walk.Boundary) start = walker.at;
    }
    const outcome = this.search(bytes, start, to, keyword);
    if (outcome !== Skim.Exact || start === from) return outcome;
    this.at = start; // the walk proved the objects before `start` boring
    return Skim.Boundary;
  }

  /** Searches the bytes before the `stream` keyword found (see findStream) for the trigger letters. */
  private search(bytes: Buffer, from: number, to: number, keyword: number): Skim {
    const end = keyword >= 0 ? keyword : keyword === -1 ? to : -keyword - 3;
    let boringTo = this.scan(bytes, from, end, to);
    if (boringTo === end && keyword >= 0) {
      if (readStreamObject(bytes, from, keyword, this.intervalCount > 0 ? this.intervals[this.intervalCount * 2 - 1]! : -1, this)) {
        this.at = keyword + 6;
        return Skim.Stream;
      }
      boringTo = keyword;
    }
    // Boring as far as `boringTo`: skip to the last object ending before it.
    const safe = lastEndobj(bytes, from, boringTo);
    if (safe > from && !this.inInterval(safe - 6)) {
      this.at = safe;
      return Skim.Boundary;
    }
    this.at = from;
    return Skim.Exact;
  }

  /**
   * Walks strings, comments and hex strings in order, then the hits of each trigger letter; returns
   * `end` when nothing before it needs the tokenizer, or where the first thing that does starts.
   */
  private scan(bytes: Buffer, from: number, end: number, limit: number): number {
    const next = this.next;
    this.intervalCount = 0;
    let bad = end;
    // The next `(`, `%` and `<` in locals: this loop runs for every string and dictionary.
    let paren = this.nextHit(bytes, PAREN, from);
    let percent = this.nextHit(bytes, PERCENT_SLOT, from);
    let less = this.nextHit(bytes, LESS_SLOT, from);
    let backslash = UNKNOWN;
    for (;;) {
      let at = end;
      let slot = -1;
      if (paren >= 0 && paren < at) {
        at = paren;
        slot = PAREN;
      }
      if (percent >= 0 && percent < at) {
        at = percent;
        slot = PERCENT_SLOT;
      }
      if (less >= 0 && less < at) {
        at = less;
        slot = LESS_SLOT;
      }
      if (slot < 0) break;
      if (slot === LESS_SLOT && bytes[at + 1] === LESS) {
        less = bytes.indexOf(LESS, at + 2); // `<<` opens a dictionary
        continue;
      }
      // A string, a comment or a hex string: everything in it is inert.
      let close: number;
      if (slot === PAREN) {
        // The next `)` ends the string unless a `(` or a backslash comes first: searches, not a walk.
        const body = at + 1;
        paren = bytes.indexOf(OPEN, body);
        if (backslash !== -1 && backslash < body) backslash = bytes.indexOf(BACKSLASH, body);
        const closing = bytes.indexOf(CLOSE, body);
        const plain = closing >= 0 && closing < limit && (paren < 0 || paren > closing) && (backslash < 0 || backslash > closing);
        close = plain ? closing + 1 : stringEnd(bytes, body, limit);
      } else close = slot === PERCENT_SLOT ? commentEnd(bytes, at + 1, limit) : hexEnd(bytes, at + 1, limit);
      if (close < 0 || close > end || this.intervalCount === MAX_INTERVALS) {
        bad = at;
        break;
      }
      this.intervals[this.intervalCount * 2] = at;
      this.intervals[this.intervalCount * 2 + 1] = close;
      this.intervalCount += 1;
      if (paren >= 0 && paren < close) paren = bytes.indexOf(OPEN, close);
      if (percent >= 0 && percent < close) percent = bytes.indexOf(PERCENT, close);
      if (less >= 0 && less < close) less = bytes.indexOf(LESS, close);
    }
    next[PAREN] = paren;
    next[PERCENT_SLOT] = percent;
    next[LESS_SLOT] = less;
    return this.searchLetters(bytes, from, end, bad);
  }

  /**
   * The first hit of a trigger letter before `bad` that needs the tokenizer, or `bad`. A letter
   * that keeps hitting (in every object of a long run) is searched for by its words from there on.
   */
  private searchLetters(bytes: Buffer, from: number, end: number, bad: number): number {
    const next = this.next;
    const letters = this.needKinds ? LETTERS.length : LETTERS.length - 1;
    for (let slot = 0; slot < letters; slot += 1) {
      this.refresh(bytes, slot, from);
      const letter = LETTERS[slot]!;
      let hit = next[slot]!;
      for (let hits = 1; hit >= 0 && hit < bad; hits += 1) {
        if (classify(bytes, letter, hit, end) && !this.inInterval(hit)) {
          bad = hit;
          break;
        }
        if (hits === SWITCH_TO_WORDS) {
          bad = this.searchWords(bytes, LETTER_WORDS[slot]!, hit + 1, end, bad);
          hit = UNKNOWN; // not searched past here
          break;
        }
        hit = bytes.indexOf(letter, hit + 1);
      }
      next[slot] = hit;
    }
    return bad;
  }

  /** The first hit from `from` of the words `probes` (indices into WORD_PROBES) before `bad` that needs the tokenizer, or `bad`. */
  private searchWords(bytes: Buffer, probes: readonly number[], from: number, end: number, bad: number): number {
    const next = this.nextWord;
    for (const slot of probes) {
      const probe = WORD_PROBES[slot]!;
      let hit = next[slot]!;
      if (hit === UNKNOWN || (hit >= 0 && hit < from)) hit = bytes.indexOf(probe.word, from);
      while (hit >= 0 && hit < bad) {
        if (probe.exact(bytes, hit, end) && !this.inInterval(hit)) {
          bad = hit;
          break;
        }
        hit = bytes.indexOf(probe.word, hit + 1);
      }
      next[slot] = hit;
    }
    return bad;
  }

  private nextHit(bytes: Buffer, slot: number, from: number): number {
    this.refresh(bytes, slot, from);
    return this.next[slot]!;
  }

  private refresh(bytes: Buffer, slot: number, from: number): void {
    const hit = this.next[slot]!;
    if (hit === -1 || (hit >= from && hit !== UNKNOWN)) return;
    const byte = slot === PAREN ? OPEN : slot === PERCENT_SLOT ? PERCENT : slot === LESS_SLOT ? LESS : LETTERS[slot]!;
    this.next[slot] = bytes.indexOf(byte, from);
  }

  private inInterval(position: number): boolean {
    let low = 0;
    let high = this.intervalCount - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (position < this.intervals[middle * 2]!) high = middle - 1;
      else if (position >= this.intervals[middle * 2 + 1]!) low = middle + 1;
      else return true;
    }
    return false;
  }
}

/**
 * The start of the next `stream` keyword in [from, to); -1 when there is none (or it touches `to`,
 * so its end is unknown); `-start - 3` when an `endstream` starting at `start` comes first (damage
 * the tokenizer should read).
 */
function findStream(bytes: Buffer, from: number, to: number): number {
  for (let m = bytes.indexOf(LETTER_m, from + 5); m >= 0 && m < to; m = bytes.indexOf(LETTER_m, m + 1)) {
    const start = m - 5;
    if (!matches(bytes, start, STREA)) continue;
    if (start - 3 >= from && matches(bytes, start - 3, END)) return -(start - 3) - 3;
    if (start > from && ENDS_TOKEN[bytes[start - 1]!] !== 1) continue;
    if (m + 1 >= to) return -1;
    if (ENDS_TOKEN[bytes[m + 1]!] !== 1) continue;
    return start;
  }
  return -1;
}

/** Just after the last `endobj` keyword in [from, to) whose end is known; -1 if none. */
function lastEndobj(bytes: Buffer, from: number, to: number): number {
  for (let j = bytes.lastIndexOf(LETTER_j, to - 1); j >= from + 5; j = bytes.lastIndexOf(LETTER_j, j - 1)) {
    if (j + 1 >= to || !keywordIs(bytes, j - 5, ENDOBJ, to)) continue;
    return j + 1;
  }
  return -1;
}

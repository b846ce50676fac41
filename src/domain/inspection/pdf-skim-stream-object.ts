/**
 * The stream's own object, read backwards and forwards from the `stream` keyword the skimmer
 * (pdf-skim.ts) found: `N G obj << … >>`, a flat dictionary whose only concern is /Length.
 */
import { ENDS_TOKEN, GREATER, LENGTH, LESS, OBJ, SLASH, WHITESPACE, isDigit, matches, referenceEnd, skipContainer, skipRegular, skipWhitespace } from './pdf-bytes.js';

const LETTER_j = 0x6a;

/** Where `N G obj` starts, its numbers, and the dictionary's direct /Length (or -1). */
export interface StreamObject {
  objectNumber: number;
  generation: number;
  objectStart: number;
  length: number;
}

/** `N G obj << … >>` just before `stream`: a flat dictionary whose only concern is /Length. */
export function readStreamObject(bytes: Buffer, from: number, keyword: number, stringsEnd: number, into: StreamObject): boolean {
  const j = bytes.lastIndexOf(LETTER_j, keyword);
  if (j < from + 2 || !matches(bytes, j - 2, OBJ) || ENDS_TOKEN[bytes[j + 1]!] !== 1) return false;
  // No string, comment or hex string inside the dictionary (nor around `obj`).
  if (stringsEnd > j - 2) return false;
  if (!readObjectHeader(bytes, from, j - 2, into)) return false;
  return readDictionary(bytes, j + 1, keyword, into);
}

/** `N G` before `obj` at `objAt`. */
function readObjectHeader(bytes: Buffer, from: number, objAt: number, into: StreamObject): boolean {
  let at = objAt - 1;
  if (at < from || WHITESPACE[bytes[at]!] !== 1) return false;
  while (at >= from && WHITESPACE[bytes[at]!] === 1) at -= 1;
  let generation = 0;
  let scale = 1;
  const generationEnd = at;
  while (at >= from && isDigit(bytes[at]!)) {
    generation += (bytes[at]! - 0x30) * scale;
    scale *= 10;
    at -= 1;
  }
  if (at === generationEnd || at < from || WHITESPACE[bytes[at]!] !== 1) return false;
  while (at >= from && WHITESPACE[bytes[at]!] === 1) at -= 1;
  let objectNumber = 0;
  scale = 1;
  const numberEnd = at;
  while (at >= from && isDigit(bytes[at]!)) {
    objectNumber += (bytes[at]! - 0x30) * scale;
    scale *= 10;
    at -= 1;
  }
  if (at === numberEnd || numberEnd - at > 10 || generationEnd - at > 16) return false;
  if (at >= from && ENDS_TOKEN[bytes[at]!] !== 1) return false;
  into.objectNumber = objectNumber;
  into.generation = generation;
  into.objectStart = at + 1;
  return true;
}

/**
 * `<< /Key value … >>` then whitespace up to `end`: names, numbers, references and balanced
 * nested containers without strings. Sets `length` as the tokenizer would (the last /Length).
 */
function readDictionary(bytes: Buffer, from: number, end: number, into: StreamObject): boolean {
  let at = skipWhitespace(bytes, from, end);
  if (bytes[at] !== LESS || bytes[at + 1] !== LESS) return false;
  at += 2;
  into.length = -1;
  for (;;) {
    at = skipWhitespace(bytes, at, end);
    if (at >= end) return false;
    if (bytes[at] === GREATER) {
      if (bytes[at + 1] !== GREATER) return false;
      return skipWhitespace(bytes, at + 2, end) === end;
    }
    if (bytes[at] !== SLASH) return false;
    const isLength = at + 7 <= end && matches(bytes, at + 1, LENGTH) && ENDS_TOKEN[bytes[at + 7]!] === 1;
    at = skipRegular(bytes, at + 1, end);
    at = skipWhitespace(bytes, at, end);
    if (at >= end) return false;
    const first = bytes[at]!;
    if (isDigit(first)) {
      let value = 0;
      const start = at;
      while (at < end && isDigit(bytes[at]!)) value = value * 10 + (bytes[at++]! - 0x30);
      if (at - start > 15 || at >= end || ENDS_TOKEN[bytes[at]!] !== 1) return false;
      const reference = referenceEnd(bytes, at, end);
      if (reference > 0) at = reference;
      if (isLength) into.length = reference > 0 ? -1 : value;
    } else if (first === SLASH) {
      at = skipRegular(bytes, at + 1, end);
      if (isLength) into.length = -1;
    } else if (first === 0x5b || (first === LESS && bytes[at + 1] === LESS)) {
      at = skipContainer(bytes, at, end);
      if (at < 0) return false;
      if (isLength) into.length = -1;
    } else {
      return false;
    }
  }
}

/**
 * Byte-level reading shared by the PDF skimmers (pdf-skim.ts, pdf-skim-walk.ts): the tokenizer's
 * byte classes, and the ends of strings, comments, hex strings, names and references, found the
 * way the tokenizer (pdf-lexer.ts) would find them.
 */

export const SLASH = 0x2f;
export const LESS = 0x3c;
export const GREATER = 0x3e;
export const OPEN = 0x28;
export const CLOSE = 0x29;
export const BACKSLASH = 0x5c;
export const PERCENT = 0x25;

/** 1 for bytes that end a token (whitespace and delimiters), as in pdf-lexer.ts. */
export const ENDS_TOKEN = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) ENDS_TOKEN[byte] = 1;
for (const byte of '()<>[]{}/%') ENDS_TOKEN[byte.charCodeAt(0)] = 1;
export const WHITESPACE = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITESPACE[byte] = 1;

export const word = (text: string): Buffer => Buffer.from(text, 'latin1');
/** Keywords and names more than one skimmer looks for. */
export const OBJ = word('obj');
export const ENDOBJ = word('endobj');
export const LENGTH = word('Length');

export function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

export function matches(bytes: Buffer, at: number, expected: Buffer): boolean {
  if (at < 0) return false;
  for (let i = 0; i < expected.length; i += 1) if (bytes[at + i] !== expected[i]) return false;
  return true;
}

/** The name `/word` starts at `slash` and ends before `end` (or with the bytes). */
export function nameIs(bytes: Buffer, slash: number, expected: Buffer, end: number): boolean {
  const after = slash + 1 + expected.length;
  return bytes[slash] === SLASH && after < end && matches(bytes, slash + 1, expected) && (after >= bytes.length || ENDS_TOKEN[bytes[after]!] === 1);
}

/** The keyword `word` (a token of its own) starts at `at` and ends before `end`. */
export function keywordIs(bytes: Buffer, at: number, expected: Buffer, end: number): boolean {
  const after = at + expected.length;
  return at >= 0 && after < end && matches(bytes, at, expected) && ENDS_TOKEN[bytes[after]!] === 1 && (at === 0 || ENDS_TOKEN[bytes[at - 1]!] === 1);
}

/** Just after the `>` closing a hex string whose body starts at `from`; -1 if not before `limit`. */
export function hexEnd(bytes: Buffer, from: number, limit: number): number {
  const close = bytes.indexOf(GREATER, from);
  return close >= 0 && close < limit ? close + 1 : -1;
}

/** Just after the `)` closing a literal string whose body starts at `from`; -1 if not before `limit`. */
export function stringEnd(bytes: Buffer, from: number, limit: number): number {
  let depth = 1;
  let at = from;
  while (at < limit) {
    const byte = bytes[at++]!;
    if (byte === BACKSLASH) at += 1;
    else if (byte === OPEN) depth += 1;
    else if (byte === CLOSE && (depth -= 1) === 0) return at;
  }
  return -1;
}

/** The end of line closing a comment; -1 if not before `limit`. */
export function commentEnd(bytes: Buffer, from: number, limit: number): number {
  for (let at = from; at < limit; at += 1) if (bytes[at] === 0x0a || bytes[at] === 0x0d) return at;
  return -1;
}

export function skipWhitespace(bytes: Buffer, from: number, end: number): number {
  let at = from;
  while (at < end && WHITESPACE[bytes[at]!] === 1) at += 1;
  return at;
}

export function skipRegular(bytes: Buffer, from: number, end: number): number {
  let at = from;
  while (at < end && ENDS_TOKEN[bytes[at]!] !== 1) at += 1;
  return at;
}

/** After `G R` following an integer at `from`, or -1 when no reference follows. */
export function referenceEnd(bytes: Buffer, from: number, end: number): number {
  let at = skipWhitespace(bytes, from, end);
  const digits = at;
  while (at < end && isDigit(bytes[at]!)) at += 1;
  if (at === digits || at >= end || WHITESPACE[bytes[at]!] !== 1) return -1;
  at = skipWhitespace(bytes, at, end);
  if (bytes[at] !== 0x52 || at + 1 >= end || ENDS_TOKEN[bytes[at + 1]!] !== 1) return -1;
  return at + 1;
}

/** After the `]` or `>>` balancing the container at `from`; -1 on strings, comments or damage. */
export function skipContainer(bytes: Buffer, from: number, end: number): number {
  let depth = 0;
  let at = from;
  while (at < end) {
    const byte = bytes[at]!;
    if (byte === 0x5b) depth += 1;
    else if (byte === 0x5d) depth -= 1;
    else if (byte === LESS) {
      if (bytes[at + 1] !== LESS) return -1;
      depth += 1;
      at += 1;
    } else if (byte === GREATER) {
      if (bytes[at + 1] !== GREATER) return -1;
      depth -= 1;
      at += 1;
    } else if (byte === OPEN || byte === PERCENT || byte === CLOSE) {
      return -1;
    }
    at += 1;
    if (depth === 0) return at;
  }
  return -1;
}

/**
 * Reading helpers shared by the matchers: tokens with their positions in the original text, and
 * the character folds that make OCR confusions (O/0, I/l/1, S/5, B/8, Z/2) compare equal.
 */

export interface Token {
  /** As written in the text. */
  raw: string;
  start: number;
  end: number;
}

/** Runs of letters and digits ('|' counts: OCR reads a 1 or an l as a bar). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}|]+/gu)) {
    tokens.push({ raw: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

const TO_DIGIT: Record<string, string> = { O: '0', Q: '0', I: '1', L: '1', '|': '1', S: '5', B: '8', Z: '2' };

/** Uppercase, with every letter OCR confuses with a digit replaced by that digit. */
export function foldIdentifier(value: string): string {
  let folded = '';
  for (const char of value.toUpperCase()) folded += TO_DIGIT[char] ?? char;
  return folded;
}

/** Letters and digits only, uppercase: "bj-482 1737" → "BJ4821737". */
export function compact(value: string): string {
  return value.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Uppercase letters without accents, for comparing words ("José" → "JOSE"). */
export function plainWord(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}

/**
 * The text with digit-like letters inside number-like tokens turned into digits ("2O27" → "2027",
 * "O6/3O" → "06/30"); words are left alone. Same length, so positions still point into the text.
 */
export function foldDigitsInNumbers(text: string): string {
  return text.replace(/[\p{L}\p{N}|]+/gu, (token) => {
    if (!/\d/.test(token) || !/^[\dOoQIl|SsBZ]+$/.test(token)) return token;
    return foldIdentifier(token);
  });
}

export function isLettersOnly(value: string): boolean {
  return /^\p{L}+$/u.test(value);
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** True when the characters between two positions are only spaces and light punctuation, on at most two lines. */
export function isSmallGap(text: string, from: number, to: number, maxChars = 4): boolean {
  if (to - from > maxChars) return false;
  const gap = text.slice(from, to);
  return /^[\s\-–.·/]*$/u.test(gap) && (gap.match(/\n/g)?.length ?? 0) <= 1;
}

/** A short excerpt of the text, on one line, as shown to a person. */
export function excerpt(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/\s+/g, ' ').trim().slice(0, 80);
}

/** Start and end of the line holding `position`. */
export function lineAround(text: string, position: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', position - 1) + 1;
  const newline = text.indexOf('\n', position);
  return { start, end: newline === -1 ? text.length : newline };
}

/**
 * Names and free text (the provider's name, the issuing authority) compared word by word: case,
 * accents and punctuation ignored, word order free within a short span, one misread letter
 * forgiven in longer words ("rn" read for "m" too). These never produce a MISMATCH: a document
 * names many people and bodies (insured group, signatory, board president), so another name
 * proves nothing.
 */
import type { FieldOutcome, ReadPage } from './page.js';
import { editDistance, excerpt, plainWord } from './text-scan.js';

interface Word {
  value: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    words.push({ value: plainWord(match[0]).replace(/['’]/g, ''), start: match.index, end: match.index + match[0].length });
  }
  return words;
}

const READ_AS: [RegExp, string][] = [[/RN/g, 'M'], [/VV/g, 'W'], [/0/g, 'O'], [/1/g, 'I'], [/5/g, 'S'], [/8/g, 'B']];

function normalizeReading(word: string): string {
  return READ_AS.reduce((value, [pattern, replacement]) => value.replace(pattern, replacement), word.replace(/L/g, 'I'));
}

export function sameWord(expected: string, read: string): boolean {
  if (expected === read) return true;
  const [a, b] = [normalizeReading(expected), normalizeReading(read)];
  if (a === b) return true;
  return a.length >= 5 && editDistance(a, b, 1) <= 1;
}

/** The first span of at most `window` words holding every one of `wanted` (each matched once; in order if `ordered`). */
function findSpan(words: Word[], wanted: string[], window: number, ordered = false): Word[] | null {
  for (let i = 0; i < words.length; i += 1) {
    if (!wanted.some((w) => sameWord(w, words[i]!.value))) continue;
    const remaining = [...wanted];
    const span: Word[] = [];
    for (let j = i; j < Math.min(words.length, i + window) && remaining.length > 0; j += 1) {
      const at = ordered ? (sameWord(remaining[0]!, words[j]!.value) ? 0 : -1) : remaining.findIndex((w) => sameWord(w, words[j]!.value));
      if (at >= 0) {
        remaining.splice(at, 1);
        span.push(words[j]!);
      }
    }
    if (remaining.length === 0) return span;
  }
  return null;
}

function significantWords(value: string, ignore: ReadonlySet<string>): string[] {
  return wordsOf(value).map((word) => word.value).filter((word) => word.length > 1 && !ignore.has(word));
}

const NAME_NOISE = new Set(['DR', 'MD', 'DO', 'PHD', 'MBBS', 'JR', 'SR', 'II', 'III', 'IV', 'MR', 'MRS', 'MS']);

/**
 * Her first and last name within four words of each other, in either order: "Emily Johnson",
 * "JOHNSON, EMILY", "Emily R. Johnson, MD". Middle names she typed are not required.
 */
export function checkProviderName(expected: string, pages: readonly ReadPage[]): FieldOutcome {
  const names = significantWords(expected, NAME_NOISE);
  if (names.length === 0) return { status: 'NOT_FOUND' };
  const wanted = names.length === 1 ? names : [names[0]!, names.at(-1)!];
  for (const page of pages) {
    const span = findSpan(wordsOf(page.text), wanted, 5);
    if (span) return { status: 'MATCH', found: excerpt(page.text, span[0]!.start, span.at(-1)!.end) };
  }
  return { status: 'NOT_FOUND' };
}

const AUTHORITY_NOISE = new Set(['OF', 'THE', 'AND', 'FOR', 'INC', 'LLC', 'CO', 'CORP', 'US', 'USA', 'STATE']);

function initials(words: string[]): string {
  return words.map((word) => word[0]).join('');
}

/**
 * Every significant word of the authority she typed within a short span (any order), or its
 * acronym: "ABIM" on the page for "American Board of Internal Medicine", or the words on the
 * page when she typed "DEA".
 */
export function checkIssuingAuthority(expected: string, pages: readonly ReadPage[]): FieldOutcome {
  const wanted = significantWords(expected, AUTHORITY_NOISE);
  if (wanted.length === 0) return { status: 'NOT_FOUND' };
  const acronym = wanted.length >= 3 ? initials(wanted) : null;
  const typedAcronym = wanted.length === 1 && /^[A-Z]{2,6}$/.test(wanted[0]!) ? wanted[0]! : null;
  for (const page of pages) {
    const words = wordsOf(page.text);
    // As she typed it first (the excerpt then reads naturally), then in any order.
    const span = findSpan(words, wanted, wanted.length * 2 + 2, true) ?? findSpan(words, wanted, wanted.length * 2 + 2);
    if (span) return { status: 'MATCH', found: excerpt(page.text, Math.min(...span.map((w) => w.start)), Math.max(...span.map((w) => w.end))) };
    if (acronym) {
      const word = words.find((w) => w.value === acronym);
      if (word) return { status: 'MATCH', found: excerpt(page.text, word.start, word.end) };
    }
    if (typedAcronym) {
      const significant = words.filter((w) => !AUTHORITY_NOISE.has(w.value));
      for (let i = 0; i + typedAcronym.length <= significant.length; i += 1) {
        const run = significant.slice(i, i + typedAcronym.length);
        if (initials(run.map((w) => w.value)) === typedAcronym && run.every((w) => w.value.length > 2)) {
          return { status: 'MATCH', found: excerpt(page.text, run[0]!.start, run.at(-1)!.end) };
        }
      }
    }
  }
  return { status: 'NOT_FOUND' };
}

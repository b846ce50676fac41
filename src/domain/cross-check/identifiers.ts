/**
 * License, DEA and policy numbers in a document's text. A number matches even when OCR confused
 * look-alike characters, when it is broken by spaces, hyphens or a line break, or when a label
 * is glued to it ("Lic#A123456"); it never matches inside a longer number.
 */
import { checkDeaNumber } from '../dea-number.js';
import type { FieldOutcome, ReadPage } from './page.js';
import { compact, editDistance, excerpt, foldIdentifier, isLettersOnly, isSmallGap, tokenize, type Token } from './text-scan.js';

export interface Found {
  start: number;
  end: number;
  /** As printed, on one line. */
  text: string;
}

export type IdentifierField = 'licenseNumber' | 'deaNumber' | 'policyNumber';

/** Where `expected` appears in `text`, or null. */
export function findIdentifier(text: string, expected: string, tokens: Token[] = tokenize(text)): Found | null {
  const target = foldIdentifier(compact(expected));
  if (target.length === 0) return null;
  for (let i = 0; i < tokens.length; i += 1) {
    for (const cut of gluedWordCuts(tokens[i]!.raw)) {
      const found = extendFrom(text, tokens, i, cut, target);
      if (found) return found;
    }
  }
  return null;
}

/** 0, plus every cut after a run of leading letters (a word glued in front of the number). */
function gluedWordCuts(raw: string): number[] {
  const cuts = [0];
  for (let k = 1; k < raw.length && /\p{L}/u.test(raw[k - 1]!); k += 1) cuts.push(k);
  return cuts;
}

function extendFrom(text: string, tokens: Token[], first: number, cut: number, target: string): Found | null {
  const start = tokens[first]!.start + cut;
  let read = foldIdentifier(tokens[first]!.raw.slice(cut));
  for (let last = first; ; ) {
    if (read.length >= target.length) {
      if (!read.startsWith(target)) return null;
      const token = tokens[last]!;
      const tail = token.raw.slice(token.raw.length - (read.length - target.length));
      // Letters glued after the number are a word ("Expires"); a digit would make it another number.
      if (tail.length > 0 && !isLettersOnly(tail)) return null;
      const end = token.end - tail.length;
      return { start, end, text: excerpt(text, start, end) };
    }
    if (!target.startsWith(read)) return null;
    const next = tokens[last + 1];
    if (!next || !isSmallGap(text, tokens[last]!.end, next.start)) return null;
    last += 1;
    read += foldIdentifier(next.raw);
  }
}

const DIGIT_AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '2': 'Z', '6': 'G' };

/** DEA-shaped numbers (2 letters + 7 digits) whose check digit is valid, canonical and as printed. */
export function deaNumbersIn(text: string, tokens: Token[] = tokenize(text)): (Found & { value: string })[] {
  const numbers: (Found & { value: string })[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    let joined = tokens[i]!.raw;
    for (let last = i; joined.length <= 9; ) {
      if (joined.length === 9) {
        const value = asDeaNumber(joined);
        if (value) numbers.push({ value, start: tokens[i]!.start, end: tokens[last]!.end, text: excerpt(text, tokens[i]!.start, tokens[last]!.end) });
        break;
      }
      const next = tokens[last + 1];
      if (!next || !isSmallGap(text, tokens[last]!.end, next.start)) break;
      last += 1;
      joined += next.raw;
    }
  }
  return numbers;
}

function asDeaNumber(raw: string): string | null {
  const upper = raw.toUpperCase();
  const letters = [...upper.slice(0, 2)].map((char) => DIGIT_AS_LETTER[char] ?? char).join('');
  const value = letters + foldIdentifier(upper.slice(2));
  return checkDeaNumber(value) === 'ok' ? value : null;
}

const LABELS: Record<Exclude<IdentifierField, 'deaNumber'>, RegExp> = {
  licenseNumber: /\b(?:licen[sc]e|lic\.?)\s*(?:no\b\.?|number|num\b\.?|nbr\b\.?|#)\s*[:#.]?/giu,
  policyNumber: /\bpolicy\s*(?:no\b\.?|number|num\b\.?|nbr\b\.?|#)\s*[:#.]?/giu,
};

/**
 * Numbers printed right after their label on the same line ("License No.: A 12345", "Policy #
 * TMLT 5521-87"): an optional prefix of up to six letters, then parts holding digits, stopping at the next word.
 */
export function labelledNumbers(text: string, field: Exclude<IdentifierField, 'deaNumber'>): (Found & { value: string })[] {
  const numbers: (Found & { value: string })[] = [];
  for (const label of text.matchAll(LABELS[field])) {
    const from = label.index + label[0].length;
    const lineEnd = text.indexOf('\n', from);
    const rest = text.slice(from, Math.min(lineEnd === -1 ? text.length : lineEnd, from + 40));
    const parts: Token[] = [];
    for (const token of tokenize(rest)) {
      const previous = parts.at(-1);
      if (previous && !isSmallGap(rest, previous.end, token.start, 2)) break;
      if (!previous && token.start > 4) break;
      const hasDigit = /\d/.test(token.raw);
      if (hasDigit || (isLettersOnly(token.raw) && token.raw.length <= 6 && !parts.some((part) => /\d/.test(part.raw)))) parts.push(token);
      else break;
    }
    const value = compact(parts.map((part) => part.raw).join(''));
    if ((value.match(/\d/g)?.length ?? 0) >= 3) {
      const [start, end] = [from + parts[0]!.start, from + parts.at(-1)!.end];
      numbers.push({ value, start, end, text: excerpt(text, start, end) });
    }
  }
  return numbers;
}

/**
 * MATCH when the number is on any page. MISMATCH only on positive evidence: for a DEA number,
 * another valid DEA number; for a license or policy number, a different number printed after its
 * label. On OCR'd pages a candidate within two characters of hers is treated as a misreading
 * (NOT_FOUND, showing what was read), never as a mismatch.
 */
export function checkIdentifier(field: IdentifierField, expected: string, pages: readonly ReadPage[]): FieldOutcome {
  const target = foldIdentifier(compact(expected));
  let nearMiss: string | undefined;
  let other: string | undefined;
  for (const page of pages) {
    const tokens = tokenize(page.text);
    const found = findIdentifier(page.text, expected, tokens);
    if (found) return { status: 'MATCH', found: found.text };
    const candidates = field === 'deaNumber' ? deaNumbersIn(page.text, tokens) : labelledNumbers(page.text, field);
    for (const candidate of candidates) {
      const distance = editDistance(foldIdentifier(candidate.value), target, 2);
      if (distance === 0) continue;
      if (page.method === 'ocr' && distance <= 2) nearMiss ??= candidate.text;
      else other ??= candidate.text;
    }
  }
  if (other !== undefined) return { status: 'MISMATCH', found: other };
  return nearMiss === undefined ? { status: 'NOT_FOUND' } : { status: 'NOT_FOUND', found: nearMiss };
}

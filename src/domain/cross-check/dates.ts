/**
 * Dates in a document's text, in the formats US credentialing documents use: 06/30/2027, 6/30/27,
 * 06-30-2027, 2027-06-30, June 30, 2027, Jun 30 2027, 30 June 2027, 30-JUN-2027. A numeric date
 * whose day and month could swap (07/01/2027) has both readings; it matches if either does.
 */
import { isIsoDate } from '../dates.js';
import type { FieldOutcome, ReadPage } from './page.js';
import { excerpt, foldDigitsInNumbers, lineAround } from './text-scan.js';

export interface DateMention {
  /** Every calendar reading of it, as YYYY-MM-DD. */
  isos: string[];
  start: number;
  end: number;
  raw: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?!\d)(?:st|nd|rd|th)?`;
const YEAR = String.raw`(\d{4}|\d{2})`;
const SEP = String.raw`\s?([-/.])\s?`;

type Reader = (match: RegExpMatchArray) => string[];
const FORMATS: [RegExp, Reader][] = [
  [new RegExp(String.raw`\b(\d{4})\s?([-/.])\s?(\d{1,2})\s?\2\s?(\d{1,2})\b`, 'g'), (m) => [iso(m[1]!, m[3]!, m[4]!)]],
  [new RegExp(String.raw`\b(\d{1,2})${SEP}(\d{1,2})\s?\2\s?${YEAR}\b`, 'g'), (m) => [iso(m[4]!, m[1]!, m[3]!), iso(m[4]!, m[3]!, m[1]!)]],
  [new RegExp(String.raw`\b${MONTH}\s*${DAY}\s*,?\s*${YEAR}\b`, 'gi'), (m) => [iso(m[3]!, monthNumber(m[1]!), m[2]!)]],
  [new RegExp(String.raw`\b${DAY}[\s-]*(?:of\s+)?${MONTH}[\s,-]*${YEAR}\b`, 'gi'), (m) => [iso(m[3]!, monthNumber(m[2]!), m[1]!)]],
];

function monthNumber(name: string): string {
  return String(MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1);
}

function iso(year: string, month: string, day: string): string {
  const fullYear = year.length === 2 ? (Number(year) < 70 ? 2000 : 1900) + Number(year) : Number(year);
  return `${fullYear}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Every date in the text, left to right, without overlaps. */
export function findDates(text: string): DateMention[] {
  const readable = foldDigitsInNumbers(text);
  const mentions: DateMention[] = [];
  for (const [pattern, read] of FORMATS) {
    for (const match of readable.matchAll(pattern)) {
      const start = match.index!;
      const end = start + match[0].length;
      if (mentions.some((other) => start < other.end && other.start < end)) continue;
      const isos = [...new Set(read(match))].filter((value) => isIsoDate(value) && value >= '1900-01-01' && value <= '2199-12-31');
      if (isos.length > 0) mentions.push({ isos, start, end, raw: excerpt(text, start, end) });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

const EXPIRATION_LABEL = /\b(?:expir(?:es|ation|y|ing)(?:\s+date)?(?:\s+on)?|exp\b\.?(?:\s*date)?|valid\s+(?:through|thru|until|to)|good\s+(?:through|thru)|renewal\s+due)\s*[:.]?/gi;
const OTHER_DATE_LABEL = /\b(?:issued?|issue\s+date|date\s+of\s+issue|effective|original|certified|birth|dob|printed)\b/i;
const PERIOD_CONTEXT = /\b(?:period|term|valid|effective|coverage)\b/i;
const RANGE_JOINER = /^\s*(?:to|through|thru|until|-|–)\s*$/i;

/**
 * Dates the document itself calls the expiration date: right after an expiration label on the
 * same line; on the next line when the label ends its line alone (a form's label above its
 * value); or the end of a period ("Policy period: 07/01/2026 to 07/01/2027").
 */
export function labelledExpirationDates(text: string, mentions: DateMention[] = findDates(text)): DateMention[] {
  const labelled: DateMention[] = [];
  for (const label of text.matchAll(EXPIRATION_LABEL)) {
    const from = label.index + label[0].length;
    const line = lineAround(text, label.index);
    const sameLine = mentions.find((m) => m.start >= from && m.start <= from + 40 && m.end <= line.end);
    if (sameLine) {
      labelled.push(sameLine);
      continue;
    }
    const labelAlone = text.slice(from, line.end).trim() === '' && !OTHER_DATE_LABEL.test(text.slice(line.start, label.index));
    if (!labelAlone) continue;
    const next = lineAround(text, line.end + 1);
    const below = mentions.filter((m) => m.start >= next.start && m.end <= next.end);
    if (below.length === 1) labelled.push(below[0]!);
  }
  for (let i = 0; i + 1 < mentions.length; i += 1) {
    const [first, second] = [mentions[i]!, mentions[i + 1]!];
    const line = lineAround(text, first.start);
    if (second.end <= line.end && RANGE_JOINER.test(text.slice(first.end, second.start)) && PERIOD_CONTEXT.test(text.slice(line.start, first.start))) {
      labelled.push(second);
    }
  }
  return labelled;
}

/** Digits differing in one place, the way one misread digit looks. */
function oneDigitApart(a: string, b: string): boolean {
  let differences = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) differences += 1;
  return a.length === b.length && differences === 1;
}

/**
 * Issue dates only MATCH or are NOT_FOUND: documents print several (original issue, renewal,
 * printing), so a different one proves nothing. Expiration dates are MISMATCH when a date
 * labelled as the expiration differs from hers (on OCR'd pages, by more than one digit).
 */
export function checkDate(field: 'issueDate' | 'expirationDate', expected: string, pages: readonly ReadPage[]): FieldOutcome {
  let nearMiss: string | undefined;
  let other: string | undefined;
  for (const page of pages) {
    const mentions = findDates(page.text);
    const same = mentions.find((mention) => mention.isos.includes(expected));
    if (same) return { status: 'MATCH', found: same.raw };
    if (field === 'issueDate') continue;
    for (const mention of labelledExpirationDates(page.text, mentions)) {
      const misread = page.method === 'ocr' && mention.isos.some((value) => oneDigitApart(value, expected));
      if (misread) nearMiss ??= mention.raw;
      else other ??= mention.raw;
    }
  }
  if (other !== undefined) return { status: 'MISMATCH', found: other };
  return nearMiss === undefined ? { status: 'NOT_FOUND' } : { status: 'NOT_FOUND', found: nearMiss };
}

/**
 * The state of a license or DEA registration: its name anywhere ("California", "STATE OF
 * CALIFORNIA"), or its code where a code is unambiguous — before a ZIP code ("Sacramento, CA
 * 95814") or after a "State" label. A bare "MD" or "IN" elsewhere is a degree or a word.
 */
import { JURISDICTION_NAMES, type UsJurisdiction } from '../jurisdictions.js';
import type { FieldOutcome, ReadPage } from './page.js';
import { excerpt, foldDigitsInNumbers } from './text-scan.js';

const NAMES = Object.entries(JURISDICTION_NAMES).map(([code, name]) => ({
  code: code as UsJurisdiction,
  // "U.S. Virgin Islands" is printed "Virgin Islands" as often as not.
  pattern: name.replace(/^U\.S\. /, '').replace(/ /g, String.raw`\s+`),
}));

function namePattern(pattern: string): RegExp {
  // "Virginia" inside "West Virginia" is another state.
  return new RegExp(String.raw`(?<!\bwest\s+)\b${pattern}\b`, 'giu');
}

function codePattern(code: string): RegExp {
  return new RegExp(String.raw`\b${code}\b\.?,?\s+\d{5}(?:-\d{4})?\b|\b(?:STATE|State|state)\s*(?:of\s+)?[:.]?\s*${code}\b`, 'g');
}

/** "State of Texas", "Commonwealth of Virginia", "Texas Medical Board", "Medical Board of California". */
function issuerPattern(name: string): RegExp {
  return new RegExp(
    String.raw`\b(?:state|commonwealth)\s+of\s+${name}\b|\bmedical\s+board\s+of\s+${name}\b|(?<!\bwest\s+)\b${name}\s+(?:state\s+)?(?:medical|osteopathic)\s+board\b|(?<!\bwest\s+)\b${name}\s+board\s+of\s+(?:medicine|medical|osteopathic)`,
    'giu',
  );
}

export function checkJurisdiction(expected: string, pages: readonly ReadPage[]): FieldOutcome {
  const own = NAMES.find((entry) => entry.code === expected);
  if (!own) return { status: 'NOT_FOUND' };
  let other: string | undefined;
  for (const page of pages) {
    const text = foldDigitsInNumbers(page.text);
    const found = namePattern(own.pattern).exec(text) ?? codePattern(expected).exec(text);
    if (found) return { status: 'MATCH', found: excerpt(page.text, found.index, found.index + found[0].length) };
    for (const entry of NAMES) {
      if (entry.code === expected || other !== undefined) continue;
      const issuer = issuerPattern(entry.pattern).exec(text);
      if (issuer) other = excerpt(page.text, issuer.index, issuer.index + issuer[0].length);
    }
  }
  return other === undefined ? { status: 'NOT_FOUND' } : { status: 'MISMATCH', found: other };
}

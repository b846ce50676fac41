/**
 * Submission reference numbers, e.g. `CRD-7K4M-9QXP-H3TW`: read aloud over the phone without
 * confusion (no 0/O, 1/I/L, U), and not guessable (12 random symbols from 30 ≈ 59 bits).
 * Uniqueness is enforced by a conditional write, not by this generator.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_PATTERN = /^CRD-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}$/;

export type RandomBytes = (count: number) => Uint8Array;

export function generateReferenceNumber(randomBytes: RandomBytes): string {
  const symbols: string[] = [];
  // Rejection sampling keeps every symbol equally likely (256 is not a multiple of 30).
  const limit = 256 - (256 % REFERENCE_ALPHABET.length);
  while (symbols.length < 12) {
    for (const byte of randomBytes(16)) {
      if (byte < limit && symbols.length < 12) symbols.push(REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length]!);
    }
  }
  return `CRD-${symbols.slice(0, 4).join('')}-${symbols.slice(4, 8).join('')}-${symbols.slice(8).join('')}`;
}

/**
 * The letters and digits of what a person types or pastes, upper-cased: spaces, dashes of every
 * kind (a word processor turns `-` into `–`), a sentence's period, quotes, `#` fall away, and
 * full-width characters become ASCII.
 */
const symbolsOf = (input: string) => input.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');

/** The 12 symbols after an optional `CRD`. */
const bodyOf = (input: string) => {
  const compact = symbolsOf(input);
  return compact.startsWith('CRD') ? compact.slice(3) : compact;
};

/** Accepts what a person types or pastes: lower case, spaces, missing or typographic dashes, punctuation around it. */
export function normalizeReferenceNumber(input: string): string | null {
  const body = bodyOf(input);
  if (body.length !== 12) return null;
  const candidate = `CRD-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}`;
  return REFERENCE_PATTERN.test(candidate) ? candidate : null;
}

const EXAMPLE = 'CRD-7K4M-9QXP-H3TW';

/**
 * Why `input` cannot be a reference number, in words for the person who typed it (null when it
 * can). A 0 or O heard on the phone is never guessed: references leave out look-alikes, so such a
 * character was misheard, and only the provider can read it again.
 */
export function referenceNumberProblem(input: string): string | null {
  const body = bodyOf(input);
  if (body.length === 0) return `Enter a reference number like ${EXAMPLE}.`;
  const foreign = [...new Set(body.split('').filter((symbol) => !REFERENCE_ALPHABET.includes(symbol)))];
  if (foreign.length > 0) {
    const listed = foreign.length === 1 ? foreign[0] : `${foreign.slice(0, -1).join(', ')} or ${foreign.at(-1)}`;
    return `A reference number never contains ${listed}. Ask for ${foreign.length === 1 ? 'that character' : 'those characters'} again: references use the digits 2–9 and the letters A–Z except I, L, O and U.`;
  }
  if (body.length !== 12) return `A reference number has 12 letters and digits after CRD, like ${EXAMPLE}; this has ${body.length}.`;
  return null;
}

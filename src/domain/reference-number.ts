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

/** Accepts what a person types: lower case, spaces or missing dashes. */
export function normalizeReferenceNumber(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const body = compact.startsWith('CRD') ? compact.slice(3) : compact;
  if (body.length !== 12) return null;
  const candidate = `CRD-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}`;
  return REFERENCE_PATTERN.test(candidate) ? candidate : null;
}

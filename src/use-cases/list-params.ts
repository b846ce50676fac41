/**
 * Query parameters of the list routes. A number is written in digits only: `Number()` alone would
 * take "1e1", "0x10", " 5 " and "5.0" as well, which no page of ours writes.
 */
export function wholeNumberParam(raw: string | undefined, fallback: number, min: number, max: number): number | null {
  if (raw === undefined) return fallback;
  const value = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  return value >= min && value <= max ? value : null;
}

export const LIMIT_PROBLEM = { path: 'limit', message: 'Limit must be a whole number from 1 to 100.' } as const;

/** A page's length: 25 unless asked, at most 100; null when it is not such a number. */
export const pageLimit = (raw: string | undefined) => wholeNumberParam(raw, 25, 1, 100);

/**
 * What every `npm run bench` section shares: a section measures something against a floor taken in
 * the same run, prints its own table, and returns the targets it missed (beyond its own noise).
 */
export interface BenchSection {
  name: string;
  /** Prints a table; resolves with one line per target missed (empty when all pass). */
  run(): Promise<string[]>;
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] ?? Number.NaN) + ((sorted[high] ?? Number.NaN) - (sorted[low] ?? Number.NaN)) * (at - low);
}

export const median = (values: number[]) => quantile(values, 0.5);

export const MiB = 1024 * 1024;
export const mib = (bytes: number) => (bytes / MiB).toFixed(bytes < 10 * MiB ? 2 : 1);

/** Calendar dates as ISO `YYYY-MM-DD` strings, compared as strings (they sort correctly). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isoDateInZone(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return toIsoDate(date);
}

const writeDate = (isoDate: string, weekday: boolean) =>
  new Date(`${isoDate}T00:00:00Z`).toLocaleDateString('en-US', { ...(weekday ? { weekday: 'long' } : {}), month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** "June 30, 2027": how a date is written to a person (emails, portal). */
export const writtenDate = (isoDate: string) => writeDate(isoDate, false);

/** "Wednesday, June 30, 2027": a deadline, where the weekday helps her plan. */
export const writtenDeadline = (isoDate: string) => writeDate(isoDate, true);

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

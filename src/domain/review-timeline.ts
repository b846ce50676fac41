/**
 * Estimated review completion: N business days after submission, skipping weekends and the days
 * US federal holidays are observed, as a credentialing office works.
 */
import { addDays } from './dates.js';
import { federalHolidaysObserved } from './us-federal-holidays.js';

const holidayCache = new Map<number, ReadonlySet<string>>();

function holidaysOf(year: number): ReadonlySet<string> {
  let days = holidayCache.get(year);
  if (!days) {
    days = new Set(federalHolidaysObserved(year));
    holidayCache.set(year, days);
  }
  return days;
}

export function isBusinessDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidaysOf(Number(isoDate.slice(0, 4))).has(isoDate);
}

export function addBusinessDays(startIsoDate: string, businessDays: number): string {
  let date = startIsoDate;
  let remaining = businessDays;
  while (remaining > 0) {
    date = addDays(date, 1);
    if (isBusinessDay(date)) remaining -= 1;
  }
  return date;
}

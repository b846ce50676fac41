/**
 * Estimated review completion: N business days after submission, skipping weekends and US
 * federal holidays (including observed substitute days), as a credentialing office works.
 */
import Holidays from 'date-holidays';
import { addDays } from './dates.js';

const usHolidays = new Holidays('US');
const holidayCache = new Map<number, ReadonlySet<string>>();

function federalHolidays(year: number): ReadonlySet<string> {
  let days = holidayCache.get(year);
  if (!days) {
    days = new Set(
      usHolidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidayCache.set(year, days);
  }
  return days;
}

export function isBusinessDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !federalHolidays(Number(isoDate.slice(0, 4))).has(isoDate);
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

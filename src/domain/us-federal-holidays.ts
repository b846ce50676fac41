/**
 * The eleven US federal holidays (5 U.S.C. 6103) and the days they are observed, computed from
 * their rules: a holiday on a Saturday is observed the Friday before (so New Year's Day can be
 * observed on December 31), one on a Sunday the Monday after.
 */
const iso = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
const weekday = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

/** The nth (1-based) given weekday of a month; n = -1 is the last one. */
function nthWeekday(year: number, month: number, day: number, n: number): string {
  if (n > 0) {
    const first = (day - weekday(year, month, 1) + 7) % 7 + 1;
    return iso(year, month, first + (n - 1) * 7);
  }
  const lastDate = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return iso(year, month, lastDate - ((weekday(year, month, lastDate) - day + 7) % 7));
}

function observed(year: number, month: number, day: number): string {
  const shift = { 6: -1, 0: 1 }[weekday(year, month, day)] ?? 0;
  return iso(year, month, day + shift);
}

const MONDAY = 1;
const THURSDAY = 4;

/** Observed dates of the holidays that fall in `year`'s own calendar (New Year's Day of the next year may land on December 31). */
export function federalHolidaysObserved(year: number): string[] {
  return [
    observed(year, 1, 1),
    nthWeekday(year, 1, MONDAY, 3), // Birthday of Martin Luther King, Jr.
    nthWeekday(year, 2, MONDAY, 3), // Washington's Birthday
    nthWeekday(year, 5, MONDAY, -1), // Memorial Day
    observed(year, 6, 19), // Juneteenth National Independence Day
    observed(year, 7, 4),
    nthWeekday(year, 9, MONDAY, 1), // Labor Day
    nthWeekday(year, 10, MONDAY, 2), // Columbus Day
    observed(year, 11, 11), // Veterans Day
    nthWeekday(year, 11, THURSDAY, 4), // Thanksgiving Day
    observed(year, 12, 25),
    observed(year + 1, 1, 1),
  ].filter((date) => date.startsWith(`${year}-`));
}

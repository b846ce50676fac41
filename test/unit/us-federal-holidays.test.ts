/**
 * The federal holidays computed from their rules, against the dates the U.S. Office of Personnel
 * Management publishes (opm.gov, "Federal Holidays", 2026–2030), observed days included.
 */
import { describe, expect, it } from 'vitest';
import { federalHolidaysObserved } from '../../src/domain/us-federal-holidays.js';

const OPM_PUBLISHED: Record<number, string[]> = {
  2026: ['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25'],
  // June 19 and December 25 fall on Saturdays; New Year's Day 2028 (a Saturday) is observed on December 31, 2027.
  2027: ['2027-01-01', '2027-01-18', '2027-02-15', '2027-05-31', '2027-06-18', '2027-07-05', '2027-09-06', '2027-10-11', '2027-11-11', '2027-11-25', '2027-12-24', '2027-12-31'],
  // No January holiday observed in 2028 itself; Veterans Day (a Saturday) is observed on Friday, November 10.
  2028: ['2028-01-17', '2028-02-21', '2028-05-29', '2028-06-19', '2028-07-04', '2028-09-04', '2028-10-09', '2028-11-10', '2028-11-23', '2028-12-25'],
  // Veterans Day (a Sunday) is observed on Monday, November 12.
  2029: ['2029-01-01', '2029-01-15', '2029-02-19', '2029-05-28', '2029-06-19', '2029-07-04', '2029-09-03', '2029-10-08', '2029-11-12', '2029-11-22', '2029-12-25'],
  2030: ['2030-01-01', '2030-01-21', '2030-02-18', '2030-05-27', '2030-06-19', '2030-07-04', '2030-09-02', '2030-10-14', '2030-11-11', '2030-11-28', '2030-12-25'],
};

describe('US federal holidays', () => {
  it.each(Object.entries(OPM_PUBLISHED))('%s: the days OPM publishes, observed days included', (year, published) => {
    // Act
    const computed = federalHolidaysObserved(Number(year));
    // Assess
    expect(computed).toEqual(published);
  });

  it('never observes a holiday on a weekend', () => {
    for (let year = 2000; year <= 2100; year++) {
      for (const date of federalHolidaysObserved(year)) expect([1, 2, 3, 4, 5], date).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
    }
  });
});

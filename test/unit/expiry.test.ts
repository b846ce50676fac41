/**
 * Expiry arithmetic: which notice is due on which day (calendar days in the organisation's time
 * zone), across month ends, leap days, DST changes and days the job did not run.
 */
import { describe, expect, it } from 'vitest';
import { isoDateInZone } from '../../src/domain/dates.js';
import { expiryOutlook, nextNoticeDate, noticeDate, planNotices, type NoticeRecords } from '../../src/domain/expiry.js';

const sent = (...keys: string[]): NoticeRecords => Object.fromEntries(keys.map((key) => [key, { state: 'SENT', at: '2027-01-01T13:00:00Z' }]));

describe('notice dates', () => {
  it('counts calendar days back from the expiration date across month ends and leap days', () => {
    expect(noticeDate('2027-03-31', 'D30')).toBe('2027-03-01');
    expect(noticeDate('2027-03-31', 'D60')).toBe('2027-01-30');
    expect(noticeDate('2027-03-01', 'D1')).toBe('2027-02-28');
    expect(noticeDate('2028-03-01', 'D1')).toBe('2028-02-29');
    expect(noticeDate('2028-02-29', 'D7')).toBe('2028-02-22');
    expect(noticeDate('2028-02-29', 'D90')).toBe('2027-12-01');
    expect(noticeDate('2027-01-05', 'D14')).toBe('2026-12-22');
    expect(noticeDate('2027-06-30', 'EXPIRED')).toBe('2027-06-30');
  });

  it('puts a new document on the schedule at its first notice, even when that day has passed', () => {
    expect(nextNoticeDate('2027-06-30', {})).toBe('2027-04-01');
    expect(nextNoticeDate('2027-06-30', sent('D90', 'D60'))).toBe('2027-05-31');
    expect(nextNoticeDate('2027-06-30', sent('D90', 'D60', 'D30', 'D14', 'D7', 'D1'))).toBe('2027-06-30');
    expect(nextNoticeDate('2027-06-30', sent('D90', 'D60', 'D30', 'D14', 'D7', 'D1', 'EXPIRED'))).toBeNull();
  });
});

describe('the notice due on a day', () => {
  it('sends each reminder on its day and nothing in between', () => {
    const expiration = '2027-06-30';
    expect(planNotices(expiration, {}, '2027-03-31')).toEqual({ send: null, skip: [], next: '2027-04-01' });
    expect(planNotices(expiration, {}, '2027-04-01')).toEqual({ send: { key: 'D90', daysLeft: 90 }, skip: [], next: '2027-05-01' });
    expect(planNotices(expiration, sent('D90'), '2027-04-02')).toEqual({ send: null, skip: [], next: '2027-05-01' });
    expect(planNotices(expiration, sent('D90', 'D60', 'D30', 'D14', 'D7'), '2027-06-29')).toEqual({ send: { key: 'D1', daysLeft: 1 }, skip: [], next: '2027-06-30' });
  });

  it('expires on the date itself, and later, with one EXPIRED notice and no leftover reminders', () => {
    const before = sent('D90', 'D60', 'D30', 'D14', 'D7', 'D1');
    expect(planNotices('2027-06-30', before, '2027-06-30')).toEqual({ send: { key: 'EXPIRED', daysLeft: 0 }, skip: [], next: null });
    expect(planNotices('2027-06-30', before, '2027-07-04')).toEqual({ send: { key: 'EXPIRED', daysLeft: -4 }, skip: [], next: null });
    expect(planNotices('2027-06-30', sent('D90', 'D60', 'D30', 'D14', 'D7', 'D1', 'EXPIRED'), '2027-07-04')).toEqual({ send: null, skip: [], next: null });
  });

  it('after missed days sends only the latest threshold crossed and records the older ones as skipped', () => {
    // The job last ran 95 days before; it runs again with 50 days left.
    expect(planNotices('2027-06-30', {}, '2027-05-11')).toEqual({ send: { key: 'D60', daysLeft: 50 }, skip: ['D90'], next: '2027-05-31' });
    // Stored with 20 days left: the 30-day reminder, not three at once.
    expect(planNotices('2027-06-30', {}, '2027-06-10')).toEqual({ send: { key: 'D30', daysLeft: 20 }, skip: ['D90', 'D60'], next: '2027-06-16' });
    // Nothing ran for the whole last week: only the expiry.
    expect(planNotices('2027-06-30', sent('D90', 'D60', 'D30'), '2027-07-02')).toEqual({ send: { key: 'EXPIRED', daysLeft: -2 }, skip: ['D14', 'D7', 'D1'], next: null });
  });

  it('never sends a threshold twice, and never an older one once a newer one is recorded', () => {
    expect(planNotices('2027-06-30', sent('D30'), '2027-06-05')).toEqual({ send: null, skip: ['D90', 'D60'], next: '2027-06-16' });
    expect(planNotices('2027-06-30', sent('D90', 'D60', 'D30'), '2027-06-05')).toEqual({ send: null, skip: [], next: '2027-06-16' });
  });

  it('crosses February in a leap year on the right days', () => {
    expect(planNotices('2028-03-01', sent('D90', 'D60', 'D30', 'D14', 'D7'), '2028-02-28')).toEqual({ send: null, skip: [], next: '2028-02-29' });
    expect(planNotices('2028-03-01', sent('D90', 'D60', 'D30', 'D14', 'D7'), '2028-02-29')).toEqual({ send: { key: 'D1', daysLeft: 1 }, skip: [], next: '2028-03-01' });
    expect(planNotices('2027-03-01', sent('D90', 'D60', 'D30', 'D14', 'D7'), '2027-02-28')).toEqual({ send: { key: 'D1', daysLeft: 1 }, skip: [], next: '2027-03-01' });
  });
});

describe('"today" is the schedule time in the organisation\'s time zone', () => {
  const zone = 'America/New_York';

  it('changes at local midnight, not at UTC midnight', () => {
    expect(isoDateInZone(new Date('2027-06-30T03:59:59Z'), zone)).toBe('2027-06-29');
    expect(isoDateInZone(new Date('2027-06-30T04:00:00Z'), zone)).toBe('2027-06-30');
  });

  it('around the spring change (March 14, 2027): midnight is still at 05:00 UTC, and the day after at 04:00 UTC', () => {
    expect(isoDateInZone(new Date('2027-03-14T04:59:59Z'), zone)).toBe('2027-03-13');
    expect(isoDateInZone(new Date('2027-03-14T05:00:00Z'), zone)).toBe('2027-03-14');
    expect(isoDateInZone(new Date('2027-03-15T03:59:59Z'), zone)).toBe('2027-03-14');
    expect(isoDateInZone(new Date('2027-03-15T04:00:00Z'), zone)).toBe('2027-03-15');
  });

  it('around the autumn change (November 7, 2027): the 25-hour day is still one day', () => {
    expect(isoDateInZone(new Date('2027-11-07T03:59:59Z'), zone)).toBe('2027-11-06');
    expect(isoDateInZone(new Date('2027-11-07T04:00:00Z'), zone)).toBe('2027-11-07');
    expect(isoDateInZone(new Date('2027-11-08T04:59:59Z'), zone)).toBe('2027-11-07');
    expect(isoDateInZone(new Date('2027-11-08T05:00:00Z'), zone)).toBe('2027-11-08');
  });

  it('sends the 1-day reminder for an event just before local midnight and the expiry just after it', () => {
    const recorded = sent('D90', 'D60', 'D30', 'D14', 'D7');
    const expiration = '2027-11-08';
    const before = isoDateInZone(new Date('2027-11-08T04:59:00Z'), zone);
    const after = isoDateInZone(new Date('2027-11-08T05:01:00Z'), zone);
    expect(planNotices(expiration, recorded, before).send).toEqual({ key: 'D1', daysLeft: 1 });
    expect(planNotices(expiration, sent('D90', 'D60', 'D30', 'D14', 'D7', 'D1'), after).send).toEqual({ key: 'EXPIRED', daysLeft: 0 });
  });
});

describe('outlook', () => {
  it('says expiring soon within 90 days, expired on the date', () => {
    expect(expiryOutlook('2027-06-30', '2027-04-01')).toEqual({ daysToExpiry: 90, expired: false, expiringSoon: true });
    expect(expiryOutlook('2027-06-30', '2027-03-31')).toEqual({ daysToExpiry: 91, expired: false, expiringSoon: false });
    expect(expiryOutlook('2027-06-30', '2027-06-30')).toEqual({ daysToExpiry: 0, expired: true, expiringSoon: false });
  });
});

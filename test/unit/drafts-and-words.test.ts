import { describe, expect, it } from 'vitest';
import { CATALOG, labelInSentence, normalizeDetail, writtenDetail } from '../../src/domain/catalog.js';
import { writtenDate } from '../../src/domain/dates.js';
import { SUBMISSION_STATUSES, canTransition, isListedForProvider, isListedForStaff } from '../../src/domain/status.js';
import { scheduledTime } from '../../src/handlers/shared/scheduled.js';

describe('drafts', () => {
  it('can be discarded only while awaiting upload, and a discarded one goes nowhere', () => {
    expect(canTransition('AWAITING_UPLOAD', 'DISCARDED')).toBe(true);
    for (const from of SUBMISSION_STATUSES.filter((status) => status !== 'AWAITING_UPLOAD')) expect(canTransition(from, 'DISCARDED'), from).toBe(false);
    for (const to of SUBMISSION_STATUSES) expect(canTransition('DISCARDED', to), to).toBe(false);
  });

  it('are listed for their provider only, and a discarded one for nobody', () => {
    expect([isListedForProvider('AWAITING_UPLOAD'), isListedForStaff('AWAITING_UPLOAD')]).toEqual([true, false]);
    expect([isListedForProvider('DISCARDED'), isListedForStaff('DISCARDED')]).toEqual([false, false]);
    expect([isListedForProvider('VALIDATING'), isListedForStaff('VALIDATING')]).toEqual([true, true]);
  });

  it('are cleaned up as of the schedule\'s event time, the clock standing in only without one', () => {
    const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
    expect(scheduledTime({ time: '2027-03-01T13:00:00Z' }, clock).toISOString()).toBe('2027-03-01T13:00:00.000Z');
    expect(scheduledTime({}, clock)).toEqual(clock.now());
    expect(scheduledTime({ time: 'not a time' }, clock)).toEqual(clock.now());
  });
});

describe('words and numbers', () => {
  it('writes dates, labels and amounts the way a person reads them', () => {
    expect(writtenDate('2025-06-30')).toBe('June 30, 2025');
    expect(labelInSentence('DEA number')).toBe('DEA number');
    expect(labelInSentence('License number')).toBe('license number');
    expect(writtenDetail('money', '1000000')).toBe('$1,000,000');
    expect(writtenDetail('money', '2500.50')).toBe('$2,500.50');
    expect(writtenDetail('text', '1000000')).toBe('1000000');
    expect(normalizeDetail('money', ' $1,000,000 ')).toBe('1000000');
    expect(normalizeDetail('jurisdiction', 'ca')).toBe('CA');
  });

  it('names, per document type, who issues it', () => {
    expect(Object.fromEntries(CATALOG.map((spec) => [spec.type, spec.issuingAuthorityHint]))).toEqual({
      MEDICAL_LICENSE: 'The state medical board, e.g. Medical Board of California',
      BOARD_CERTIFICATION: 'The specialty board, e.g. American Board of Internal Medicine',
      DEA_REGISTRATION: 'The agency, e.g. U.S. Drug Enforcement Administration',
      CURRICULUM_VITAE: null,
      MALPRACTICE_INSURANCE: 'The insurer, e.g. The Doctors Company',
    });
  });
});

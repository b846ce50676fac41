/** What staff and the provider see of a recorded cross-check, and the provider's warning in words. */
import { describe, expect, it } from 'vitest';
import { crossCheckView, crossCheckWarnings, type RecordedCrossCheck } from '../../src/domain/cross-check/views.js';

const recorded = (status: RecordedCrossCheck['status'], fields: RecordedCrossCheck['fields']): RecordedCrossCheck => ({ status, fields, checkedAt: '2026-11-26T07:00:00.000Z' });
const DEA_MISMATCH = recorded('MISMATCH', [
  { field: 'providerName', status: 'MATCH', expected: 'Emily Johnson', found: 'JOHNSON, EMILY R' },
  { field: 'deaNumber', status: 'MISMATCH', expected: 'BJ4821737', found: 'AB1234563' },
  { field: 'expirationDate', status: 'NOT_FOUND', expected: '2027-07-31' },
]);

describe('the cross-check as each audience sees it', () => {
  it('shows staff every field with what was read, and never the time it was recorded', () => {
    expect(crossCheckView(DEA_MISMATCH, true)).toEqual({ status: 'MISMATCH', fields: DEA_MISMATCH.fields });
  });

  it('shows the provider only her number when it was not matched, without what was read', () => {
    expect(crossCheckView(DEA_MISMATCH, false)).toEqual({ status: 'MISMATCH', fields: [{ field: 'deaNumber', status: 'MISMATCH', expected: 'BJ4821737' }] });
    const matched = recorded('PARTIAL', [
      { field: 'licenseNumber', status: 'MATCH', expected: 'A150032', found: 'A 150032' },
      { field: 'issueDate', status: 'NOT_FOUND', expected: '2020-01-15' },
    ]);
    expect(crossCheckView(matched, false)).toEqual({ status: 'PARTIAL', fields: [] });
  });

  it('gives the provider nothing to act on when the file could not be read', () => {
    const unreadable = recorded('UNREADABLE', [{ field: 'policyNumber', status: 'NOT_FOUND', expected: 'PL-2024-558812' }]);
    expect(crossCheckView(unreadable, false)).toEqual({ status: 'UNREADABLE', fields: [] });
    expect(crossCheckWarnings('MALPRACTICE_INSURANCE', crossCheckView(unreadable, true))).toEqual([]);
  });
});

describe('the provider\'s warning', () => {
  it('names the number in her words, gently, for a number not found and one that differs', () => {
    expect(crossCheckWarnings('DEA_REGISTRATION', { status: 'PARTIAL', fields: [{ field: 'deaNumber', status: 'NOT_FOUND', expected: 'BJ4821737' }] })).toEqual([
      'We could not find your DEA number BJ4821737 in the file you uploaded — check that it is the right document.',
    ]);
    expect(crossCheckWarnings('MEDICAL_LICENSE', { status: 'MISMATCH', fields: [{ field: 'licenseNumber', status: 'MISMATCH', expected: 'A150032' }] })).toEqual([
      'The file you uploaded seems to show a different license number from the one you entered, A150032 — check that it is the right document.',
    ]);
    expect(crossCheckWarnings('MALPRACTICE_INSURANCE', { status: 'PARTIAL', fields: [{ field: 'policyNumber', status: 'NOT_FOUND', expected: 'PL-1' }] })[0]).toContain('your policy number PL-1');
  });

  it('says nothing about other fields, a matched number, or a document not checked yet', () => {
    expect(crossCheckWarnings('DEA_REGISTRATION', crossCheckView(recorded('PARTIAL', [{ field: 'expirationDate', status: 'NOT_FOUND', expected: '2027-07-31' }]), true))).toEqual([]);
    expect(crossCheckWarnings('DEA_REGISTRATION', { status: 'MATCH', fields: [{ field: 'deaNumber', status: 'MATCH', expected: 'BJ4821737' }] })).toEqual([]);
    expect(crossCheckWarnings('DEA_REGISTRATION', undefined)).toEqual([]);
  });
});

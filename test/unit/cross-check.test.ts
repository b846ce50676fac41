import { describe, expect, it } from 'vitest';
import { crossCheck, expectedValues, overallStatus, type ExpectedValue, type ReadPage } from '../../src/domain/cross-check/cross-check.js';
import { findDates, labelledExpirationDates } from '../../src/domain/cross-check/dates.js';
import { deaNumbersIn, findIdentifier } from '../../src/domain/cross-check/identifiers.js';

const typed = (text: string): ReadPage => ({ text, method: 'text-layer', readable: true });
const ocr = (text: string): ReadPage => ({ text, method: 'ocr', readable: true });
const one = (field: ExpectedValue['field'], value: string, ...pages: ReadPage[]) => crossCheck([{ field, value }], pages).fields[0]!;

describe('identifiers', () => {
  it.each([
    ['plain', 'DEA Registration Number BJ4821737', 'BJ4821737'],
    ['lower case', 'dea no. bj4821737', 'bj4821737'],
    ['O read for 0, l for 1, S for 5, B for 8', 'Number: 8J482l737', '8J482l737'],
    ['spaces inside', 'Reg. No. BJ 482 1737', 'BJ 482 1737'],
    ['hyphens inside', 'BJ-482-1737', 'BJ-482-1737'],
    ['split across lines', 'DEA number BJ48217\n37 expires', 'BJ48217 37'],
    ['a label glued in front', 'DEA#:NoBJ4821737', 'BJ4821737'],
    ['a word glued after', 'BJ4821737Expires 06/30/2027', 'BJ4821737'],
  ])('a DEA number is found: %s', (_, text, found) => {
    expect(one('deaNumber', 'BJ4821737', ocr(text))).toEqual({ field: 'deaNumber', status: 'MATCH', expected: 'BJ4821737', found });
  });

  it('license numbers tolerate O/0 and S/5 confusions and a hyphen the provider did not type', () => {
    expect(one('licenseNumber', 'A150032', ocr('License No. A-15OO32')).status).toBe('MATCH');
    expect(one('licenseNumber', 'G-87654', typed('Physician and Surgeon G87654')).status).toBe('MATCH');
    expect(one('policyNumber', 'PL-2024-558812', ocr('Policy Number: PL 2024 5588\n12')).status).toBe('MATCH');
  });

  it('never matches inside a longer number', () => {
    expect(findIdentifier('Certificate 91234567', '123456')).toBeNull();
    expect(findIdentifier('Ref 1234567', '123456')).toBeNull();
    expect(findIdentifier('A123456 7', 'A1234567')?.text).toBe('A123456 7');
  });

  it('finds only DEA-shaped numbers with a valid check digit', () => {
    expect(deaNumbersIn('FM1234563 and AB1234560 and XY123456').map((n) => n.value)).toEqual(['FM1234563']);
    expect(deaNumbersIn('F M 1234 563').map((n) => n.value)).toEqual(['FM1234563']);
  });

  it('another valid DEA number where hers is absent is a MISMATCH; an invalid one is not', () => {
    expect(one('deaNumber', 'BJ4821737', typed('Registration number AB1234563'))).toEqual({ field: 'deaNumber', status: 'MISMATCH', expected: 'BJ4821737', found: 'AB1234563' });
    expect(one('deaNumber', 'BJ4821737', typed('Registration number AB1234560')).status).toBe('NOT_FOUND');
  });

  it('on an OCR page a valid DEA number one character from hers is a misreading, not a mismatch', () => {
    // BI4821737 has a valid check digit (letters are not in it) and differs from BJ4821737 by one letter.
    expect(one('deaNumber', 'BJ4821737', ocr('Registration BI4821737'))).toMatchObject({ status: 'NOT_FOUND', found: 'BI4821737' });
    expect(one('deaNumber', 'BJ4821737', typed('Registration BI4821737')).status).toBe('MISMATCH');
  });

  it('a different number after a "License No." label is a MISMATCH; an unlabelled number is not', () => {
    expect(one('licenseNumber', 'A150032', typed('License No.: C 99881 Expires 2027'))).toMatchObject({ status: 'MISMATCH', found: 'C 99881' });
    expect(one('licenseNumber', 'A150032', typed('Board file 99881, phone 555-0100')).status).toBe('NOT_FOUND');
    expect(one('policyNumber', 'PL-2024-558812', typed('Policy #: PL-2023-100200')).status).toBe('MISMATCH');
    expect(one('policyNumber', 'TMLT-0913-22', typed('Policy Number: TMLT 5521-87'))).toMatchObject({ status: 'MISMATCH', found: 'TMLT 5521-87' });
    expect(one('licenseNumber', 'A150032', typed('License Number   Expiration Date\nC99881   06/30/2027')).status).toBe('NOT_FOUND');
  });
});

describe('dates', () => {
  it.each([
    ['06/30/2027'], ['6/30/27'], ['06-30-2027'], ['06.30.2027'], ['2027-06-30'], ['2027/06/30'], ['June 30, 2027'], ['Jun 30 2027'],
    ['Jun. 30, 2027'], ['JUNE 30TH, 2027'], ['30 June 2027'], ['30-JUN-2027'], ['30-Jun-27'], ['30th of June, 2027'], ['O6/3O/2O27'],
  ])('%s is 2027-06-30', (written) => {
    expect(findDates(`Expires ${written} end`).flatMap((d) => d.isos)).toEqual(['2027-06-30']);
    expect(one('expirationDate', '2027-06-30', ocr(`Expires ${written}`)).status).toBe('MATCH');
  });

  it('a date whose day and month could swap matches either reading', () => {
    expect(findDates('07/01/2027')[0]!.isos).toEqual(['2027-07-01', '2027-01-07']);
    expect(findDates('30/06/2027')[0]!.isos).toEqual(['2027-06-30']);
    expect(findDates('02/30/2027')).toEqual([]);
  });

  it.each([
    ['Expiration Date: 06/30/2028'],
    ['Expires 30-JUN-2028'],
    ['Valid through June 30, 2028'],
    ['Exp. 6/30/28'],
    ['EXPIRATION DATE\n06/30/2028'],
    ['Policy period: 07/01/2026 to 06/30/2028'],
  ])('a different date labelled as the expiration is a MISMATCH: %j', (text) => {
    expect(one('expirationDate', '2027-06-30', typed(text))).toMatchObject({ status: 'MISMATCH', found: expect.stringMatching(/28/) });
  });

  it('an unlabelled different date, or a date under another label, is never a MISMATCH', () => {
    for (const text of ['Printed 06/30/2028', 'Issue Date: 01/15/2020', 'Date of birth 04/02/1980', 'Issue Date    Expiration Date\n01/15/2020    06/30/2028', 'Renewed on 06/30/2028']) {
      expect(one('expirationDate', '2027-06-30', typed(text)).status, text).toBe('NOT_FOUND');
    }
    expect(labelledExpirationDates('Issue Date    Expiration Date\n01/15/2020    06/30/2028')).toEqual([]);
  });

  it('on an OCR page a labelled expiration one digit away is taken as a misreading', () => {
    expect(one('expirationDate', '2027-06-30', ocr('Expiration Date: 06/30/2021'))).toMatchObject({ status: 'NOT_FOUND', found: '06/30/2021' });
    expect(one('expirationDate', '2027-06-30', ocr('Expiration Date: 12/31/2026')).status).toBe('MISMATCH');
  });

  it('issue dates match or are not found, never mismatch', () => {
    expect(one('issueDate', '2020-01-15', typed('Issued January 15, 2020')).status).toBe('MATCH');
    expect(one('issueDate', '2020-01-15', typed('Issue Date: 02/15/2021')).status).toBe('NOT_FOUND');
  });
});

describe('names, states and authorities', () => {
  it.each([['Emily Johnson'], ['JOHNSON, EMILY'], ['Emily R. Johnson, MD'], ['Dr. Emily Rose Johnson'], ['Ernily Johnson'], ['EMILY\nJOHNSON']])(
    'her name is found as %j',
    (text) => {
      expect(one('providerName', 'Emily Johnson', ocr(`This certifies that ${text} has`)).status).toBe('MATCH');
    },
  );

  it('a different person, or her last name alone, is not her name (and never a mismatch)', () => {
    expect(one('providerName', 'Emily Johnson', typed('Michael Chen, MD')).status).toBe('NOT_FOUND');
    expect(one('providerName', 'Emily Johnson', typed('Johnson Medical Group, insured; Emma Stone')).status).toBe('NOT_FOUND');
    expect(one('providerName', 'José Álvarez', typed('JOSE ALVAREZ')).status).toBe('MATCH');
  });

  it.each([
    ['CA', 'Medical Board of California', 'MATCH'],
    ['CA', 'STATE OF CALIFORNIA', 'MATCH'],
    ['CA', 'Sacramento, CA 95814', 'MATCH'],
    ['CA', 'State: CA', 'MATCH'],
    ['MD', 'Emily Johnson, MD', 'NOT_FOUND'],
    ['VA', 'West Virginia University', 'NOT_FOUND'],
    ['VA', 'West Virginia Board of Medicine', 'MISMATCH'],
    ['WV', 'West Virginia Board of Medicine', 'MATCH'],
    ['CA', 'Texas Medical Board', 'MISMATCH'],
    ['CA', 'STATE OF NEVADA', 'MISMATCH'],
    ['CA', 'She trained in Nevada', 'NOT_FOUND'],
  ])('state %s on %j → %s', (code, text, status) => {
    expect(one('jurisdiction', code, typed(text)).status).toBe(status);
  });

  it.each([
    ['Medical Board of California', 'MEDICAL BOARD OF CALIFORNIA', 'MATCH'],
    ['California Medical Board', 'Medical Board of California', 'MATCH'],
    ['American Board of Internal Medicine', 'certified by ABIM', 'MATCH'],
    ['DEA', 'U.S. Department of Justice, Drug Enforcement Administration', 'MATCH'],
    ['The Doctors Company', 'THE DOCTORS COMPANY, An Interinsurance Exchange', 'MATCH'],
    ['Medical Protective', 'The Doctors Company', 'NOT_FOUND'],
  ])('authority %j on %j → %s', (expected, text, status) => {
    expect(one('issuingAuthority', expected, typed(text)).status).toBe(status);
  });
});

describe('overall status', () => {
  const fields: ExpectedValue[] = [
    { field: 'providerName', value: 'Emily Johnson' },
    { field: 'deaNumber', value: 'BJ4821737' },
  ];

  it('all MATCH → MATCH; something missing → PARTIAL; any MISMATCH → MISMATCH; no legible page → UNREADABLE', () => {
    expect(crossCheck(fields, [typed('EMILY JOHNSON BJ4821737')]).status).toBe('MATCH');
    expect(crossCheck(fields, [typed('EMILY JOHNSON')]).status).toBe('PARTIAL');
    expect(crossCheck(fields, [typed('EMILY JOHNSON AB1234563')]).status).toBe('MISMATCH');
    expect(crossCheck(fields, [{ text: '', method: 'ocr', readable: false }])).toEqual({
      status: 'UNREADABLE',
      fields: [
        { field: 'providerName', status: 'NOT_FOUND', expected: 'Emily Johnson' },
        { field: 'deaNumber', status: 'NOT_FOUND', expected: 'BJ4821737' },
      ],
    });
    expect(overallStatus([])).toBe('PARTIAL');
  });

  it('reads every legible page and ignores illegible ones', () => {
    const pages = [typed('Page one: Emily Johnson'), { text: 'AB1234563', method: 'ocr', readable: false } as const, ocr('DEA BJ4821737')];
    expect(crossCheck(fields, pages).status).toBe('MATCH');
  });

  it('expects each type its own fields; a CV only her name', () => {
    const base = { issueDate: '2025-06-15', expirationDate: '2027-06-30', issuingAuthority: 'Drug Enforcement Administration' };
    expect(expectedValues({ ...base, documentType: 'DEA_REGISTRATION', details: { deaNumber: 'BJ4821737', jurisdiction: 'CA' } }, 'Emily Johnson').map((v) => v.field)).toEqual([
      'providerName', 'deaNumber', 'expirationDate', 'issueDate', 'jurisdiction', 'issuingAuthority',
    ]);
    expect(expectedValues({ ...base, documentType: 'CURRICULUM_VITAE', expirationDate: null, details: {} }, 'Emily Johnson')).toEqual([
      { field: 'providerName', value: 'Emily Johnson' },
    ]);
    expect(expectedValues({ ...base, documentType: 'BOARD_CERTIFICATION', expirationDate: null, details: { specialty: 'Internal Medicine' } }, '').map((v) => v.field)).toEqual([
      'issueDate', 'issuingAuthority',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { createSubmissionRequestSchema, documentInputSchema, toFieldProblems } from '../../src/domain/metadata-schema.js';

const TODAY = '2026-11-25';
const SHA = 'a'.repeat(64);

const license = (overrides: Record<string, unknown> = {}) => ({
  documentType: 'MEDICAL_LICENSE',
  fileName: 'license.pdf',
  contentType: 'application/pdf',
  sizeBytes: 1024,
  sha256: SHA,
  issueDate: '2024-01-15',
  expirationDate: '2027-01-31',
  issuingAuthority: 'Medical Board of California',
  details: { licenseNumber: 'A123456', jurisdiction: 'CA' },
  ...overrides,
});

function problems(input: unknown): Record<string, string> {
  const result = documentInputSchema(TODAY).safeParse(input);
  return result.success ? {} : Object.fromEntries(toFieldProblems(result.error).map((p) => [p.path, p.message]));
}

describe('document metadata', () => {
  it('accepts a complete medical license and normalizes it', () => {
    // Act
    const parsed = documentInputSchema(TODAY).parse(license({ sha256: SHA.toUpperCase() }));
    // Assess
    expect(parsed).toMatchObject({ category: 'LICENSE', sha256: SHA, expirationDate: '2027-01-31', details: { licenseNumber: 'A123456', jurisdiction: 'CA' } });
  });

  it.each([
    ['an unknown document type', { documentType: 'PASSPORT' }, 'documentType', /Choose a document type/],
    ['a category that is not the type\'s', { category: 'CV' }, 'category', /belongs to category LICENSE/],
    ['a missing license number', { details: { jurisdiction: 'CA' } }, 'details.licenseNumber', /Enter the license number/],
    ['a missing state, chosen from a list', { details: { licenseNumber: 'A1' } }, 'details.jurisdiction', /^Choose the state\.$/],
    ['a jurisdiction that is not a US state', { details: { licenseNumber: 'A1', jurisdiction: 'ZZ' } }, 'details.jurisdiction', /US state or territory/],
    ['an unknown detail field', { details: { licenseNumber: 'A1', jurisdiction: 'CA', color: 'red' } }, 'details.color', /has no field "color"/],
    ['a format the type does not take', { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, 'contentType', /DOCX files are not accepted for a Medical License/],
    ['a content type outside the allowlist', { contentType: 'image/gif' }, 'contentType', /not accepted/],
    ['a size of zero', { sizeBytes: 0 }, 'sizeBytes', /empty/],
    ['a size over 10 MiB', { sizeBytes: 10 * 1024 * 1024 + 1 }, 'sizeBytes', /larger than 10 MB/],
    ['a checksum that is not SHA-256 hex', { sha256: 'xyz' }, 'sha256', /64 hexadecimal/],
    ['a missing issuing authority', { issuingAuthority: '   ' }, 'issuingAuthority', /^Enter the issuing authority: the state medical board, e\.g\. Medical Board of California\.$/],
    ['an issuing authority over 200 characters', { issuingAuthority: 'x'.repeat(201) }, 'issuingAuthority', /at most 200/],
    ['an unknown top-level field', { colour: 'red' }, '(body)', /./],
  ])('refuses %s', (_name, overrides, path, message) => {
    const found = problems(license(overrides));
    const key = path === '(body)' ? Object.keys(found)[0]! : path;
    expect(found[key], JSON.stringify(found)).toMatch(message);
  });

  // JSON.parse makes "__proto__" an own key; a schema that copies keys onto a plain object drops it.
  it.each(['__proto__', 'constructor', 'prototype'])('refuses a "%s" detail as a field the document type does not have, as parsed from JSON', (key) => {
    // Prepare
    const raw = JSON.parse(JSON.stringify(license()).replace('"details":{', `"details":{"${key}":"B1",`)) as unknown;

    // Act
    const found = problems(raw);

    // Assess
    expect(found).toEqual({ [`details.${key}`]: `A Medical License has no field "${key}".` });
  });

  it('refuses a detail that is not text, naming it', () => {
    expect(problems(license({ details: { licenseNumber: 123456, jurisdiction: 'CA' } }))).toEqual({ 'details.licenseNumber': 'Enter this value as text.' });
  });

  describe('dates', () => {
    it.each([
      ['not ISO', { issueDate: '01/15/2024' }, 'issueDate', /YYYY-MM-DD/],
      ['impossible', { issueDate: '2026-02-30' }, 'issueDate', /real issue date/],
      ['an issue date in the future', { issueDate: '2026-11-26' }, 'issueDate', /cannot be in the future/],
      ['expiration on the issue date', { issueDate: '2024-01-15', expirationDate: '2024-01-15' }, 'expirationDate', /^Expiration date must be after the issue date\.$/],
      ['expiration before the issue date', { issueDate: '2024-01-15', expirationDate: '2023-12-31' }, 'expirationDate', /after the issue date/],
      ['an expiration already past', { issueDate: '2020-01-01', expirationDate: '2026-11-24' }, 'expirationDate', /^This Medical License expired on November 24, 2026\. Upload the current, renewed document\.$/],
      ['a missing expiration where required', { expirationDate: null }, 'expirationDate', /Enter the expiration date of the Medical License/],
    ])('refuses %s', (_name, overrides, path, message) => {
      expect(problems(license(overrides))[path]).toMatch(message);
    });

    it('accepts an issue date of today and an expiration of today', () => {
      expect(problems(license({ issueDate: '2026-01-01', expirationDate: TODAY }))).toEqual({});
      expect(problems(license({ issueDate: TODAY, expirationDate: '2027-01-01' }))).toEqual({});
    });

    it('takes no expiration for a CV, and none or one for a board certification', () => {
      const cv = { documentType: 'CURRICULUM_VITAE', fileName: 'cv.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sizeBytes: 10, sha256: SHA, issueDate: '2026-10-01' };
      expect(problems(cv)).toEqual({});
      expect(problems({ ...cv, expirationDate: '2030-01-01' }).expirationDate).toMatch(/has no expiration date/);
      const board = { documentType: 'BOARD_CERTIFICATION', fileName: 'b.pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: SHA, issueDate: '2010-06-01', issuingAuthority: 'ABIM', details: { specialty: 'Cardiology' } };
      expect(problems(board)).toEqual({});
      expect(problems({ ...board, expirationDate: '2030-12-31' })).toEqual({});
    });
  });

  it('checks the DEA number\'s shape and check digit, and names it as written', () => {
    const dea = (deaNumber: string) => ({ documentType: 'DEA_REGISTRATION', fileName: 'dea.pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: SHA, issueDate: '2025-01-01', expirationDate: '2028-01-01', issuingAuthority: 'DEA', details: { deaNumber, jurisdiction: 'NY' } });
    expect(problems(dea('AB1234563'))).toEqual({});
    expect(problems(dea(''))['details.deaNumber']).toBe('Enter the DEA number.');
    expect(documentInputSchema(TODAY).parse(dea(' ab1234563 ')).details.deaNumber).toBe('AB1234563');
    expect(problems(dea('AB1234567'))['details.deaNumber']).toMatch(/check digit/);
    expect(problems(dea('A12345678'))['details.deaNumber']).toMatch(/2 letters followed by 7 digits/);
  });

  it('takes coverage limits as she writes them ("$1,000,000") and stores the amount', () => {
    const insurance = (perClaimLimit: string) => ({ documentType: 'MALPRACTICE_INSURANCE', fileName: 'coi.pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: SHA, issueDate: '2026-01-01', expirationDate: '2027-01-01', issuingAuthority: 'The Doctors Company', details: { policyNumber: 'P-1', perClaimLimit } });
    expect(documentInputSchema(TODAY).parse(insurance('$1,000,000')).details.perClaimLimit).toBe('1000000');
    expect(documentInputSchema(TODAY).parse(insurance(' 250000.50 ')).details.perClaimLimit).toBe('250000.50');
    expect(problems(insurance('one million'))['details.perClaimLimit']).toBe('Per-claim limit (USD) must be an amount in dollars, e.g. $1,000,000.');
  });

  it('refuses dangerous file names but stores harmless text as given', () => {
    expect(problems(license({ fileName: '../../etc/passwd.pdf' })).fileName).toMatch(/folder path/);
    expect(problems(license({ fileName: 'invoice\u202Efdp.exe' })).fileName).toMatch(/text-direction/);
    expect(problems(license({ fileName: 'scan\u0007.pdf' })).fileName).toMatch(/control characters/);
    // Half of a UTF-16 pair is no character: it cannot be written into a download's header or an email.
    expect(problems(license({ fileName: 'license\uD800.pdf' })).fileName).toMatch(/not valid text/);
    expect(problems(license({ fileName: 'license\uDE00.pdf' })).fileName).toMatch(/not valid text/);
    expect(problems(license({ fileName: 'license-\u{1F600}.pdf' }))).toEqual({});
    expect(problems(license({ fileName: `${'é'.repeat(128)}.pdf` })).fileName).toMatch(/at most 255 bytes/);
    expect(problems(license({ fileName: '' })).fileName).toMatch(/Enter the file name/);
    const parsed = documentInputSchema(TODAY).parse(license({ issuingAuthority: '<img src=x onerror=alert(1)>' }));
    expect(parsed.issuingAuthority).toBe('<img src=x onerror=alert(1)>');
  });

  it('refuses typed text that would break a line in an email, reverse what a reviewer reads, or is not text', () => {
    expect(problems(license({ issuingAuthority: 'Medical Board\r\nYour license was revoked' })).issuingAuthority).toMatch(/^Issuing authority contains control characters or line breaks\./);
    expect(problems(license({ issuingAuthority: 'Medical Board of \u202Eainrofilac' })).issuingAuthority).toMatch(/^Issuing authority contains hidden text-direction characters\./);
    expect(problems(license({ issuingAuthority: 'Medical Board\u0000' })).issuingAuthority).toMatch(/control characters/);
    expect(problems(license({ issuingAuthority: 'Medical Board \uDC00' })).issuingAuthority).toMatch(/not valid text/);
    expect(problems(license({ details: { licenseNumber: 'A12\n3456', jurisdiction: 'CA' } }))['details.licenseNumber']).toMatch(/^License number contains control characters or line breaks\./);
    expect(problems(license({ documentType: 'BOARD_CERTIFICATION', expirationDate: null, details: { specialty: 'Cardio\u2066logy' } }))['details.specialty']).toMatch(/text-direction/);
    // Around the text, spaces and line ends are trimmed; letters of any script are text.
    expect(problems(license({ issuingAuthority: '\tMédical Board — 東京都\n', details: { licenseNumber: ' A123456\n', jurisdiction: 'CA' } }))).toEqual({});
  });

  it('takes 1 to 10 documents per submission', () => {
    const schema = createSubmissionRequestSchema(TODAY);
    expect(schema.safeParse({ documents: [] }).success).toBe(false);
    // Each its own license: one submission carries a credential once.
    const licenses = (count: number) => Array.from({ length: count }, (_, i) => license({ details: { licenseNumber: `A12345${i}`, jurisdiction: 'CA' } }));
    expect(schema.safeParse({ documents: licenses(10) }).success).toBe(true);
    const eleven = schema.safeParse({ documents: licenses(11) });
    expect(eleven.success ? [] : toFieldProblems(eleven.error)).toEqual([{ path: 'documents', message: 'A submission holds at most 10 documents. Submit the rest separately.' }]);
  });
});

describe('request body', () => {
  it.each([null, [], 'documents', 42])('explains the expected shape when the body is %j', (body) => {
    const result = createSubmissionRequestSchema(TODAY).safeParse(body);
    expect(result.success ? [] : toFieldProblems(result.error)).toEqual([{ path: '(body)', message: 'Send a JSON object with a "documents" list.' }]);
  });
});

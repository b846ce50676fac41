/**
 * The staff directory's rules: what a search matches (any name word's start, the email's start,
 * case and accents aside), what a search may be, where a provider sorts, and what her file's
 * state counts.
 */
import { describe, expect, it } from 'vitest';
import { toCredentials, type VersionRecord } from '../../src/domain/credentials.js';
import { directorySortKey, fileState, matchesSearch, parseSearch, searchText, searchWords } from '../../src/domain/provider-directory.js';
import { versionRecord } from '../../testkit/version-records.js';

const TODAY = '2027-03-01';
let licenses = 0;
/** Each a license of its own (a number of its own), expiring in 2029. */
const version = (overrides: Partial<VersionRecord> = {}): VersionRecord =>
  versionRecord({ expirationDate: '2029-01-31', details: { licenseNumber: `A${++licenses}`, jurisdiction: 'CA' }, ...overrides });

/** Whether `q` finds the provider, as the directory's filter decides it. */
const finds = (q: string, name: string, email: string) => {
  const search = parseSearch(q);
  if (!('terms' in search)) throw new Error(`not a search: ${q}`);
  return matchesSearch(searchText(name, email), search.terms);
};

describe('what a search finds', () => {
  it.each([
    ['chen', true],
    ['CHEN', true],
    ['mich', true],
    ['Michael', true],
    ['michael.c', true],
    ['michael.chen@example.org', true],
    ['michael chen', true],
    ['chen mich', true],
    ['hen', false],
    ['example', false],
    ['michael.x', false],
    ['michael smith', false],
  ])('"%s" finds Michael Chen (michael.chen@example.org): %s', (q, expected) => {
    expect(finds(q, 'Michael Chen', 'michael.chen@example.org')).toBe(expected);
  });

  it('matches accents, curly apostrophes and the parts of hyphenated names as a reviewer types them', () => {
    expect(finds('jose', 'José Núñez', 'jn@example.org')).toBe(true);
    expect(finds('nunez', 'José Núñez', 'jn@example.org')).toBe(true);
    expect(finds("o'brien", 'Sean O\u2019Brien', 'sob@example.org')).toBe(true);
    expect(finds('obrien', "Sean O'Brien", 'sob@example.org')).toBe(true);
    expect(finds('brien', "Sean O'Brien", 'sob@example.org')).toBe(true);
    expect(finds('jones', 'Mary Smith-Jones', 'msj@example.org')).toBe(true);
    expect(finds('smith-j', 'Mary Smith-Jones', 'msj@example.org')).toBe(true);
  });

  it('stores every word once, each after a space', () => {
    expect(searchWords('Ana  Ana-Lee', 'ANA@Example.org')).toEqual(['ana', 'ana-lee', 'lee', 'analee', 'ana@example.org']);
    expect(searchText('Michael Chen', 'michael.chen@example.org')).toBe(' michael chen michael.chen@example.org');
  });
});

describe('what a search may be', () => {
  it('takes a blank or absent search as the whole directory', () => {
    expect(parseSearch(undefined)).toEqual({ terms: [] });
    expect(parseSearch('   ')).toEqual({ terms: [] });
  });

  it.each([
    ['longer than 100 characters', 'a'.repeat(101)],
    ['with a control character', 'chen\u0000'],
    ['with more than five words', 'a b c d e f'],
  ])('refuses a search %s, naming q', (_what, q) => {
    const search = parseSearch(q);
    expect('problem' in search && search.problem.path).toBe('q');
  });
});

describe('where a provider sorts', () => {
  it('by name as written (case and accents aside), then email: two Dr. Chens keep one order', () => {
    const providers = [
      { name: 'Michael Chen', email: 'mchen2@example.org', providerId: 'b' },
      { name: 'émily Johnson', email: 'emily@example.org', providerId: 'c' },
      { name: 'Michael Chen', email: 'mchen1@example.org', providerId: 'a' },
      { name: 'Ava Garcia', email: 'ava@example.org', providerId: 'd' },
    ];
    // DynamoDB orders a string sort key by its UTF-8 bytes, as `<` does for these.
    const sorted = [...providers].sort((a, b) => (directorySortKey(a) < directorySortKey(b) ? -1 : 1)).map((p) => p.email);
    expect(sorted).toEqual(['ava@example.org', 'emily@example.org', 'mchen1@example.org', 'mchen2@example.org']);
  });
});

describe('the state of her file', () => {
  it('counts her credentials by what a reviewer acts on, each by its current version', () => {
    const renewed = version({ status: 'SUPERSEDED', supersededBy: { submissionId: 's', documentId: 'd' }, expirationDate: '2027-01-01' });
    const documents = [
      version({ status: 'PENDING_REVIEW' }),
      version({ status: 'PENDING_REVIEW', expirationDate: '2027-03-20' }),
      version({ status: 'VERIFIED', expirationDate: '2027-02-01', documentType: 'DEA_REGISTRATION', category: 'REGISTRATION', details: { deaNumber: 'BK1234563', jurisdiction: 'CA' } }),
      version({ status: 'REJECTED', documentType: 'MALPRACTICE_INSURANCE', category: 'INSURANCE', details: {} }),
      version({ status: 'INVALID', storedKey: null, documentType: 'CURRICULUM_VITAE', category: 'CV', expirationDate: null, details: {} }),
      renewed,
      version({ lineageId: renewed.documentId, documentId: 'd', uploadedAt: '2026-06-01T10:00:00Z' }),
      version({ status: 'VALIDATING', storedKey: null, documentType: 'BOARD_CERTIFICATION', category: 'CERTIFICATION', details: {} }),
    ];

    expect(fileState(toCredentials(documents, TODAY, true))).toEqual({ credentials: 7, awaitingReview: 2, expiring: 1, expired: 1, toReplace: 2 });
  });

  it('is all zero for a provider whose only submission is still being checked', () => {
    expect(fileState(toCredentials([version({ status: 'VALIDATING', storedKey: null })], TODAY, true))).toEqual({ credentials: 1, awaitingReview: 0, expiring: 0, expired: 0, toReplace: 0 });
  });
});

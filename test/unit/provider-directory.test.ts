/**
 * The staff directory's rules: what a search matches (any name word's start, the email's start,
 * case and accents aside), what a search may be, where a provider sorts and how the list names
 * her (family name first), what her sign-in token gives it, and what her file's
 * state counts.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { toCredentials, type VersionRecord } from '../../src/domain/credentials.js';
import { directorySortKey, filedName, fileState, listedName, listedNameOf, matchesSearch, parseSearch, searchText, searchWords } from '../../src/domain/provider-directory.js';
import { callerFrom } from '../../src/handlers/shared/http.js';
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

describe('where a provider sorts, and how the list names her', () => {
  /** The order DynamoDB gives these keys: by UTF-8 bytes, as `<` does for them. */
  const inDirectoryOrder = <T extends DirectoryProvider>(providers: T[]) => [...providers].sort((a, b) => (directorySortKey(a) < directorySortKey(b) ? -1 : 1));
  type DirectoryProvider = Parameters<typeof directorySortKey>[0];
  const provider = (givenName: string, familyName: string, email: string, providerId = email): DirectoryProvider & { listed: string } => ({
    // The name as the sign-in token's names are joined (callerFrom).
    name: `${givenName} ${familyName}`,
    givenName,
    familyName,
    email,
    providerId,
    listed: `${familyName}, ${givenName}`,
  });

  it('by family name as written, then given name: particles, hyphens, apostrophes and accents as a credentialing office files them', () => {
    const providers = [
      provider('Emily', 'Johnson', 'emily@example.org'),
      provider('Sean', 'O\u2019Brien', 'sob@example.org'),
      provider('Michael', 'Chen', 'mchen@example.org'),
      provider('Mary', 'Smith-Jones', 'msj@example.org'),
      provider('Maria', 'de la Cruz', 'mdlc@example.org'),
      provider('Zoë', 'Ábalos', 'za@example.org'),
      provider('Ann', 'Smith', 'as@example.org'),
      provider('Liam', "O'Connor", 'loc@example.org'),
      provider('Bob', 'Dean', 'bd@example.org'),
    ];

    expect(inDirectoryOrder(providers).map((p) => p.listed)).toEqual([
      'Ábalos, Zoë',
      'Chen, Michael',
      'de la Cruz, Maria',
      'Dean, Bob',
      'Johnson, Emily',
      'O\u2019Brien, Sean',
      "O'Connor, Liam",
      'Smith, Ann',
      'Smith-Jones, Mary',
    ]);
  });

  it('word by word: a name that is the start of another sorts first ("De" before "De La Cruz", "Ann" before "Ann Marie")', () => {
    const providers = [provider('Bob', 'Dean', 'a@example.org'), provider('Maria', 'De La Cruz', 'b@example.org'), provider('Ann Marie', 'De', 'c@example.org'), provider('Ann', 'De', 'd@example.org')];
    expect(inDirectoryOrder(providers).map((p) => p.listed)).toEqual(['De, Ann', 'De, Ann Marie', 'De La Cruz, Maria', 'Dean, Bob']);
  });

  it('keeps two providers of one name apart and in one order: by email, then by id', () => {
    const providers = [provider('Michael', 'Chen', 'mchen2@example.org'), provider('Michael', 'Chen', 'mchen1@example.org', 'b'), provider('Michael', 'Chen', 'mchen1@example.org', 'a')];
    expect(inDirectoryOrder(providers).map((p) => `${p.email} ${p.providerId}`)).toEqual(['mchen1@example.org a', 'mchen1@example.org b', 'mchen2@example.org mchen2@example.org']);
  });

  it('without a family name (a profile kept before, a token with only a name) takes the last word of her name', () => {
    const named = { name: 'Michael Chen', email: 'mchen@example.org', providerId: 'p' };
    expect(directorySortKey(named)).toBe(directorySortKey({ ...named, givenName: 'Michael', familyName: 'Chen' }));
    expect(listedName(filedName(named))).toBe('Chen, Michael');
    // A family name of several words is filed by its last one until she signs in with family_name.
    expect(listedName(filedName({ name: 'Maria de la Cruz' }))).toBe('Cruz, Maria de la');
    expect(listedName(filedName({ name: 'Cher' }))).toBe('Cher');
    expect(listedName(filedName({ name: 'Chen', familyName: 'Chen' }))).toBe('Chen');
  });

  it('names her in the list from what the directory index holds: her name as written and her sort key', () => {
    const providers = [provider('Maria', 'de la Cruz', 'mdlc@example.org'), provider('Sean', 'O\u2019Brien', 'sob@example.org'), provider('Mary Ann', 'Smith-Jones', 'msj@example.org'), provider('Zoë', 'Ábalos', 'za@example.org')];
    for (const p of providers) expect(listedNameOf(p.name, directorySortKey(p))).toBe(p.listed);
    // A key from before the directory filed by family name: her last word.
    expect(listedNameOf('Maria de la Cruz', 'maria de la cruz#mdlc@example.org#p')).toBe('Cruz, Maria de la');
  });
});

describe('what her sign-in token tells the directory', () => {
  const callerOf = (claims: Record<string, string>) =>
    callerFrom({ requestContext: { authorizer: { claims: { sub: 'u1', email: 'm@example.org', 'cognito:groups': 'providers', ...claims } }, requestId: 'r1', identity: { sourceIp: '192.0.2.1' } } } as unknown as APIGatewayProxyEvent);

  it('keeps given_name and family_name as written beside the joined name', () => {
    expect(callerOf({ given_name: 'Maria', family_name: 'de la Cruz' })).toMatchObject({ name: 'Maria de la Cruz', givenName: 'Maria', familyName: 'de la Cruz' });
  });

  it('has no family name when the token has only a name, so the directory takes its last word', () => {
    const caller = callerOf({ name: 'Maria de la Cruz' });
    expect(caller.name).toBe('Maria de la Cruz');
    expect(caller).not.toHaveProperty('familyName');
    expect(caller).not.toHaveProperty('givenName');
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

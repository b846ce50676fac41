/**
 * The staff directory of providers (docs/review.md "Provider directory"): how a name and an email
 * are searched, where a provider sorts (family name first) and how the list names her, and what
 * her file's state counts.
 */
import type { CredentialView, ProviderFileState } from '../contract/credentials.js';
import type { FieldProblem } from '../contract/http.js';

/** Lower case, accents off, one apostrophe: "José O’Brien" is found by "jose o'brien". */
export const foldForSearch = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase();

/**
 * The words a search matches the start of: each word of her name, each part of a hyphenated or
 * apostrophed word and the word without them ("smith-jones" → "smith", "jones", "smithjones";
 * "o'brien" → "brien", "obrien"), and her whole email address.
 */
export function searchWords(name: string, email: string): string[] {
  const words = foldForSearch(name)
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => [word, ...word.split(/[-'.]/), word.replace(/[-'.]/g, '')]);
  return [...new Set([...words, foldForSearch(email.trim())].filter(Boolean))];
}

/** Stored with the profile: every search word after a space, so " chen" finds exactly the words starting "chen". */
export const searchText = (name: string, email: string) => searchWords(name, email).map((word) => ` ${word}`).join('');

/**
 * Between the parts of a sort key: below every character a part keeps, so a name that is the
 * start of another sorts first, word by word ("De" before "De La Cruz", "Ann" before "Ann Marie").
 */
const KEY_SEPARATOR = '\u0001';

/** A part of the sort key: folded as a search is, control characters and runs of spaces one space. */
// eslint-disable-next-line no-control-regex -- a control character in a name must not sort below the separator
const keyPart = (text: string) => foldForSearch(text).replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();

const wordsOf = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** Her family and given names as the directory files her, as written. */
export interface FiledName {
  family: string;
  given: string;
}

/**
 * The sign-in token's family_name and given_name as written ("de la Cruz" files under D). Without
 * a family name (a submission sent before the directory kept it, a token with only `name`) the last
 * word of her name is taken as her family name, the words before it as her given name.
 */
export function filedName(provider: { name: string; givenName?: string; familyName?: string }): FiledName {
  const family = wordsOf(provider.familyName ?? '').join(' ');
  if (family) return { family, given: wordsOf(provider.givenName ?? '').join(' ') };
  const words = wordsOf(provider.name);
  return { family: words.at(-1) ?? '', given: words.slice(0, -1).join(' ') };
}

/** As a sorted list shows her: "Chen, Michael"; her family name alone when she has no given name. */
export const listedName = ({ family, given }: FiledName) => (given ? `${family}, ${given}` : family);

/**
 * Where she sorts in the directory: her family name, then given name (folded), then email, then id
 * (two Dr. Michael Chens stay apart, in one order).
 */
export function directorySortKey(provider: { name: string; givenName?: string; familyName?: string; email: string; providerId: string }): string {
  const { family, given } = filedName(provider);
  return [keyPart(family), keyPart(given), keyPart(provider.email), provider.providerId].join(KEY_SEPARATOR);
}

/**
 * Her listed name from what the directory's index holds, her name as written and her sort key:
 * her name is her given names then her family name (as `callerFrom` joins the token's), and the
 * key's family part has as many words as her family name. A key written before the directory filed
 * by family name has no parts: her last word is taken.
 */
export function listedNameOf(name: string, sortKey: string): string {
  const familyKey = sortKey.includes(KEY_SEPARATOR) ? sortKey.split(KEY_SEPARATOR)[0]! : '';
  const words = wordsOf(name);
  const count = familyKey ? familyKey.split(' ').length : 0;
  const family = words.slice(-count).join(' ');
  if (count > 0 && count <= words.length && keyPart(family) === familyKey) return listedName({ family, given: words.slice(0, -count).join(' ') });
  return listedName(filedName({ name }));
}

export const MAX_SEARCH_LENGTH = 100;
export const MAX_SEARCH_TERMS = 5;

/**
 * The terms of `q`: a provider matches when, for each term, a word of hers starts with it. An
 * absent or blank `q` searches nothing (the whole directory).
 */
export function parseSearch(q: string | undefined): { terms: string[] } | { problem: FieldProblem } {
  if (q === undefined) return { terms: [] };
  // eslint-disable-next-line no-control-regex -- a pasted control character is never part of a name
  if (q.length > MAX_SEARCH_LENGTH || /[\u0000-\u001f\u007f]/.test(q)) {
    return { problem: { path: 'q', message: `Search with at most ${MAX_SEARCH_LENGTH} characters of a name or an email address.` } };
  }
  const terms = [...new Set(foldForSearch(q).split(/\s+/).filter(Boolean))];
  if (terms.length > MAX_SEARCH_TERMS) return { problem: { path: 'q', message: `Search with at most ${MAX_SEARCH_TERMS} words: part of her name or of her email address.` } };
  return { terms };
}

/** The rule the directory's filter applies (kept here so it is tested without a table). */
export const matchesSearch = (stored: string, terms: readonly string[]) => terms.every((term) => stored.includes(` ${term}`));

/** Counts her credentials by what a reviewer acts on, from the same views her page shows. */
export function fileState(credentials: readonly CredentialView[]): ProviderFileState {
  const count = (test: (credential: CredentialView) => boolean) => credentials.filter(test).length;
  return {
    credentials: credentials.length,
    awaitingReview: count((c) => c.current.status === 'PENDING_REVIEW' && c.standing !== 'NOT_ACCEPTED' && c.standing !== 'CHECKING'),
    expiring: count((c) => c.standing === 'EXPIRING'),
    expired: count((c) => c.standing === 'EXPIRED'),
    toReplace: count((c) => c.standing === 'REJECTED' || c.standing === 'NOT_ACCEPTED'),
  };
}

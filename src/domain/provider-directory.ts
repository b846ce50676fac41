/**
 * The staff directory of providers (docs/review.md "Provider directory"): how a name and an email
 * are searched, where a provider sorts, and what her file's state counts.
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

/** Where she sorts in the directory: her name as written (folded), then email, then id (two Dr. Chens stay apart). */
export const directorySortKey = (provider: { name: string; email: string; providerId: string }) =>
  `${foldForSearch(provider.name).trim()}#${foldForSearch(provider.email)}#${provider.providerId}`;

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

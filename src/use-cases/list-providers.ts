import type { ProviderDirectoryPage } from '../contract/credentials.js';
import type { Caller } from '../domain/caller.js';
import { toCredentials } from '../domain/credentials.js';
import { isoDateInZone } from '../domain/dates.js';
import { ValidationFailed } from '../domain/errors.js';
import { fileState, parseSearch } from '../domain/provider-directory.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentVersions } from '../ports/document-versions.js';
import type { ProviderDirectory } from '../ports/provider-directory.js';
import { assertStaff } from './access.js';
import { LIMIT_PROBLEM, pageLimit } from './list-params.js';
import { versionRecords } from './version-records.js';

export interface ListProvidersParams {
  q?: string;
  limit?: string;
  nextToken?: string;
}

export interface ListProvidersDeps {
  directory: ProviderDirectory;
  versions: DocumentVersions;
  clock: Clock;
  timeZone: string;
}

/**
 * Staff: the providers who sent at least one submission, by family name, optionally searched; each
 * with the state of her file, counted from her documents now (byOwner) by the rules her page uses,
 * so it is never stale after a review, a replacement or a day passing.
 */
export async function listProviders(deps: ListProvidersDeps, caller: Caller, params: ListProvidersParams): Promise<ProviderDirectoryPage> {
  assertStaff(caller);
  const search = parseSearch(params.q);
  const limit = pageLimit(params.limit);
  const problems = [...('problem' in search ? [search.problem] : []), ...(limit === null ? [LIMIT_PROBLEM] : [])];
  if (problems.length > 0) throw new ValidationFailed('The directory query is not valid.', problems);
  const terms = 'terms' in search ? search.terms : [];
  const page = await deps.directory.list({ terms, limit: limit!, ...(params.nextToken ? { nextToken: params.nextToken } : {}) });
  const today = isoDateInZone(deps.clock.now(), deps.timeZone);
  const items = await Promise.all(
    page.items.map(async (entry) => {
      const credentials = toCredentials(versionRecords(await deps.versions.listOwned(entry.providerId)), today, true);
      return { providerId: entry.providerId, name: entry.name, listedName: entry.listedName, email: entry.email, lastSubmittedAt: entry.lastSubmittedAt, file: fileState(credentials) };
    }),
  );
  return { today, items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

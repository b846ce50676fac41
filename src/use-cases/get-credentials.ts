import type { ProviderCredentials } from '../contract/credentials.js';
import type { Caller } from '../domain/caller.js';
import { toCredentials } from '../domain/credentials.js';
import { isoDateInZone } from '../domain/dates.js';
import { Forbidden, NotFound } from '../domain/errors.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentVersions } from '../ports/document-versions.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { isId } from './access.js';
import { versionRecords } from './version-records.js';

export interface CredentialViewDeps {
  versions: DocumentVersions;
  repository: SubmissionRepository;
  clock: Clock;
  timeZone: string;
}

/**
 * "My credentials": a provider's documents as credentials (current version, standing, history).
 * A provider reads her own (`providerId` omitted or hers; anyone else's answers like a missing
 * one); staff read any provider's.
 */
export async function getCredentials(deps: CredentialViewDeps, caller: Caller, providerId?: string): Promise<ProviderCredentials> {
  if (caller.role === 'staff' && providerId === undefined) throw new Forbidden("Open a provider's credentials from her page: /providers/{providerId}/credentials.");
  const id = providerId ?? caller.userId;
  if (!isId(id) || (caller.role !== 'staff' && id !== caller.userId)) throw new NotFound('No provider with that id was found.');
  const documents = await deps.versions.listOwned(id);
  const owner = documents.find((doc) => doc.received)?.received?.owner ?? (documents[0] ? (await deps.repository.get(documents[0].submissionId))?.submission.provider : undefined);
  const today = isoDateInZone(deps.clock.now(), deps.timeZone);
  return {
    provider: owner ? { providerId: id, name: owner.name, email: owner.email } : null,
    today,
    credentials: toCredentials(versionRecords(documents), today, caller.role === 'staff'),
  };
}

import type { DocumentHistory } from '../contract/credentials.js';
import type { Caller } from '../domain/caller.js';
import { credentialVersionsOf, toCredential } from '../domain/credentials.js';
import { isoDateInZone } from '../domain/dates.js';
import { NotFound } from '../domain/errors.js';
import { isId, mayRead } from './access.js';
import type { CredentialViewDeps } from './get-credentials.js';
import { versionRecords } from './version-records.js';

/** A document's history: every version of the credential it belongs to (owner or staff). */
export async function getDocumentHistory(deps: Omit<CredentialViewDeps, 'repository'>, caller: Caller, documentId: string): Promise<DocumentHistory> {
  const found = isId(documentId) ? await deps.versions.find(documentId) : null;
  if (!found || !mayRead(caller, found.submission)) throw new NotFound('No document with that id was found.');
  // All of hers, not the lineage alone: a credential sent twice joins two lineages (`sentTwice`).
  const listed = await deps.versions.listOwned(found.document.providerId);
  // The index may lag the document just read: the document itself is the truth.
  const documents = versionRecords([found.document, ...listed.filter((doc) => doc.documentId !== documentId)]);
  const today = isoDateInZone(deps.clock.now(), deps.timeZone);
  return { documentId, today, credential: toCredential(credentialVersionsOf(documents, documentId), today, caller.role === 'staff') };
}

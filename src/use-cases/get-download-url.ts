import type { DownloadUrl } from '../contract/http.js';
import { DOWNLOAD_DISPOSITIONS, type DownloadDisposition } from '../contract/vocabulary.js';
import { LIMITS } from '../domain/catalog.js';
import type { Caller } from '../domain/caller.js';
import { contentDisposition } from '../domain/content-disposition.js';
import { Conflict, ValidationFailed } from '../domain/errors.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { readableDocument } from './access.js';

export interface DownloadDeps {
  repository: SubmissionRepository;
  store: DocumentStore;
  audit: AuditLog;
  clock: Clock;
}

function parseDisposition(value: string | undefined): DownloadDisposition {
  if (value === undefined) return 'attachment';
  if ((DOWNLOAD_DISPOSITIONS as readonly string[]).includes(value)) return value as DownloadDisposition;
  throw new ValidationFailed('The download request is not valid.', [{ path: 'disposition', message: `Disposition must be ${DOWNLOAD_DISPOSITIONS.join(' or ')}.` }]);
}

/**
 * A presigned GET of the stored, validated bytes (under `documents/`, never the staging upload),
 * living at most 60 seconds. The URL is audited before it is handed out: no URL exists without
 * its audit event.
 */
export async function getDownloadUrl(deps: DownloadDeps, caller: Caller, documentId: string, query: { disposition?: string }): Promise<DownloadUrl> {
  const disposition = parseDisposition(query.disposition);
  const { submission, document } = await readableDocument(deps.repository, caller, documentId);
  if (!document.storedKey) {
    throw new Conflict('This document has no stored file to open: only documents accepted into permanent storage can be opened or downloaded.');
  }
  const { url, expiresAt } = await deps.store.presignDownload(
    document.storedKey,
    { contentType: document.contentType, contentDisposition: contentDisposition(disposition, document.fileName) },
    LIMITS.downloadUrlTtlSeconds,
  );
  await deps.audit.record({
    submissionId: submission.submissionId,
    type: 'DOCUMENT_DOWNLOADED',
    factKey: `DOCUMENT_DOWNLOADED#${caller.requestId}`,
    actor: { type: caller.role, id: caller.userId },
    occurredAt: deps.clock.now().toISOString(),
    requestId: caller.requestId,
    sourceIp: caller.sourceIp,
    details: { documentId, documentType: document.documentType, disposition },
  });
  return { url, expiresAt, fileName: document.fileName, contentType: document.contentType };
}

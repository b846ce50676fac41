import { stagingKey } from '../contract/storage.js';
import { refusalChain } from '../domain/audit.js';
import { LIMITS } from '../domain/catalog.js';
import type { Caller } from '../domain/caller.js';
import { isoDateInZone } from '../domain/dates.js';
import { credentialIdentity } from '../domain/credential-identity.js';
import { impliedReplacements } from '../domain/credentials.js';
import { DomainError, ValidationFailed } from '../domain/errors.js';
import { createSubmissionRequestSchema, toFieldProblems } from '../domain/metadata-schema.js';
import type { Submission, SubmissionDocument } from '../domain/submission.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, PresignedUpload } from '../ports/document-store.js';
import type { DocumentVersions } from '../ports/document-versions.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { assertProvider } from './access.js';
import { replacedVersions } from './replacements.js';
import { versionRecords } from './version-records.js';

export interface CreateSubmissionDeps {
  repository: SubmissionRepository;
  store: DocumentStore;
  audit: AuditLog;
  versions: DocumentVersions;
  clock: Clock;
  newId: () => string;
  timeZone: string;
  /** A refusal whose audit event could not be written: the refusal still answers 4xx. */
  refusalNotAudited: (error: unknown) => void;
}

export interface CreatedSubmission {
  submissionId: string;
  status: 'AWAITING_UPLOAD';
  documents: { documentId: string; documentType: string; upload: PresignedUpload }[];
}

/**
 * Validates the request and creates the submission with a presigned upload per document.
 * `readBody` parses the HTTP body (it throws 400/413/415): calling it here lets a refused
 * request be audited like any other — with the failing field paths, never the values.
 */
export async function createSubmission(deps: CreateSubmissionDeps, caller: Caller, readBody: () => unknown): Promise<CreatedSubmission> {
  const now = deps.clock.now();
  let parsed;
  let lineages: (string | null)[];
  try {
    assertProvider(caller); // inside the try: a staff member's attempt is audited like any refusal
    const result = createSubmissionRequestSchema(isoDateInZone(now, deps.timeZone)).safeParse(readBody());
    if (!result.success) throw new ValidationFailed('Some document details need fixing.', toFieldProblems(result.error));
    parsed = result;
    lineages = await replacedVersions(deps.versions, caller, parsed.data.documents);
  } catch (error) {
    if (error instanceof DomainError) {
      // One chain per refused request: many refusals at once never contend for one chain.
      await deps.audit
        .record({
          submissionId: refusalChain(caller.requestId),
          type: 'SUBMISSION_REFUSED',
          factKey: 'SUBMISSION_REFUSED',
          actor: { type: caller.role, id: caller.userId },
          occurredAt: now.toISOString(),
          requestId: caller.requestId,
          sourceIp: caller.sourceIp,
          details: { code: error.code, fields: error instanceof ValidationFailed ? error.details.map((d) => d.path) : [] },
        })
        .catch(deps.refusalNotAudited);
    }
    throw error;
  }

  // Her own credential sent again as a new document (not through Renew or Replace) is its next version;
  // her documents are read only when a document could be one (a Renew names its own, a CV has no identity).
  const unnamed = parsed.data.documents.some((doc) => !doc.replacesDocumentId && credentialIdentity(doc) !== null);
  const owned = unnamed ? versionRecords(await deps.versions.listOwned(caller.userId)) : [];
  const implied = impliedReplacements(owned, parsed.data.documents);
  const submissionId = deps.newId();
  const createdAt = now.toISOString();
  const documents: SubmissionDocument[] = parsed.data.documents.map((input, index) => {
    const documentId = deps.newId();
    const continues = implied[index];
    return {
      ...input,
      ...(continues ? { replacesDocumentId: continues.documentId } : {}),
      documentId,
      submissionId,
      providerId: caller.userId,
      status: 'PENDING_UPLOAD',
      issues: [],
      stagingKey: stagingKey(submissionId, documentId),
      snapshot: null,
      storedKey: null,
      uploadedAt: createdAt,
      lineageId: lineages[index] ?? continues?.lineageId ?? documentId,
    };
  });
  const expirations = documents.flatMap((doc) => (doc.expirationDate ? [doc.expirationDate] : [])).sort();
  const submission: Submission = {
    submissionId,
    provider: { providerId: caller.userId, email: caller.email, name: caller.name },
    referenceNumber: null,
    status: 'AWAITING_UPLOAD',
    createdAt,
    submittedAt: null,
    estimatedReviewCompletionDate: null,
    reviewDueDate: null,
    documentIds: documents.map((doc) => doc.documentId),
    documentTypes: documents.map((doc) => doc.documentType),
    emailsSent: {},
    reviews: {},
    reviewRevision: 0,
    reviewCompletion: null,
    earliestExpirationDate: expirations[0] ?? null,
    replacedDocuments: [],
    attempt: 1,
    attemptStartedAt: null,
    failedAt: null,
    pendingReference: null,
  };

  const uploads = await Promise.all(
    documents.map((doc) => deps.store.presignUpload(doc.stagingKey, doc, LIMITS.uploadUrlTtlSeconds)),
  );
  await deps.repository.create(submission, documents);
  await deps.audit.record({
    submissionId,
    type: 'SUBMISSION_CREATED',
    factKey: 'SUBMISSION_CREATED',
    actor: { type: 'provider', id: caller.userId },
    occurredAt: now.toISOString(),
    requestId: caller.requestId,
    sourceIp: caller.sourceIp,
    details: {
      documentTypes: documents.map((doc) => doc.documentType),
      documentCount: documents.length,
      ...(documents.some((doc) => doc.replacesDocumentId) ? { replacesDocumentIds: documents.flatMap((doc) => (doc.replacesDocumentId ? [doc.replacesDocumentId] : [])) } : {}),
    },
  });

  return {
    submissionId,
    status: 'AWAITING_UPLOAD',
    documents: documents.map((doc, index) => ({ documentId: doc.documentId, documentType: doc.documentType, upload: uploads[index]! })),
  };
}

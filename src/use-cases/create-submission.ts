import { refusalChain } from '../domain/audit.js';
import type { Caller } from '../domain/caller.js';
import { isoDateInZone } from '../domain/dates.js';
import { credentialIdentity } from '../domain/credential-identity.js';
import { impliedReplacements } from '../domain/credentials.js';
import { DomainError, ValidationFailed } from '../domain/errors.js';
import { createSubmissionRequestSchema, toFieldProblems } from '../domain/metadata-schema.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { CreateRequests } from '../ports/create-requests.js';
import type { DocumentStore, PresignedUpload } from '../ports/document-store.js';
import type { DocumentVersions } from '../ports/document-versions.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { assertProvider } from './access.js';
import { claimedDraft } from './claimed-create.js';
import { newDraft, type Draft, type DraftIds } from './new-draft.js';
import { uploadLink } from './renew-upload-links.js';
import { replacedVersions } from './replacements.js';
import { versionRecords } from './version-records.js';

export interface CreateSubmissionDeps {
  repository: SubmissionRepository;
  /** Client tokens' claims: a create sent again with its token answers the first one's submission. */
  createRequests: CreateRequests;
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
 * Validates the request and creates the submission with a presigned upload per document (with a
 * `clientToken`, once: `claimed-create.ts`). `readBody` parses the HTTP body (it throws
 * 400/413/415): calling it here lets a refused request be audited like any other.
 */
export async function createSubmission(deps: CreateSubmissionDeps, caller: Caller, readBody: () => unknown): Promise<CreatedSubmission> {
  const now = deps.clock.now();
  const { request, lineages } = await refusalAudited(deps, caller, now, async () => {
    assertProvider(caller); // inside: a staff member's attempt is audited like any refusal
    const result = createSubmissionRequestSchema(isoDateInZone(now, deps.timeZone)).safeParse(readBody());
    if (!result.success) throw new ValidationFailed('Some document details need fixing.', toFieldProblems(result.error));
    return { request: result.data, lineages: await replacedVersions(deps.versions, caller, result.data.documents) };
  });

  // Her own credential sent again as a new document (not through Renew or Replace) is its next version;
  // her documents are read only when a document could be one (a Renew names its own, a CV has no identity).
  const { documents: inputs, clientToken } = request;
  const unnamed = inputs.some((doc) => !doc.replacesDocumentId && credentialIdentity(doc) !== null);
  const owned = unnamed ? versionRecords(await deps.versions.listOwned(caller.userId)) : [];
  const implied = impliedReplacements(owned, inputs);
  const continuations = inputs.map((_, index) => ({ implied: implied[index] ?? null, lineage: lineages[index] ?? null }));
  const draftWith = (ids: DraftIds) => newDraft(caller, inputs, ids, continuations);
  const ids = { submissionId: deps.newId(), documentIds: inputs.map(() => deps.newId()), createdAt: now.toISOString() };

  let draft: Draft;
  if (clientToken) {
    draft = await refusalAudited(deps, caller, now, () => claimedDraft(deps, caller, clientToken, inputs, ids, draftWith));
  } else {
    draft = draftWith(ids);
    await deps.repository.create(draft.submission, draft.documents);
  }
  const { submission, documents } = draft;
  const uploads = await Promise.all(documents.map((doc) => uploadLink(deps.store, doc)));
  // Once per submission however often a repeat of its create runs (one event per fact).
  await deps.audit.record({
    submissionId: submission.submissionId,
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
    submissionId: submission.submissionId,
    status: 'AWAITING_UPLOAD',
    documents: documents.map((doc, index) => ({ documentId: doc.documentId, documentType: doc.documentType, upload: uploads[index]! })),
  };
}

/** Runs `act`; a domain error it throws (a refusal) is audited — the failing field paths, never the values — then rethrown. */
async function refusalAudited<T>(deps: CreateSubmissionDeps, caller: Caller, now: Date, act: () => Promise<T>): Promise<T> {
  try {
    return await act();
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
          details: { code: error.code, fields: error.details.map((d) => d.path) },
        })
        .catch(deps.refusalNotAudited);
    }
    throw error;
  }
}

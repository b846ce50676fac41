import type { UploadLinks } from '../contract/http.js';
import { stagingPrefix } from '../contract/storage.js';
import type { Caller } from '../domain/caller.js';
import { LIMITS } from '../domain/catalog.js';
import { Conflict } from '../domain/errors.js';
import type { SubmissionDocument } from '../domain/submission.js';
import type { DeclaredUpload, DocumentStore, PresignedUpload } from '../ports/document-store.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { assertProvider, readableSubmission } from './access.js';

export interface RenewUploadLinksDeps {
  repository: SubmissionRepository;
  store: DocumentStore;
}

/** A draft document's presigned POST: for its staging key, pinned to the type, size and checksum it declared. */
export const uploadLink = (store: DocumentStore, doc: Pick<SubmissionDocument, 'stagingKey'> & DeclaredUpload): Promise<PresignedUpload> =>
  store.presignUpload(doc.stagingKey, doc, LIMITS.uploadUrlTtlSeconds);

/**
 * `POST /submissions/{id}/upload-links`: new presigned POSTs for her draft's documents, each for
 * the same key, type, size and checksum as the first (the policy pins them). An upload link lives
 * minutes; on a slow connection the files queued behind others, or retried after a drop, start
 * after it expired. Only a draft has links: once submitted, what was uploaded is what is checked.
 *
 * `received`: an object of the declared size is under the document's key. Only its presigned POST
 * writes there, and S3 keeps a POST only whole and only if its SHA-256 is the declared one, so
 * that object is the declared file (the workflow checks its bytes again whatever this says).
 */
export async function renewUploadLinks(deps: RenewUploadLinksDeps, caller: Caller, submissionId: string): Promise<UploadLinks> {
  assertProvider(caller);
  const { submission, documents } = await readableSubmission(deps.repository, caller, submissionId);
  if (submission.status === 'DISCARDED') throw new Conflict('This draft was discarded, so its files cannot be uploaded. Upload your documents again.');
  if (submission.status !== 'AWAITING_UPLOAD') throw new Conflict('This submission was already submitted, so its files cannot be uploaded again.');
  const staged = await deps.store.sizesUnder(stagingPrefix(submissionId));
  return {
    submissionId,
    documents: await Promise.all(
      documents.map(async (doc) => ({
        documentId: doc.documentId,
        sha256: doc.sha256,
        received: staged.get(doc.stagingKey) === doc.sizeBytes,
        upload: await uploadLink(deps.store, doc),
      })),
    ),
  };
}

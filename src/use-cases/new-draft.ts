import { stagingKey } from '../contract/storage.js';
import type { Caller } from '../domain/caller.js';
import type { DocumentInput } from '../domain/metadata-schema.js';
import type { Submission, SubmissionDocument } from '../domain/submission.js';

/** The ids and creation time a draft is made with: new ones, or those a client token's first create chose. */
export interface DraftIds {
  submissionId: string;
  documentIds: string[];
  createdAt: string;
}

export interface Draft {
  submission: Submission;
  documents: SubmissionDocument[];
}

/** What a document of the request continues: the version it replaces or renews, named or implied. */
export interface Continuation {
  /** The document it replaces without naming it (her credential sent again), if any. */
  implied: { documentId: string; lineageId: string } | null;
  /** The lineage of the document it names in `replacesDocumentId`, if any. */
  lineage: string | null;
}

/** The submission (AWAITING_UPLOAD) and its documents (PENDING_UPLOAD) as a create writes them. */
export function newDraft(caller: Caller, inputs: DocumentInput[], ids: DraftIds, continuations: Continuation[]): Draft {
  const { submissionId, createdAt } = ids;
  const documents: SubmissionDocument[] = inputs.map((input, index) => {
    const documentId = ids.documentIds[index]!;
    const { implied, lineage } = continuations[index]!;
    return {
      ...input,
      ...(implied ? { replacesDocumentId: implied.documentId } : {}),
      documentId,
      submissionId,
      providerId: caller.userId,
      status: 'PENDING_UPLOAD',
      issues: [],
      stagingKey: stagingKey(submissionId, documentId),
      snapshot: null,
      storedKey: null,
      uploadedAt: createdAt,
      lineageId: lineage ?? implied?.lineageId ?? documentId,
    };
  });
  const expirations = documents.flatMap((doc) => (doc.expirationDate ? [doc.expirationDate] : [])).sort();
  const submission: Submission = {
    submissionId,
    provider: {
      providerId: caller.userId,
      email: caller.email,
      name: caller.name,
      ...(caller.givenName ? { givenName: caller.givenName } : {}),
      ...(caller.familyName ? { familyName: caller.familyName } : {}),
    },
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
  return { submission, documents };
}

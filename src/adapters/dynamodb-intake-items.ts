/** How submissions and documents are stored as items of the intake table (pk = SUBMISSION#id), and the index keys they carry. */
import type { ReviewCompletion } from '../domain/review.js';
import type { SubmissionStatus } from '../domain/status.js';
import type { Submission, SubmissionDocument } from '../domain/submission.js';

export const submissionKey = (id: string) => ({ pk: `SUBMISSION#${id}`, sk: '#SUBMISSION' });
export const documentKey = (submissionId: string, documentId: string) => ({ pk: `SUBMISSION#${submissionId}`, sk: `DOCUMENT#${documentId}` });

/** The staff list (allSubmissions) is sparse: a draft joins it when it is submitted. */
export const LISTED = { gsiEntity: 'SUBMISSION' };
/** The review queue (reviewQueue) is sparse: a submission is in it from received until decided. */
export const QUEUED = 'REVIEW';
export const queueSince = (submittedAt: string, submissionId: string) => `${submittedAt}#${submissionId}`;

export function toSubmissionItem(s: Submission) {
  return {
    ...submissionKey(s.submissionId),
    ...s,
    gsiProvider: s.provider.providerId,
    gsiCreated: `${s.createdAt}#${s.submissionId}`,
    gsiStatus: s.status,
    ...(s.status === 'AWAITING_UPLOAD' ? {} : LISTED),
    ...(s.referenceNumber ? { gsiReference: s.referenceNumber } : {}),
  };
}

export function fromSubmissionItem(item: Record<string, unknown>): Submission {
  return {
    submissionId: item.submissionId as string,
    provider: item.provider as Submission['provider'],
    referenceNumber: (item.referenceNumber as string | null) ?? null,
    status: item.status as SubmissionStatus,
    createdAt: item.createdAt as string,
    submittedAt: (item.submittedAt as string | null) ?? null,
    estimatedReviewCompletionDate: (item.estimatedReviewCompletionDate as string | null) ?? null,
    reviewDueDate: (item.reviewDueDate as string | null) ?? null,
    documentIds: (item.documentIds as string[]) ?? [],
    documentTypes: (item.documentTypes as Submission['documentTypes']) ?? [],
    emailsSent: (item.emailsSent as Submission['emailsSent']) ?? {},
    reviews: (item.reviews as Submission['reviews']) ?? {},
    reviewRevision: (item.reviewRevision as number | undefined) ?? 0,
    reviewCompletion: (item.reviewCompletion as ReviewCompletion | null) ?? null,
  };
}

export function fromDocumentItem(item: Record<string, unknown>): SubmissionDocument {
  const { pk: _pk, sk: _sk, gsiDocument: _g, ...rest } = item;
  return rest as unknown as SubmissionDocument;
}

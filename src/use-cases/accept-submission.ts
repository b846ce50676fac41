import { isoDateInZone } from '../domain/dates.js';
import { generateReferenceNumber, type RandomBytes } from '../domain/reference-number.js';
import { reviewDueDate } from '../domain/review.js';
import { addBusinessDays } from '../domain/review-timeline.js';
import type { Submission } from '../domain/submission.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

export interface AcceptSubmissionDeps {
  repository: SubmissionRepository;
  store: DocumentStore;
  clock: Clock;
  randomBytes: RandomBytes;
  reviewBusinessDays: number;
  timeZone: string;
}

/** Permanent keys are server-generated and grouped by provider and submission. */
export const documentKey = (providerId: string, submissionId: string, documentId: string) => `documents/${providerId}/${submissionId}/${documentId}`;

/**
 * Workflow step after every document passed: copy each file to its permanent key and mark it,
 * then the commit point — one conditional update that flips the submission to RECEIVED with a
 * freshly reserved reference number. Safe to retry at any point.
 */
export async function acceptSubmission(deps: AcceptSubmissionDeps, submissionId: string): Promise<Submission> {
  const found = await deps.repository.get(submissionId);
  if (!found) throw new Error(`Submission ${submissionId} does not exist`);
  const { submission, documents } = found;
  if (submission.status !== 'VALIDATING') return submission;

  for (const doc of documents) {
    const key = documentKey(doc.providerId, submissionId, doc.documentId);
    await deps.store.copy(doc.stagingKey, key);
    await deps.repository.updateDocument(submissionId, doc.documentId, { status: 'PENDING_REVIEW', storedKey: key });
  }

  let reference = generateReferenceNumber(deps.randomBytes);
  while (!(await deps.repository.reserveReference(reference, submissionId))) {
    reference = generateReferenceNumber(deps.randomBytes);
  }
  const today = isoDateInZone(deps.clock.now(), deps.timeZone);
  const submittedAt = submission.submittedAt ?? deps.clock.now().toISOString();
  return deps.repository.markReceived(submissionId, reference, {
    submittedAt,
    estimatedReviewCompletionDate: addBusinessDays(today, deps.reviewBusinessDays),
    reviewDueDate: reviewDueDate(submittedAt, deps.timeZone),
  });
}

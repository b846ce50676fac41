import { documentKey, intakeKey } from '../contract/storage.js';
import { mapBounded } from '../domain/concurrency.js';
import { isoDateInZone } from '../domain/dates.js';
import { generateReferenceNumber, type RandomBytes } from '../domain/reference-number.js';
import { reviewDueDate } from '../domain/review.js';
import { addBusinessDays } from '../domain/review-timeline.js';
import { isSubmissionCommitted } from '../domain/status.js';
import type { Submission, SubmissionDocument } from '../domain/submission.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { StaleAttempt } from './stale-attempt.js';

export interface AcceptSubmissionDeps {
  repository: SubmissionRepository;
  store: DocumentStore;
  clock: Clock;
  randomBytes: RandomBytes;
  reviewBusinessDays: number;
  timeZone: string;
}

/** Copies in flight at once: ten documents take about three round trips, not twenty. */
const COPY_CONCURRENCY = 4;

/**
 * Workflow step after every document passed: store exactly each validated snapshot under its
 * permanent key, then the commit point — one conditional update that flips the submission to
 * RECEIVED with its reference number — then drop the staged and snapshot copies. Safe to retry
 * at any point: the reference is recorded on the submission before it is reserved, so a retry
 * reuses it rather than reserving another.
 */
export async function acceptSubmission(deps: AcceptSubmissionDeps, submissionId: string, attempt: number): Promise<Submission> {
  const found = await deps.repository.get(submissionId);
  if (!found) throw new Error(`Submission ${submissionId} does not exist`);
  const { submission, documents } = found;
  if (isSubmissionCommitted(submission.status)) {
    await removeWorkingCopies(deps.store, submissionId, documents);
    return submission;
  }
  if (submission.status !== 'VALIDATING' || submission.attempt !== attempt) throw new StaleAttempt(submissionId, attempt);

  await mapBounded(documents, COPY_CONCURRENCY, async (doc) => {
    if (!doc.validatedSnapshot) throw new Error(`Document ${doc.documentId} has no validated snapshot`);
    const key = documentKey(doc.providerId, submissionId, doc.documentId);
    await deps.store.store(doc.validatedSnapshot, key);
    await deps.repository.updateDocument(submissionId, doc.documentId, { status: 'PENDING_REVIEW', storedKey: key });
  });

  const reference = await reservedReference(deps, submission);
  const today = isoDateInZone(deps.clock.now(), deps.timeZone);
  const submittedAt = submission.submittedAt ?? deps.clock.now().toISOString();
  const received = await deps.repository.markReceived(submissionId, reference, {
    submittedAt,
    estimatedReviewCompletionDate: addBusinessDays(today, deps.reviewBusinessDays),
    reviewDueDate: reviewDueDate(submittedAt, deps.timeZone),
  });
  await removeWorkingCopies(deps.store, submissionId, documents);
  return received;
}

/** The submission's pending reference, reserved: recorded first, so a crash never costs a second one. */
async function reservedReference(deps: AcceptSubmissionDeps, submission: Submission): Promise<string> {
  const { repository } = deps;
  let reference = submission.pendingReference ?? (await repository.setPendingReference(submission.submissionId, null, generateReferenceNumber(deps.randomBytes)));
  for (;;) {
    if (!reference) throw new StaleAttempt(submission.submissionId, submission.attempt);
    if (await repository.reserveReference(reference, submission.submissionId)) return reference;
    // Another submission holds it (a 1 in 10^17 collision): record a fresh one in its place.
    reference = await repository.setPendingReference(submission.submissionId, reference, generateReferenceNumber(deps.randomBytes));
  }
}

/** Accepted files live under documents/ now; lifecycle rules expire anything this misses. */
async function removeWorkingCopies(store: DocumentStore, submissionId: string, documents: SubmissionDocument[]): Promise<void> {
  await store.delete(documents.flatMap((doc) => [doc.stagingKey, intakeKey(submissionId, doc.documentId)]));
}

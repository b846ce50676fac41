import { isReviewOutcome, type ReviewOutcome } from '../domain/review.js';
import { leftToReplacement } from '../domain/submission.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

/**
 * Review outcome workflow, first step: each document takes its decision as its status and keeps
 * the review with it (the document's own record, which expiry and replacements read). A document
 * replaced by a newer version keeps SUPERSEDED and its history: the outcome was made without it
 * (`replacedDocuments`), or, replaced after the commit point, its newer version now stands in its
 * place — the write is conditional on the document not being superseded, so a replacement landing
 * between this step's read and its write still wins. Writing the same values again is harmless,
 * so the step can run any number of times.
 */
export async function applyReviewOutcome(deps: { repository: SubmissionRepository }, submissionId: string): Promise<{ submissionId: string; outcome: ReviewOutcome }> {
  const found = await deps.repository.get(submissionId);
  if (!found) throw new Error(`Submission ${submissionId} does not exist`);
  const { submission, documents } = found;
  if (!isReviewOutcome(submission.status)) throw new Error(`Submission ${submissionId} has no completed review (${submission.status})`);
  const replaced = leftToReplacement(submission);
  for (const doc of documents) {
    if (replaced(doc)) continue;
    const review = submission.reviews[doc.documentId];
    if (!review) throw new Error(`Document ${doc.documentId} has no decision`);
    if (doc.status === review.decision && doc.review?.requestId === review.requestId) continue;
    await deps.repository.applyReview(submissionId, doc.documentId, review);
  }
  return { submissionId, outcome: submission.status };
}

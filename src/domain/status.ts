/** The statuses are contract vocabulary; this module holds their rules. */
import type { SubmissionStatus } from '../contract/vocabulary.js';

export { DOCUMENT_STATUSES, SUBMISSION_STATUSES, type DocumentStatus, type SubmissionStatus } from '../contract/vocabulary.js';

const SUBMISSION_TRANSITIONS: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  AWAITING_UPLOAD: ['VALIDATING', 'DISCARDED'],
  VALIDATING: ['RECEIVED', 'REJECTED', 'PROCESSING_FAILED'],
  // Re-driven by the provider's submit or the reconciler, as a new workflow attempt.
  PROCESSING_FAILED: ['VALIDATING'],
  RECEIVED: ['IN_REVIEW'],
  REJECTED: [],
  IN_REVIEW: ['VERIFIED', 'ACTION_REQUIRED'],
  VERIFIED: [],
  ACTION_REQUIRED: [],
  DISCARDED: [],
};

export function canTransition(from: SubmissionStatus, to: SubmissionStatus): boolean {
  return SUBMISSION_TRANSITIONS[from].includes(to);
}

/**
 * Statuses in which the workflow is still deciding: the portal keeps polling. A failed attempt
 * is re-driven automatically, so it is still in progress for the provider.
 */
export function isSubmissionInProgress(status: SubmissionStatus): boolean {
  return status === 'VALIDATING' || status === 'PROCESSING_FAILED';
}

/** The workflow has decided the outcome (the commit point has passed). */
export function isSubmissionCommitted(status: SubmissionStatus): boolean {
  return status !== 'AWAITING_UPLOAD' && !isSubmissionInProgress(status);
}

/** A draft (created, files not all uploaded, never submitted) older than this is discarded by the clean-up job. */
export const DRAFT_LIFETIME_HOURS = 24;

/** Her list shows her drafts (so she can finish or discard them), never a discarded one. */
export function isListedForProvider(status: SubmissionStatus): boolean {
  return status !== 'DISCARDED';
}

/** Staff see what was submitted: a draft is the provider's business until she submits it. */
export function isListedForStaff(status: SubmissionStatus): boolean {
  return status !== 'AWAITING_UPLOAD' && status !== 'DISCARDED';
}

/** The statuses are contract vocabulary; this module holds their rules. */
import type { SubmissionStatus } from '../contract/vocabulary.js';

export { DOCUMENT_STATUSES, SUBMISSION_STATUSES, type DocumentStatus, type SubmissionStatus } from '../contract/vocabulary.js';

const SUBMISSION_TRANSITIONS: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  AWAITING_UPLOAD: ['VALIDATING'],
  VALIDATING: ['RECEIVED', 'REJECTED'],
  RECEIVED: ['IN_REVIEW'],
  REJECTED: [],
  IN_REVIEW: ['VERIFIED', 'ACTION_REQUIRED'],
  VERIFIED: [],
  ACTION_REQUIRED: [],
};

export function canTransition(from: SubmissionStatus, to: SubmissionStatus): boolean {
  return SUBMISSION_TRANSITIONS[from].includes(to);
}

/** Statuses in which the workflow is still deciding: the portal keeps polling. */
export function isSubmissionInProgress(status: SubmissionStatus): boolean {
  return status === 'VALIDATING';
}

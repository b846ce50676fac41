export const SUBMISSION_STATUSES = [
  'AWAITING_UPLOAD',
  'VALIDATING',
  'RECEIVED',
  'REJECTED',
  'IN_REVIEW',
  'VERIFIED',
  'ACTION_REQUIRED',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const DOCUMENT_STATUSES = [
  'PENDING_UPLOAD',
  'VALIDATING',
  'PENDING_REVIEW',
  'INVALID',
  'VERIFIED',
  'REJECTED',
  'EXPIRED',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

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

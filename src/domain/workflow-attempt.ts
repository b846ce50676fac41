/**
 * Each run of the intake workflow for a submission is an attempt with its own execution name:
 * Step Functions never starts a closed execution's name again, so a re-drive needs a new one.
 */
import type { Submission } from './submission.js';

export const executionName = (submissionId: string, attempt: number) => `${submissionId}-${attempt}`;

/** The state machine's input; `attempt` lets its failure path fail only the attempt it ran. */
export interface WorkflowInput {
  submissionId: string;
  documentIds: string[];
  attempt: number;
}

export const workflowInput = (submission: Submission): WorkflowInput => ({
  submissionId: submission.submissionId,
  documentIds: submission.documentIds,
  attempt: submission.attempt,
});

const FIRST_DELAY_MS = 5 * 60_000;
const LONGEST_DELAY_MS = 4 * 60 * 60_000;

/**
 * How long the reconciler leaves an attempt alone before re-driving it: 5 minutes after the
 * first, doubling per attempt up to 4 hours, so a lasting outage is not hammered (the provider's
 * own submit re-drives at once).
 */
export function redriveDelayMs(attempt: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1), LONGEST_DELAY_MS);
}

import type { Clock } from '../ports/clock.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { failAttempt } from './workflow-attempts.js';

export interface ProcessingFailure {
  submissionId: string;
  attempt: number;
  /** The failing step's error name (never its message: it may quote data). */
  error: string;
  executionId: string;
}

/**
 * The workflow's failure path: a step failed past its retries. The attempt ends
 * PROCESSING_FAILED (documents keep their state; nothing was stored, since storing is the
 * commit). After the commit there is nothing to undo: the reconciler finishes the missing facts.
 */
export async function markProcessingFailed(deps: { repository: SubmissionRepository; audit: AuditLog; clock: Clock }, failure: ProcessingFailure) {
  const { submission, newlyFailed } = await failAttempt(deps, failure.submissionId, failure.attempt, failure.error, {
    actor: { type: 'system', id: 'intake-workflow' },
    requestId: failure.executionId,
  });
  return { submissionId: failure.submissionId, status: submission.status, newlyFailed };
}

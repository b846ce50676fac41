import type { AuditEventType } from '../domain/audit.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { documentReviewedEvent, reviewCompletedEvent } from './review-audit.js';

export interface RecordReviewOutcomeDeps {
  repository: SubmissionRepository;
  audit: AuditLog;
  clock: Clock;
}

export interface ReviewOutcomeAudit {
  submissionId: string;
  executionId: string;
  /** The email step's result, or the error it ended with after its retries. */
  email: { value?: { messageId?: string }; Error?: string };
}

/**
 * Review outcome workflow, last step. The decisions and the completion were audited by the API
 * calls that made them; recording them again here is a no-op, unless a crash lost one, which it
 * then restores from what the submission stores. Then the email's fate: sent, or failed. Only
 * once OUTCOME_EMAIL_SENT is recorded does the submission leave the reconciler's unsent outcomes:
 * a step failing past its retries after the email went out is finished by a later execution,
 * whose email step finds the email recorded on the submission and sends nothing.
 */
export async function recordReviewOutcome(deps: RecordReviewOutcomeDeps, input: ReviewOutcomeAudit): Promise<{ recorded: AuditEventType[] }> {
  const found = await deps.repository.get(input.submissionId);
  if (!found?.submission.reviewCompletion) throw new Error(`Submission ${input.submissionId} has no completed review`);
  const { submission } = found;
  const completion = submission.reviewCompletion!;
  // A document replaced before the completion may have no decision at all: only decisions made are facts.
  for (const documentId of submission.documentIds) {
    const review = submission.reviews[documentId];
    if (review) await deps.audit.record(documentReviewedEvent(submission.submissionId, documentId, review));
  }
  const completed = await deps.audit.record(reviewCompletedEvent(submission.submissionId, completion, submission.documentIds, submission.reviews));

  const messageId = input.email.value?.messageId;
  const emailEvent = await deps.audit.record({
    submissionId: submission.submissionId,
    type: messageId ? 'OUTCOME_EMAIL_SENT' : 'NOTIFICATION_FAILED',
    factKey: messageId ? 'OUTCOME_EMAIL_SENT' : `NOTIFICATION_FAILED#${completion.outcome}`,
    actor: { type: 'system', id: 'review-outcome-workflow' },
    occurredAt: deps.clock.now().toISOString(),
    requestId: input.executionId,
    sourceIp: null,
    details: messageId ? { outcome: completion.outcome, emailMessageId: messageId } : { kind: completion.outcome, error: input.email.Error ?? 'unknown' },
  });
  if (messageId) await deps.repository.markOutcomeRecorded(submission.submissionId);
  return { recorded: [completed.type, emailEvent.type] };
}

/**
 * The reconciler's second half: completed reviews whose outcome email is not recorded as sent.
 * The completing call may have died between its flip and StartExecution, or the outcome execution
 * may have ended without the email (failed past its retries, or NOTIFICATION_FAILED): nobody
 * completes a decided review again, so the reconciler carries it out — in the first execution name
 * never used (`review-{id}`, then `review-{id}-2`, …), each later one after a growing back-off.
 */
import type { Submission } from '../domain/submission.js';
import { redriveDelayMs } from '../domain/workflow-attempt.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { carryOutReviewOutcome, reviewOutcomeExecutionName, type CompleteReviewDeps } from './complete-review.js';
import type { ReconcileSettings } from './reconcile-submissions.js';

export type ReviewOutcomeAction = 'started' | 'running' | 'waiting';

export type ReviewOutcomeDeps = Pick<CompleteReviewDeps, 'audit' | 'outcomeWorkflow'> & { repository: SubmissionRepository };

/** How long after the decision attempt `attempt` may start: the minimum age, then each earlier attempt's back-off. */
function dueAfterMs(attempt: number, settings: ReconcileSettings): number {
  let ms = settings.minimumAgeMs;
  for (let earlier = 1; earlier < attempt; earlier++) ms += redriveDelayMs(earlier);
  return ms;
}

export async function reconcileReviewOutcomes(deps: ReviewOutcomeDeps, now: Date, settings: ReconcileSettings): Promise<Partial<Record<ReviewOutcomeAction, string[]>>> {
  const actions: Partial<Record<ReviewOutcomeAction, string[]>> = {};
  for (const outcome of ['VERIFIED', 'ACTION_REQUIRED'] as const) {
    let nextToken: string | undefined;
    for (let page = 0; page < settings.maxPages; page++) {
      const unsent = await deps.repository.listUnsentOutcomes(outcome, settings.pageSize, nextToken);
      for (const submission of unsent.items) {
        if (!submission.reviewCompletion) continue;
        (actions[await reconcileOne(deps, submission, now, settings)] ??= []).push(submission.submissionId);
      }
      nextToken = unsent.nextToken;
      if (!nextToken) break;
    }
  }
  return actions;
}

async function reconcileOne(deps: ReviewOutcomeDeps, submission: Submission, now: Date, settings: ReconcileSettings): Promise<ReviewOutcomeAction> {
  const age = now.getTime() - Date.parse(submission.reviewCompletion!.decidedAt);
  for (let attempt = 1; age >= dueAfterMs(attempt, settings); attempt++) {
    const execution = await deps.outcomeWorkflow.status(reviewOutcomeExecutionName(submission.submissionId, attempt));
    if (execution === 'RUNNING') return 'running';
    if (execution === 'NOT_FOUND') {
      await carryOutReviewOutcome(deps, submission, attempt);
      return 'started';
    }
  }
  return 'waiting';
}

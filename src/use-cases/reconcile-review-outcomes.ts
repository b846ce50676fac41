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

export type ReviewOutcomeDeps = Pick<CompleteReviewDeps, 'audit' | 'outcomeWorkflow'> & { repository: Pick<SubmissionRepository, 'listUnsentOutcomes'> };

/** The latest attempt due `ageMs` after the decision (0: none yet): the minimum age, then each earlier attempt's back-off. */
function attemptDue(ageMs: number, settings: ReconcileSettings): number {
  let attempt = 0;
  for (let dueAt = settings.minimumAgeMs; ageMs >= dueAt; dueAt += redriveDelayMs(attempt)) attempt += 1;
  return attempt;
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
  const due = attemptDue(now.getTime() - Date.parse(submission.reviewCompletion!.decidedAt), settings);
  // Only the last two names matter: an earlier attempt had its back-off (5 minutes to 4 hours) to
  // end, and a name never used is skipped. Walking from the first would ask about every attempt
  // of a review whose email keeps failing, six more a day.
  for (let attempt = Math.max(1, due - 1); attempt <= due; attempt++) {
    const execution = await deps.outcomeWorkflow.status(reviewOutcomeExecutionName(submission.submissionId, attempt));
    if (execution === 'RUNNING') return 'running';
    if (execution === 'NOT_FOUND') {
      await carryOutReviewOutcome(deps, submission, attempt);
      return 'started';
    }
  }
  return 'waiting';
}

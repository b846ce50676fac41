/**
 * The reconciler's second half: completed reviews whose OUTCOME_EMAIL_SENT is not in the audit
 * trail yet, read from their sparse index (the completing write adds a review to it, the outcome
 * workflow's last step removes it once that event is recorded). The completing call may have died
 * between its flip and StartExecution, or the outcome execution may have ended without the event
 * (failed past its retries before or after its email, or NOTIFICATION_FAILED): nobody completes a
 * decided review again, so the reconciler carries it out — in the first execution name never used
 * (`review-{id}`, then `review-{id}-2`, …), each later one after a growing back-off. A new
 * execution repeats nothing already done: the email step sends nothing when the submission
 * records the email as sent, and the audit step appends only what is missing.
 */
import { isReviewOutcome } from '../domain/review.js';
import { redriveDelayMs } from '../domain/workflow-attempt.js';
import type { SubmissionRepository, UnsentOutcome } from '../ports/submission-repository.js';
import { carryOutReviewOutcome, reviewOutcomeExecutionName, type CompleteReviewDeps } from './complete-review.js';
import type { ReconcileSettings } from './reconcile-submissions.js';

export type ReviewOutcomeAction = 'started' | 'running' | 'waiting';

export type ReviewOutcomeDeps = Pick<CompleteReviewDeps, 'audit' | 'outcomeWorkflow'> & { repository: Pick<SubmissionRepository, 'listUnsentOutcomes' | 'get'> };

/** The latest attempt due `ageMs` after the decision (0: none yet): the minimum age, then each earlier attempt's back-off. */
function attemptDue(ageMs: number, settings: ReconcileSettings): number {
  let attempt = 0;
  for (let dueAt = settings.minimumAgeMs; ageMs >= dueAt; dueAt += redriveDelayMs(attempt)) attempt += 1;
  return attempt;
}

/**
 * Every page of the index, not the intake half's bounded few: it holds only outcomes whose email
 * is not audited yet (those completed in the last minutes, and any whose email keeps failing,
 * which alarm), so a bound would only let old failing ones hide newer ones behind them.
 */
export async function reconcileReviewOutcomes(deps: ReviewOutcomeDeps, now: Date, settings: ReconcileSettings): Promise<Partial<Record<ReviewOutcomeAction, string[]>>> {
  const actions: Partial<Record<ReviewOutcomeAction, string[]>> = {};
  let nextToken: string | undefined;
  do {
    const unsent = await deps.repository.listUnsentOutcomes({ limit: settings.pageSize, ...(nextToken ? { nextToken } : {}) });
    for (const outcome of unsent.items) {
      const action = await reconcileOne(deps, outcome, now, settings);
      if (action) (actions[action] ??= []).push(outcome.submissionId);
    }
    nextToken = unsent.nextToken;
  } while (nextToken);
  return actions;
}

async function reconcileOne(deps: ReviewOutcomeDeps, outcome: UnsentOutcome, now: Date, settings: ReconcileSettings): Promise<ReviewOutcomeAction | null> {
  const due = attemptDue(now.getTime() - Date.parse(outcome.reviewCompletion.decidedAt), settings);
  // Only the last two names matter: an earlier attempt had its back-off (5 minutes to 4 hours) to
  // end, and a name never used is skipped. Walking from the first would ask about every attempt
  // of a review whose email keeps failing, six more a day.
  for (let attempt = Math.max(1, due - 1); attempt <= due; attempt++) {
    const execution = await deps.outcomeWorkflow.status(reviewOutcomeExecutionName(outcome.submissionId, attempt));
    if (execution === 'RUNNING') return 'running';
    if (execution === 'NOT_FOUND') {
      // The index only points the way; the submission's own item is what is carried out.
      const found = await deps.repository.get(outcome.submissionId);
      if (!found || !isReviewOutcome(found.submission.status)) return null;
      await carryOutReviewOutcome(deps, found.submission, attempt);
      return 'started';
    }
  }
  return 'waiting';
}

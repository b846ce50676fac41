import type { Caller } from '../domain/caller.js';
import { Conflict } from '../domain/errors.js';
import type { Submission } from '../domain/submission.js';
import { executionName } from '../domain/workflow-attempt.js';
import { assertProvider, readableSubmission } from './access.js';
import { ensureAttemptRuns, failAttempt, isClosed, startNextAttempt, type AttemptDeps, type Trigger } from './workflow-attempts.js';

export type SubmitSubmissionDeps = AttemptDeps;

/**
 * AWAITING_UPLOAD → VALIDATING, then start the workflow's first attempt. A repeat (double
 * click, client retry) starts nothing new: the transition is conditional and the attempt's
 * execution name is unique, so it returns the current state. On a PROCESSING_FAILED
 * submission it re-drives the workflow as the next attempt. `failed` reports an attempt this
 * call found ended without its failure path (the handler counts it).
 */
export async function submitSubmission(deps: SubmitSubmissionDeps, caller: Caller, submissionId: string) {
  assertProvider(caller);
  let { submission } = await readableSubmission(deps.repository, caller, submissionId);
  const trigger: Trigger = { actor: { type: 'provider', id: caller.userId }, requestId: caller.requestId, sourceIp: caller.sourceIp };
  let failed = false;

  if (submission.status === 'AWAITING_UPLOAD') {
    const submittedAt = deps.clock.now().toISOString();
    if (await deps.repository.markSubmitted(submissionId, submittedAt)) {
      // This call made the change, so attempt 1 has no execution yet: no need to ask. Its name makes
      // a concurrent start harmless, and the reconciler starts it if this call dies first.
      const submitted: Submission = { ...submission, status: 'VALIDATING', submittedAt, attempt: 1, attemptStartedAt: submittedAt };
      await ensureAttemptRuns(deps, submitted, trigger, 'NOT_FOUND');
      return { result: { submissionId, status: submitted.status }, failed };
    }
    submission = (await deps.repository.get(submissionId))!.submission;
  }
  if (submission.status === 'DISCARDED') throw new Conflict('This draft was discarded, so it cannot be submitted. Upload your documents again.');
  if (submission.status === 'VALIDATING') {
    // An attempt whose execution ended without reaching its failure path is failed here, then re-driven;
    // one never started (a submit that stopped after the transition) is started with what it owes.
    const execution = await deps.workflow.status(executionName(submissionId, submission.attempt));
    if (isClosed(execution)) {
      ({ submission, newlyFailed: failed } = await failAttempt(deps, submissionId, submission.attempt, 'ExecutionEnded', trigger));
    } else {
      submission = await ensureAttemptRuns(deps, submission, trigger, execution);
    }
  }
  if (submission.status === 'PROCESSING_FAILED') submission = await startNextAttempt(deps, submission, trigger);
  return { result: { submissionId, status: submission.status }, failed };
}

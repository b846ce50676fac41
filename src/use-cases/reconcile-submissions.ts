/**
 * The scheduled reconciler: finishes what failures and crashes left behind, reading only the
 * sparse index of unfinished submissions (bounded pages, never a Scan) and deciding on each
 * submission's own item (an index entry may lag its item). It never races a running
 * execution: it acts only when the current attempt's execution is not running and the attempt
 * is old enough that a submit still between its status change and StartExecution has finished.
 *
 * - VALIDATING, execution never started → start it, after what its status change owed (the
 *   submit's audit event and documents, or the re-drive's audit event: a stop may have cut them);
 * - VALIDATING, execution ended without its failure path → PROCESSING_FAILED (audited, counted);
 * - PROCESSING_FAILED, past the back-off for its attempt → the next attempt (a new execution);
 * - decided (RECEIVED, REJECTED, …) but its email or audit events missing → the next attempt,
 *   whose steps change nothing already done and write what is missing (one begun but never
 *   started is started, after its audit event).
 */
import { isSubmissionCommitted } from '../domain/status.js';
import type { Submission } from '../domain/submission.js';
import { executionName, redriveDelayMs, workflowInput } from '../domain/workflow-attempt.js';
import { ensureAttemptRuns, failAttempt, isClosed, recordRetried, startNextAttempt, type AttemptDeps, type Trigger } from './workflow-attempts.js';

export interface ReconcileSettings {
  /** Submissions read per page of the index, and pages per run: the run's bound. */
  pageSize: number;
  maxPages: number;
  /** An attempt younger than this is left alone (its submit or execution may still be starting). */
  minimumAgeMs: number;
}

export const RECONCILE_SETTINGS: ReconcileSettings = { pageSize: 25, maxPages: 4, minimumAgeMs: 2 * 60_000 };

export type ReconcileAction = 'started' | 'failed' | 'redriven' | 'finishing' | 'waiting' | 'running';

export interface ReconcileReport {
  examined: number;
  actions: Partial<Record<ReconcileAction, string[]>>;
  /** Attempts this run found ended without their failure path (the handler counts them). */
  newlyFailed: number;
}

const ageMs = (now: Date, since: string | null) => (since ? now.getTime() - Date.parse(since) : Number.POSITIVE_INFINITY);

export async function reconcileSubmissions(deps: AttemptDeps, now: Date, runId: string, settings: ReconcileSettings = RECONCILE_SETTINGS): Promise<ReconcileReport> {
  const report: ReconcileReport = { examined: 0, actions: {}, newlyFailed: 0 };
  const trigger: Trigger = { actor: { type: 'system', id: 'reconciler' }, requestId: runId };
  let nextToken: string | undefined;
  for (let page = 0; page < settings.maxPages; page++) {
    const ids = await deps.repository.listUnfinished({ limit: settings.pageSize, ...(nextToken ? { nextToken } : {}) });
    for (const submissionId of ids.items) {
      const found = await deps.repository.get(submissionId);
      if (!found) continue;
      report.examined++;
      const action = await reconcileOne(deps, found.submission, now, trigger, settings, report);
      (report.actions[action] ??= []).push(submissionId);
    }
    nextToken = ids.nextToken;
    if (!nextToken) break;
  }
  return report;
}

async function reconcileOne(deps: AttemptDeps, submission: Submission, now: Date, trigger: Trigger, settings: ReconcileSettings, report: ReconcileReport): Promise<ReconcileAction> {
  const { status, attempt, submissionId } = submission;
  if (status === 'PROCESSING_FAILED') {
    if (ageMs(now, submission.failedAt) < redriveDelayMs(attempt)) return 'waiting';
    await startNextAttempt(deps, submission, trigger);
    return 'redriven';
  }
  if (status !== 'VALIDATING' && !isSubmissionCommitted(status)) return 'waiting';

  const wait = status === 'VALIDATING' ? settings.minimumAgeMs : Math.max(settings.minimumAgeMs, redriveDelayMs(attempt));
  if (ageMs(now, submission.attemptStartedAt) < wait) return 'waiting';
  const execution = await deps.workflow.status(executionName(submissionId, attempt));
  if (execution === 'RUNNING') return 'running';
  if (status === 'VALIDATING') {
    if (!isClosed(execution)) {
      await ensureAttemptRuns(deps, submission, trigger, execution);
      return 'started';
    }
    const { newlyFailed } = await failAttempt(deps, submissionId, attempt, 'ExecutionEnded', trigger);
    if (newlyFailed) report.newlyFailed++;
    return 'failed';
  }
  // Decided, facts missing: a never-started attempt starts (after the audit event a re-drive that
  // stopped before it owes); an ended one gives way to the next.
  if (execution === 'NOT_FOUND') {
    if (attempt > 1) await recordRetried(deps, submission, status, trigger);
    await deps.workflow.start(executionName(submissionId, attempt), workflowInput(submission));
  } else {
    await startNextAttempt(deps, submission, trigger);
  }
  return 'finishing';
}

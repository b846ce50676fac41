/**
 * The life of workflow attempts, shared by the submit route, the workflow's failure path and
 * the reconciler: fail an attempt, start the next one, make sure the current one runs. Each
 * fact is one conditional write and one audit event, so any two of them may race harmlessly.
 */
import type { AuditActor } from '../domain/audit.js';
import type { Submission } from '../domain/submission.js';
import { executionName, workflowInput } from '../domain/workflow-attempt.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { ProviderDirectory } from '../ports/provider-directory.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import type { ExecutionStatus, WorkflowStarter } from '../ports/workflow-starter.js';

export interface AttemptDeps {
  repository: SubmissionRepository;
  workflow: WorkflowStarter;
  audit: AuditLog;
  clock: Clock;
  directory: ProviderDirectory;
}

/** Who acts, and the request or execution it acts in (the audit event's actor and request id). */
export interface Trigger {
  actor: AuditActor;
  requestId: string;
  sourceIp?: string | null;
}

async function current(repository: SubmissionRepository, submissionId: string): Promise<Submission> {
  const found = await repository.get(submissionId);
  if (!found) throw new Error(`Submission ${submissionId} does not exist`);
  return found.submission;
}

/**
 * VALIDATING → PROCESSING_FAILED if `attempt` is still the current attempt, audited once per
 * attempt. `newlyFailed` is true for the one call that made the change (it counts the metric).
 */
export async function failAttempt(
  deps: Pick<AttemptDeps, 'repository' | 'audit' | 'clock'>,
  submissionId: string,
  attempt: number,
  error: string,
  trigger: Trigger,
): Promise<{ submission: Submission; newlyFailed: boolean }> {
  const newlyFailed = await deps.repository.markProcessingFailed(submissionId, attempt, deps.clock.now().toISOString());
  const submission = await current(deps.repository, submissionId);
  // Also when another call made the change but stopped before its audit event.
  if (submission.status === 'PROCESSING_FAILED' && submission.attempt === attempt) {
    await deps.audit.record({
      submissionId,
      type: 'PROCESSING_FAILED',
      factKey: `PROCESSING_FAILED#${attempt}`,
      actor: trigger.actor,
      occurredAt: submission.failedAt ?? deps.clock.now().toISOString(),
      requestId: trigger.requestId,
      sourceIp: trigger.sourceIp ?? null,
      details: { attempt, error },
    });
  }
  return { submission, newlyFailed };
}

/**
 * The next attempt of a failed submission (back to VALIDATING), or of a committed one whose
 * email or audit events are missing (status kept): a new execution name, since a closed
 * execution's name can never be started again. Losing a race to another re-drive is fine.
 */
export async function startNextAttempt(deps: AttemptDeps, seen: Submission, trigger: Trigger): Promise<Submission> {
  const next = await deps.repository.beginNextAttempt(seen, deps.clock.now().toISOString());
  if (!next) return ensureAttemptRuns(deps, await current(deps.repository, seen.submissionId), trigger);
  await recordRetried(deps, next, seen.status, trigger);
  await deps.workflow.start(executionName(next.submissionId, next.attempt), workflowInput(next));
  return next;
}

/**
 * What the submit owes once it has moved the submission to VALIDATING: its audit event (the
 * provider's act, once per submission), the documents' VALIDATING, and her directory profile
 * (staff can now find her). Safe to repeat; the reconciler repeats it after a crash.
 */
async function recordSubmitted(deps: Pick<AttemptDeps, 'repository' | 'audit' | 'clock' | 'directory'>, submission: Submission, trigger: Trigger): Promise<void> {
  const submittedAt = submission.submittedAt ?? deps.clock.now().toISOString();
  await Promise.all([
    deps.audit.record({
      submissionId: submission.submissionId,
      type: 'SUBMISSION_SUBMITTED',
      factKey: 'SUBMISSION_SUBMITTED',
      actor: { type: 'provider', id: submission.provider.providerId },
      occurredAt: submittedAt,
      requestId: trigger.requestId,
      sourceIp: trigger.sourceIp ?? null,
      details: { documentCount: submission.documentIds.length },
    }),
    deps.repository.markDocumentsValidating(submission.submissionId, submission.documentIds),
    deps.directory.recordSubmission(submission.provider, submittedAt, submission.submissionId),
  ]);
}

/** The audit event of attempt `next.attempt`, begun from `previousStatus` (once per attempt). */
export function recordRetried(deps: Pick<AttemptDeps, 'audit' | 'clock'>, next: Submission, previousStatus: Submission['status'], trigger: Trigger) {
  return deps.audit.record({
    submissionId: next.submissionId,
    type: 'PROCESSING_RETRIED',
    factKey: `PROCESSING_RETRIED#${next.attempt}`,
    actor: trigger.actor,
    occurredAt: next.attemptStartedAt ?? deps.clock.now().toISOString(),
    requestId: trigger.requestId,
    sourceIp: trigger.sourceIp ?? null,
    details: { attempt: next.attempt, previousStatus },
  });
}

/**
 * Starts the current attempt's execution if it was never started: whoever moved the submission to
 * VALIDATING stopped before StartExecution, maybe before writing what that change owes (the
 * submit's audit event and documents, or a re-drive's audit event), so that is written first,
 * once per fact. `execution` is the attempt's status when the caller has just asked for it (asked
 * here otherwise). Returns the submission.
 */
export async function ensureAttemptRuns(deps: AttemptDeps, submission: Submission, trigger: Trigger, execution?: ExecutionStatus): Promise<Submission> {
  if (submission.status !== 'VALIDATING') return submission;
  const name = executionName(submission.submissionId, submission.attempt);
  if ((execution ?? (await deps.workflow.status(name))) !== 'NOT_FOUND') return submission;
  // Only a failed attempt is re-driven back to VALIDATING (a decided one keeps its status).
  if (submission.attempt === 1) await recordSubmitted(deps, submission, trigger);
  else await recordRetried(deps, submission, 'PROCESSING_FAILED', trigger);
  await deps.workflow.start(name, workflowInput(submission));
  return submission;
}

/** An execution that ended: whatever it was doing is over (and did not finish the submission). */
export function isClosed(status: ExecutionStatus): boolean {
  return status !== 'RUNNING' && status !== 'NOT_FOUND';
}

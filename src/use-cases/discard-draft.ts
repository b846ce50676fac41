import type { SubmitResult } from '../contract/http.js';
import type { AuditActor } from '../domain/audit.js';
import type { Caller } from '../domain/caller.js';
import { Conflict } from '../domain/errors.js';
import type { Submission } from '../domain/submission.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { assertProvider, readableSubmission } from './access.js';

export interface DiscardDraftDeps {
  repository: SubmissionRepository;
  audit: AuditLog;
  clock: Clock;
}

export type DiscardReason = 'PROVIDER' | 'ABANDONED';

/**
 * AWAITING_UPLOAD → DISCARDED, audited once. Nothing is deleted (records are evidence): the
 * submission only leaves every list. False when it was no longer a draft.
 */
export async function discardIfDraft(
  deps: DiscardDraftDeps,
  submission: Submission,
  actor: AuditActor,
  reason: DiscardReason,
  request: { requestId: string; sourceIp: string | null },
): Promise<boolean> {
  if (!(await deps.repository.transition(submission.submissionId, 'AWAITING_UPLOAD', 'DISCARDED'))) return false;
  await deps.audit.record({
    submissionId: submission.submissionId,
    type: 'DRAFT_DISCARDED',
    factKey: 'DRAFT_DISCARDED',
    actor,
    occurredAt: deps.clock.now().toISOString(),
    requestId: request.requestId,
    sourceIp: request.sourceIp,
    details: { reason, createdAt: submission.createdAt, documentCount: submission.documentIds.length },
  });
  return true;
}

/**
 * `POST /submissions/{id}/discard`: she throws away a draft she will not submit. Repeating it
 * (double click, retry) answers the same; anything already submitted is a 409.
 */
export async function discardDraft(deps: DiscardDraftDeps, caller: Caller, submissionId: string): Promise<SubmitResult> {
  assertProvider(caller);
  const { submission } = await readableSubmission(deps.repository, caller, submissionId);
  if (submission.status === 'AWAITING_UPLOAD') {
    await discardIfDraft(deps, submission, { type: 'provider', id: caller.userId }, 'PROVIDER', caller);
  }
  const status = submission.status === 'AWAITING_UPLOAD' ? (await deps.repository.get(submissionId))!.submission.status : submission.status;
  if (status !== 'DISCARDED') throw new Conflict('This submission was already submitted, so it cannot be discarded.');
  return { submissionId, status };
}

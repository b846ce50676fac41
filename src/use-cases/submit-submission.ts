import type { Caller } from '../domain/caller.js';
import { Conflict } from '../domain/errors.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import type { WorkflowStarter } from '../ports/workflow-starter.js';
import { assertProvider, readableSubmission } from './access.js';

export interface SubmitSubmissionDeps {
  repository: SubmissionRepository;
  workflow: WorkflowStarter;
  audit: AuditLog;
  clock: Clock;
}

/**
 * AWAITING_UPLOAD → VALIDATING, then start the workflow named after the submission. A repeat
 * (double click, client retry) re-starts nothing: the transition is conditional and the
 * execution name is unique, so it returns the current state.
 */
export async function submitSubmission(deps: SubmitSubmissionDeps, caller: Caller, submissionId: string) {
  assertProvider(caller);
  const { submission } = await readableSubmission(deps.repository, caller, submissionId);

  if (submission.status === 'AWAITING_UPLOAD') {
    const submittedAt = deps.clock.now().toISOString();
    if (await deps.repository.transition(submissionId, 'AWAITING_UPLOAD', 'VALIDATING', { submittedAt })) {
      submission.status = 'VALIDATING';
      await deps.audit.record({
        submissionId,
        type: 'SUBMISSION_SUBMITTED',
        factKey: 'SUBMISSION_SUBMITTED',
        actor: { type: 'provider', id: caller.userId },
        occurredAt: submittedAt,
        requestId: caller.requestId,
        sourceIp: caller.sourceIp,
        details: { documentCount: submission.documentIds.length },
      });
    } else {
      submission.status = (await deps.repository.get(submissionId))!.submission.status;
    }
  }
  if (submission.status === 'DISCARDED') throw new Conflict('This draft was discarded, so it cannot be submitted. Upload your documents again.');
  if (submission.status === 'VALIDATING') {
    // Also heals a submit whose first attempt failed between the transition and the start.
    await deps.repository.markDocumentsValidating(submissionId, submission.documentIds);
    await deps.workflow.start(submissionId, { submissionId, documentIds: submission.documentIds });
  }
  return { submissionId, status: submission.status };
}

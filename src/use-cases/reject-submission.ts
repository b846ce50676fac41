import { isSubmissionCommitted } from '../domain/status.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { StaleAttempt } from './stale-attempt.js';

/**
 * Workflow step when any document failed. A submission is all-or-nothing: nothing is copied to
 * `documents/`. Failing documents are already INVALID with their issues; the ones that passed
 * are marked PENDING_REVIEW ("passed checks") so the portal can tell the provider which files
 * she must replace when she submits again.
 */
export async function rejectSubmission(deps: { repository: SubmissionRepository }, submissionId: string, attempt: number): Promise<void> {
  const found = await deps.repository.get(submissionId);
  if (!found) throw new Error(`Submission ${submissionId} does not exist`);
  if (isSubmissionCommitted(found.submission.status)) return;
  if (found.submission.status !== 'VALIDATING' || found.submission.attempt !== attempt) throw new StaleAttempt(submissionId, attempt);
  for (const doc of found.documents.filter((d) => d.status === 'VALIDATING')) {
    await deps.repository.updateDocument(submissionId, doc.documentId, { status: 'PENDING_REVIEW' });
  }
  await deps.repository.transition(submissionId, 'VALIDATING', 'REJECTED');
}

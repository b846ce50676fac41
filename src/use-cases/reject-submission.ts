import type { SubmissionRepository } from '../ports/submission-repository.js';

/**
 * Workflow step when any document failed. A submission is all-or-nothing: nothing is copied to
 * `documents/`. Failing documents are already INVALID with their issues; the ones that passed
 * are marked PENDING_REVIEW ("passed checks") so the portal can tell the provider which files
 * she must replace when she submits again.
 */
export async function rejectSubmission(deps: { repository: SubmissionRepository }, submissionId: string): Promise<void> {
  const found = await deps.repository.get(submissionId);
  if (!found) throw new Error(`Submission ${submissionId} does not exist`);
  if (found.submission.status !== 'VALIDATING') return;
  for (const doc of found.documents.filter((d) => d.status === 'VALIDATING')) {
    await deps.repository.updateDocument(submissionId, doc.documentId, { status: 'PENDING_REVIEW' });
  }
  await deps.repository.transition(submissionId, 'VALIDATING', 'REJECTED');
}

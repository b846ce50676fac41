import type { SubmissionView } from '../contract/http.js';
import type { Caller } from '../domain/caller.js';
import { NotFound } from '../domain/errors.js';
import { normalizeReferenceNumber } from '../domain/reference-number.js';
import { toSubmissionView } from '../domain/submission.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { readableSubmission } from './access.js';

export async function getSubmission(deps: { repository: SubmissionRepository }, caller: Caller, submissionId: string): Promise<SubmissionView> {
  const { submission, documents } = await readableSubmission(deps.repository, caller, submissionId);
  return toSubmissionView(submission, documents, caller.role === 'staff');
}

export async function getSubmissionByReference(deps: { repository: SubmissionRepository }, caller: Caller, reference: string): Promise<SubmissionView> {
  const normalized = normalizeReferenceNumber(reference);
  const submissionId = normalized ? await deps.repository.findIdByReference(normalized) : null;
  if (!submissionId) throw new NotFound('No submission with that reference number was found.');
  return getSubmission(deps, caller, submissionId);
}

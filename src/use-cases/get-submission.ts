import type { Caller } from '../domain/caller.js';
import { NotFound } from '../domain/errors.js';
import { normalizeReferenceNumber } from '../domain/reference-number.js';
import { toSubmissionView, type SubmissionView } from '../domain/submission.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { assertCanRead } from './access.js';

const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isSubmissionId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export async function getSubmission(deps: { repository: SubmissionRepository }, caller: Caller, submissionId: string): Promise<SubmissionView> {
  // Ids that cannot be ids are simply not found (never a 500 from a malformed key).
  const found = isSubmissionId(submissionId) ? await deps.repository.get(submissionId) : null;
  assertCanRead(caller, found?.submission);
  return toSubmissionView(found!.submission, found!.documents, caller.role === 'staff');
}

export async function getSubmissionByReference(deps: { repository: SubmissionRepository }, caller: Caller, reference: string): Promise<SubmissionView> {
  const normalized = normalizeReferenceNumber(reference);
  const submissionId = normalized ? await deps.repository.findIdByReference(normalized) : null;
  if (!submissionId) throw new NotFound('No submission with that reference number was found.');
  return getSubmission(deps, caller, submissionId);
}

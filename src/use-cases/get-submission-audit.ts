import type { Caller } from '../domain/caller.js';
import { findBrokenLink } from '../domain/audit.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { assertCanRead, assertStaff } from './access.js';
import { isSubmissionId } from './get-submission.js';

export async function getSubmissionAudit(deps: { repository: SubmissionRepository; audit: AuditLog }, caller: Caller, submissionId: string) {
  assertStaff(caller);
  const found = isSubmissionId(submissionId) ? await deps.repository.get(submissionId) : null;
  assertCanRead(caller, found?.submission);
  const events = await deps.audit.list(submissionId);
  const broken = findBrokenLink(events);
  return { items: events, chainIntact: broken === -1, ...(broken === -1 ? {} : { firstBrokenSequence: events[broken]!.sequence }) };
}

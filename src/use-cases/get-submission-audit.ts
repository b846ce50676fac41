import type { AuditTrail } from '../contract/http.js';
import type { Caller } from '../domain/caller.js';
import { findBrokenLink } from '../domain/audit.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { assertStaff, readableSubmission } from './access.js';

export async function getSubmissionAudit(deps: { repository: SubmissionRepository; audit: AuditLog }, caller: Caller, submissionId: string): Promise<AuditTrail> {
  assertStaff(caller);
  await readableSubmission(deps.repository, caller, submissionId);
  const events = await deps.audit.list(submissionId);
  const broken = findBrokenLink(events);
  return { events, chainIntact: broken === -1, ...(broken === -1 ? {} : { firstBrokenSequence: events[broken]!.sequence }) };
}

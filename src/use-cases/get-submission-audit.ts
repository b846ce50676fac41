import type { AuditTrail } from '../contract/http.js';
import type { Caller } from '../domain/caller.js';
import { firstBrokenSequence } from '../domain/audit.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { assertStaff, readableSubmission } from './access.js';

/**
 * Staff read a submission's audit trail and whether it is intact: every hash links, and every
 * event matches the hash anchored outside the table when it was appended. One anchor past the
 * last row is also read: if it exists, rows were removed.
 */
export async function getSubmissionAudit(deps: { repository: SubmissionRepository; audit: AuditLog }, caller: Caller, submissionId: string): Promise<AuditTrail> {
  assertStaff(caller);
  await readableSubmission(deps.repository, caller, submissionId);
  const events = await deps.audit.list(submissionId);
  const anchors = await deps.audit.anchors(submissionId, Array.from({ length: events.length + 1 }, (_, i) => i + 1));
  const broken = firstBrokenSequence(events, anchors);
  return { events, chainIntact: broken === null, ...(broken === null ? {} : { firstBrokenSequence: broken }) };
}

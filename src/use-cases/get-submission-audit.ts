import type { AuditTrail } from '../contract/http.js';
import type { Caller } from '../domain/caller.js';
import { firstBrokenSequence } from '../domain/audit.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { assertAuditable } from './access.js';

/** Reads of the rows when an anchor past them turns up: an append in between, or rows removed. */
const READS = 3;

/**
 * Staff read a submission's audit trail and whether it is intact: every hash links, and every
 * event matches the hash anchored outside the table when it was appended. One anchor past the
 * last row is also read: if it exists, rows were removed — unless the rows, read again, now reach
 * it (an event appended between reading the rows and the anchors: the workflow still writing).
 */
export async function getSubmissionAudit(deps: { repository: SubmissionRepository; audit: AuditLog }, caller: Caller, submissionId: string): Promise<AuditTrail> {
  await assertAuditable(deps.repository, caller, submissionId);
  let events = await deps.audit.list(submissionId);
  for (let read = 1; ; read++) {
    const anchors = await deps.audit.anchors(submissionId, Array.from({ length: events.length + 1 }, (_, i) => i + 1));
    const broken = firstBrokenSequence(events, anchors);
    if (broken === events.length + 1 && read < READS) {
      const again = await deps.audit.list(submissionId);
      if (again.length > events.length) {
        events = again;
        continue;
      }
    }
    return { events, chainIntact: broken === null, ...(broken === null ? {} : { firstBrokenSequence: broken }) };
  }
}

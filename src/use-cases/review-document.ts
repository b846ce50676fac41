import type { DocumentView } from '../contract/http.js';
import type { Caller } from '../domain/caller.js';
import { Conflict, ValidationFailed } from '../domain/errors.js';
import { REVIEWABLE_STATUSES, sameDecision, type DocumentReview } from '../domain/review.js';
import { toFieldProblems } from '../domain/metadata-schema.js';
import { reviewRequestSchema } from '../domain/review-schema.js';
import type { SubmissionStatus } from '../domain/status.js';
import { toSubmissionView } from '../domain/submission.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { assertStaff, readableDocument } from './access.js';
import { documentReviewedEvent } from './review-audit.js';

export interface ReviewDocumentDeps {
  repository: SubmissionRepository;
  audit: AuditLog;
  clock: Clock;
}

/** Each failed conditional write means another decision landed in between; a few re-reads settle it. */
const MAX_ATTEMPTS = 8;

function notReviewable(status: SubmissionStatus): Conflict {
  return new Conflict(
    status === 'VERIFIED' || status === 'ACTION_REQUIRED'
      ? 'The review of this submission is complete: its decisions can no longer be changed.'
      : 'This submission is not waiting for review: only received submissions can be reviewed.',
  );
}

/** Her page showed another decision than the one that stands: said in words, with who decided. */
function decidedMeanwhile(stored: DocumentReview | undefined, caller: Caller): Conflict {
  if (!stored) return new Conflict('The decision on this document was changed while you were deciding.');
  if (stored.reviewedBy.userId === caller.userId) return new Conflict('You decided this document in another window while this page showed an earlier decision.');
  return new Conflict(`${stored.reviewedBy.name || 'Another reviewer'} ${stored.decision === 'VERIFIED' ? 'verified' : 'rejected'} this document while you were deciding.`);
}

/**
 * Records (or changes) a staff member's decision on one document. The decision is one
 * conditional update of the submission item, so concurrent decisions on other documents are
 * never lost; the first one moves the submission RECEIVED → IN_REVIEW. Decisions on the same
 * document land one after the other, each after the one it replaces is audited. A request that
 * names the decision it `replaces` (what the reviewer's page showed) lands only over that one:
 * two reviewers deciding an undecided document at once get one decision and one refusal (409).
 */
export async function reviewDocument(deps: ReviewDocumentDeps, caller: Caller, documentId: string, readBody: () => unknown): Promise<DocumentView> {
  assertStaff(caller);
  const parsed = reviewRequestSchema.safeParse(readBody());
  if (!parsed.success) throw new ValidationFailed('The decision is not complete.', toFieldProblems(parsed.error));
  const { decision, reason, reasonCode, replaces } = parsed.data;

  let { submission, documents } = await readableDocument(deps.repository, caller, documentId);
  const review: DocumentReview = {
    decision,
    reason: reason ?? null,
    reasonCode: reasonCode ?? null,
    reviewedAt: deps.clock.now().toISOString(),
    reviewedBy: { userId: caller.userId, name: caller.name, email: caller.email },
    requestId: caller.requestId,
    sourceIp: caller.sourceIp,
  };

  for (let attempt = 1; ; attempt++) {
    const from = submission.status;
    if (!REVIEWABLE_STATUSES.includes(from)) throw notReviewable(from);
    const stored = submission.reviews[documentId];
    if (stored && sameDecision(stored, review)) {
      // Nothing changes, but the call that stored it may have died before its audit event (once per fact).
      await deps.audit.record(documentReviewedEvent(submission.submissionId, documentId, stored));
      break;
    }
    if (replaces !== undefined && (stored?.requestId ?? null) !== replaces) throw decidedMeanwhile(stored, caller);
    // The decision this one replaces is audited first, and the write lands only if it still stands:
    // the trail then lists decisions in the order they landed, its last one the decision that stands.
    if (stored) await deps.audit.record(documentReviewedEvent(submission.submissionId, documentId, stored));
    const updated = await deps.repository.recordReview(submission.submissionId, documentId, review, from as 'RECEIVED' | 'IN_REVIEW', stored?.requestId ?? null);
    if (updated) {
      submission = updated;
      await deps.audit.record(documentReviewedEvent(submission.submissionId, documentId, review));
      break;
    }
    if (attempt >= MAX_ATTEMPTS) throw new Conflict('Other decisions on this submission kept changing it. Try again.');
    ({ submission, documents } = (await deps.repository.get(submission.submissionId))!);
  }
  return toSubmissionView(submission, documents, true).documents.find((doc) => doc.documentId === documentId)!;
}

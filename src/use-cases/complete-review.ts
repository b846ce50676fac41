import type { CompleteReviewResult } from '../contract/http.js';
import type { Caller } from '../domain/caller.js';
import { documentTypeSpec } from '../domain/catalog.js';
import { Conflict } from '../domain/errors.js';
import { daysSinceSubmission, isReviewOutcome, REVIEW_LIMITS, reviewOutcome } from '../domain/review.js';
import { replacedDocumentIds, type Submission, type SubmissionDocument } from '../domain/submission.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import type { WorkflowStarter } from '../ports/workflow-starter.js';
import { assertStaff, readableSubmission } from './access.js';
import { reviewCompletedEvent } from './review-audit.js';

export interface CompleteReviewDeps {
  repository: SubmissionRepository;
  audit: AuditLog;
  clock: Clock;
  /** The review outcome workflow (apply decisions → email → audit). */
  outcomeWorkflow: WorkflowStarter<{ submissionId: string }>;
  timeZone: string;
}

const MAX_ATTEMPTS = 5;

/**
 * The outcome workflow's execution name: one per submission, so a repeated call, a second
 * reviewer or a retry can never start a second one (Step Functions refuses the name). A
 * re-drive after a failed execution passes `attempt` 2, 3, …
 */
export function reviewOutcomeExecutionName(submissionId: string, attempt = 1): string {
  return attempt === 1 ? `review-${submissionId}` : `review-${submissionId}-${attempt}`;
}

/**
 * Carries out a completed review: its audit event, then the outcome workflow. Safe to repeat at
 * any time (both are idempotent); the reconciler calls it for submissions whose outcome email is
 * not recorded as sent, passing a new `attempt` when the previous execution failed.
 */
export async function carryOutReviewOutcome(deps: Pick<CompleteReviewDeps, 'audit' | 'outcomeWorkflow'>, submission: Submission, attempt = 1): Promise<void> {
  if (!submission.reviewCompletion) throw new Error(`Submission ${submission.submissionId} has no completed review`);
  await deps.audit.record(reviewCompletedEvent(submission.submissionId, submission.reviewCompletion, submission.documentIds, submission.reviews));
  await deps.outcomeWorkflow.start(reviewOutcomeExecutionName(submission.submissionId, attempt), { submissionId: submission.submissionId });
}

function describe(doc: SubmissionDocument | undefined): string {
  return doc ? `${documentTypeSpec(doc.documentType).label} (${doc.fileName})` : 'This document';
}

/**
 * Completes a review: every document must carry a decision, except one replaced by a newer
 * version (decided by its replacement, in that version's submission). The commit point is one
 * conditional update IN_REVIEW → VERIFIED | ACTION_REQUIRED on the revision it read; a decision
 * recorded or a document replaced meanwhile bumps the revision (superseding bumps it before it
 * marks the document), so the call reads again — never an outcome made from stale decisions or a
 * stale set of replaced documents — and of two reviewers completing at once exactly one flips the
 * status; the other answers the same result.
 */
export async function completeReview(deps: CompleteReviewDeps, caller: Caller, submissionId: string): Promise<CompleteReviewResult> {
  assertStaff(caller);
  let { submission, documents } = await readableSubmission(deps.repository, caller, submissionId);

  for (let attempt = 1; ; attempt++) {
    if (isReviewOutcome(submission.status)) {
      await carryOutReviewOutcome(deps, submission);
      return { submissionId, status: submission.status };
    }
    if (submission.status !== 'RECEIVED' && submission.status !== 'IN_REVIEW') {
      throw new Conflict('This submission is not waiting for review: only received submissions can be reviewed.');
    }
    const now = deps.clock.now();
    const replaced = replacedDocumentIds(documents);
    const result = reviewOutcome(submission.documentIds, submission.reviews, now, replaced);
    if ('undecided' in result) {
      const byId = new Map(documents.map((doc) => [doc.documentId, doc]));
      const problem = (index: number, message: string) => ({ path: `documents.${index}`, message: `${describe(byId.get(submission.documentIds[index]!))} ${message}` });
      throw new Conflict(
        result.undecided.length > 0 ? 'Every document needs a decision before the review can be completed.' : 'Some decisions are too old to complete the review with.',
        [
          ...result.undecided.map((index) => problem(index, 'has no decision yet.')),
          ...result.stale.map((index) => problem(index, `was decided more than ${REVIEW_LIMITS.maxVerificationAgeDays} days ago; review it again.`)),
        ],
      );
    }
    // Every document replaced before any decision: the submission never left RECEIVED.
    if (submission.status === 'RECEIVED') await deps.repository.transition(submissionId, 'RECEIVED', 'IN_REVIEW');
    const completed = await deps.repository.completeReview(submissionId, submission.reviewRevision, {
      outcome: result.outcome,
      replacedDocuments: submission.documentIds.filter((id) => replaced.has(id)),
      decidedAt: now.toISOString(),
      daysToDecision: daysSinceSubmission(submission.submittedAt ?? submission.createdAt, now, deps.timeZone),
      decidedBy: { userId: caller.userId, name: caller.name, email: caller.email },
      requestId: caller.requestId,
      sourceIp: caller.sourceIp,
    });
    if (completed) {
      await carryOutReviewOutcome(deps, completed);
      return { submissionId, status: completed.status };
    }
    if (attempt >= MAX_ATTEMPTS) throw new Conflict('Decisions on this submission kept changing while completing the review. Check them and try again.');
    ({ submission, documents } = (await deps.repository.get(submissionId))!);
  }
}

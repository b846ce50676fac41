/**
 * The review's audit events, built only from what is stored with the decision and the
 * completion: whoever writes them (the API call, a repeat, the outcome workflow after a crash)
 * writes the same event, and the audit log keeps one per fact.
 */
import type { AuditEventInput } from '../domain/audit.js';
import type { DocumentReview, ReviewCompletion } from '../domain/review.js';

export function documentReviewedEvent(submissionId: string, documentId: string, review: DocumentReview): AuditEventInput {
  return {
    submissionId,
    type: 'DOCUMENT_REVIEWED',
    // One event per decision made: a change of mind is a new request, so a new fact.
    factKey: `DOCUMENT_REVIEWED#${review.requestId}`,
    actor: { type: 'staff', id: review.reviewedBy.userId },
    occurredAt: review.reviewedAt,
    requestId: review.requestId,
    sourceIp: review.sourceIp,
    details: { documentId, decision: review.decision, reasonCode: review.reasonCode, reason: review.reason, reviewerName: review.reviewedBy.name },
  };
}

export function reviewCompletedEvent(submissionId: string, completion: ReviewCompletion, documentIds: string[], reviews: Record<string, DocumentReview>): AuditEventInput {
  const type = completion.outcome === 'VERIFIED' ? 'SUBMISSION_VERIFIED' : 'SUBMISSION_ACTION_REQUIRED';
  const replaced = completion.replacedDocuments ?? [];
  const counted = documentIds.filter((id) => !replaced.includes(id));
  return {
    submissionId,
    type,
    factKey: type,
    actor: { type: 'staff', id: completion.decidedBy.userId },
    occurredAt: completion.decidedAt,
    requestId: completion.requestId,
    sourceIp: completion.sourceIp,
    details: {
      reviewerName: completion.decidedBy.name,
      daysToDecision: completion.daysToDecision,
      rejectedDocuments: counted.filter((id) => reviews[id]?.decision === 'REJECTED'),
      verifiedDocuments: counted.filter((id) => reviews[id]?.decision === 'VERIFIED'),
      // Decided by their newer versions, in those versions' submissions (a decision recorded on one before it was replaced did not count).
      ...(replaced.length > 0 ? { replacedDocuments: replaced } : {}),
    },
  };
}

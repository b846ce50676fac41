import type { EmailMessage } from '../domain/email-message.js';
import { isSubmissionCommitted } from '../domain/status.js';
import { isReviewOutcome } from '../domain/review.js';
import { leftToReplacement, type NotificationKind, type Submission, type SubmissionDocument } from '../domain/submission.js';
import { emailDocument, reviewOutcomeEmail, submissionReceivedEmail, submissionRejectedEmail, type Branding } from '../emails/index.js';
import type { Mailer } from '../ports/mailer.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

/** Workflow step: one email per outcome, however often the step runs. */
export async function notifyProvider(
  deps: { repository: SubmissionRepository; mailer: Mailer; branding: Branding },
  submissionId: string,
  kind: NotificationKind,
): Promise<{ messageId: string }> {
  const found = await deps.repository.get(submissionId);
  if (!found) throw new Error(`Submission ${submissionId} does not exist`);
  // Only a decided outcome is announced (a stale attempt must never email).
  if (!isSubmissionCommitted(found.submission.status)) throw new Error(`Submission ${submissionId} is not decided yet`);
  const alreadySent = found.submission.emailsSent[kind];
  if (alreadySent) return { messageId: alreadySent };
  const replacedBy = await replacingReferences(deps.repository, found.submission, found.documents);
  const { messageId } = await deps.mailer.send(notification(kind, found.submission, found.documents, replacedBy, deps.branding));
  await deps.repository.markEmailSent(submissionId, kind, messageId);
  return { messageId };
}

/**
 * The reference number of the submission that replaced each replaced document, by document id:
 * those made without in the outcome, and any replaced since its commit point (she is never asked
 * to replace what she already replaced).
 */
async function replacingReferences(repository: SubmissionRepository, submission: Submission, documents: SubmissionDocument[]): Promise<Map<string, string | null>> {
  if (!isReviewOutcome(submission.status)) return new Map();
  const replaced = documents.filter(leftToReplacement(submission));
  // One read per replacing submission, however many of these documents it replaced.
  const replacers = [...new Set(replaced.flatMap((doc) => (doc.supersededBy ? [doc.supersededBy.submissionId] : [])))];
  const references = new Map(await Promise.all(replacers.map(async (id) => [id, (await repository.get(id))?.submission.referenceNumber ?? null] as const)));
  return new Map(replaced.map((doc) => [doc.documentId, (doc.supersededBy && references.get(doc.supersededBy.submissionId)) ?? null]));
}

function notification(kind: NotificationKind, submission: Submission, documents: SubmissionDocument[], replacedBy: Map<string, string | null>, branding: Branding): EmailMessage {
  const provider = { name: submission.provider.name, email: submission.provider.email };
  if (kind === 'REJECTED') {
    return submissionRejectedEmail({ provider, submissionId: submission.submissionId, documents: documents.map((doc) => ({ ...emailDocument(doc), issues: doc.issues })) }, branding);
  }
  const { referenceNumber, estimatedReviewCompletionDate } = submission;
  if (!referenceNumber || !estimatedReviewCompletionDate) throw new Error(`Submission ${submission.submissionId} is not received yet`);
  if (kind === 'VERIFIED' || kind === 'ACTION_REQUIRED') {
    const documentsWithDecisions = documents
      .filter((doc) => !replacedBy.has(doc.documentId))
      .map((doc) => {
        const review = submission.reviews[doc.documentId] ?? doc.review;
        if (!review) throw new Error(`Document ${doc.documentId} has no decision`);
        return { ...emailDocument(doc), decision: review.decision, reason: review.reason };
      });
    const replaced = documents.filter((doc) => replacedBy.has(doc.documentId)).map((doc) => ({ ...emailDocument(doc), replacedByReference: replacedBy.get(doc.documentId) ?? null }));
    return reviewOutcomeEmail({ provider, submissionId: submission.submissionId, referenceNumber, documents: documentsWithDecisions, replaced }, branding);
  }
  return submissionReceivedEmail({ provider, submissionId: submission.submissionId, referenceNumber, estimatedReviewCompletionDate, documents: documents.map(emailDocument) }, branding);
}

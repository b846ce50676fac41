import type { EmailMessage } from '../domain/email-message.js';
import { isSubmissionCommitted } from '../domain/status.js';
import type { NotificationKind, Submission, SubmissionDocument } from '../domain/submission.js';
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
  const { messageId } = await deps.mailer.send(notification(kind, found.submission, found.documents, deps.branding));
  await deps.repository.markEmailSent(submissionId, kind, messageId);
  return { messageId };
}

function notification(kind: NotificationKind, submission: Submission, documents: SubmissionDocument[], branding: Branding): EmailMessage {
  const provider = { name: submission.provider.name, email: submission.provider.email };
  if (kind === 'REJECTED') {
    return submissionRejectedEmail({ provider, submissionId: submission.submissionId, documents: documents.map((doc) => ({ ...emailDocument(doc), issues: doc.issues })) }, branding);
  }
  const { referenceNumber, estimatedReviewCompletionDate } = submission;
  if (!referenceNumber || !estimatedReviewCompletionDate) throw new Error(`Submission ${submission.submissionId} is not received yet`);
  if (kind === 'VERIFIED' || kind === 'ACTION_REQUIRED') {
    const documentsWithDecisions = documents.map((doc) => {
      const review = submission.reviews[doc.documentId] ?? doc.review;
      if (!review) throw new Error(`Document ${doc.documentId} has no decision`);
      return { ...emailDocument(doc), decision: review.decision, reason: review.reason };
    });
    return reviewOutcomeEmail({ provider, submissionId: submission.submissionId, referenceNumber, documents: documentsWithDecisions }, branding);
  }
  return submissionReceivedEmail({ provider, submissionId: submission.submissionId, referenceNumber, estimatedReviewCompletionDate, documents: documents.map(emailDocument) }, branding);
}

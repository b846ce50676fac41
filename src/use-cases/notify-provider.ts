import { renderNotification } from '../domain/notification-email.js';
import { isSubmissionCommitted } from '../domain/status.js';
import type { NotificationKind } from '../domain/submission.js';
import type { Mailer } from '../ports/mailer.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

/** Workflow step: one email per outcome, however often the step runs. */
export async function notifyProvider(
  deps: { repository: SubmissionRepository; mailer: Mailer; portalUrl: string },
  submissionId: string,
  kind: NotificationKind,
): Promise<{ messageId: string }> {
  const found = await deps.repository.get(submissionId);
  if (!found) throw new Error(`Submission ${submissionId} does not exist`);
  // Only a decided outcome is announced (a stale attempt must never email).
  if (!isSubmissionCommitted(found.submission.status)) throw new Error(`Submission ${submissionId} is not decided yet`);
  const alreadySent = found.submission.emailsSent[kind];
  if (alreadySent) return { messageId: alreadySent };
  const { messageId } = await deps.mailer.send(renderNotification(kind, found.submission, found.documents, deps.portalUrl));
  await deps.repository.markEmailSent(submissionId, kind, messageId);
  return { messageId };
}

/** A submission's audit trail as staff read it: who did what, when, and whether the hash chain still holds. */
import { useQuery } from '@tanstack/react-query';
import { REASON_CODE_LABELS, type ReviewReasonCode } from '../../../src/domain/review.js';
import { useApi } from '../api/client.js';
import { QueryProblem } from '../components/QueryState.js';
import type { AuditEventType } from '../../../src/contract/vocabulary.js';
import type { AuditEventView, SubmissionView } from '../api/types.js';
import { formatDateTime, typeLabel } from '../format.js';

const WHAT: Record<AuditEventType, string> = {
  SUBMISSION_CREATED: 'Started the submission',
  SUBMISSION_REFUSED: 'Request refused',
  SUBMISSION_SUBMITTED: 'Submitted the documents',
  SUBMISSION_RECEIVED: 'Documents passed the checks; reference number issued',
  SUBMISSION_REJECTED: 'Documents failed the checks',
  CONFIRMATION_EMAIL_SENT: 'Confirmation email sent',
  REJECTION_EMAIL_SENT: 'Email about failed checks sent',
  NOTIFICATION_FAILED: 'An email could not be sent',
  DOCUMENT_DOWNLOADED: 'Opened a document',
  DOCUMENT_REVIEWED: 'Decided on a document',
  SUBMISSION_VERIFIED: 'Completed the review: verified',
  SUBMISSION_ACTION_REQUIRED: 'Completed the review: action required',
  OUTCOME_EMAIL_SENT: 'Outcome email sent',
  PROCESSING_FAILED: 'A processing step failed; it is started again',
  PROCESSING_RETRIED: 'Processing started again',
  DRAFT_DISCARDED: 'Draft discarded',
  DOCUMENT_SUPERSEDED: 'A document was replaced by a newer version',
  DOCUMENT_REINSTATED: 'A document is current again: the renewal that replaced it was rejected',
  EXPIRY_REMINDER_SENT: 'Expiry reminder sent',
  DOCUMENT_EXPIRED: 'A document expired',
  MALWARE_DETECTED: 'Malware found in a file',
};

function who(event: AuditEventView, submission: SubmissionView): string {
  if (event.actor.type === 'system') return 'System';
  const reviewer = event.details.reviewerName;
  if (event.actor.type === 'staff') return typeof reviewer === 'string' && reviewer ? reviewer : 'Credentialing staff';
  return submission.provider ? `${submission.provider.name} (provider)` : 'Provider';
}

function what(event: AuditEventView, submission: SubmissionView): string {
  const details = event.details;
  const doc = submission.documents.find((d) => d.documentId === details.documentId);
  const name = doc ? `${typeLabel(doc.documentType)} (${doc.fileName})` : 'a document';
  if (event.type === 'DOCUMENT_DOWNLOADED') return `${details.disposition === 'inline' ? 'Previewed' : 'Downloaded'} ${name}`;
  if (event.type === 'DOCUMENT_REVIEWED') {
    const code = typeof details.reasonCode === 'string' ? ` (${REASON_CODE_LABELS[details.reasonCode as ReviewReasonCode] ?? details.reasonCode})` : '';
    return `${details.decision === 'REJECTED' ? 'Rejected' : 'Verified'} ${name}${code}${typeof details.reason === 'string' ? `: “${details.reason}”` : ''}`;
  }
  if (event.type === 'DOCUMENT_SUPERSEDED') return `${name} replaced by a newer version`;
  if (event.type === 'DOCUMENT_REINSTATED') return `${name} is current again: the renewal that replaced it was rejected`;
  return WHAT[event.type as AuditEventType] ?? event.type;
}

export function AuditTrail({ submission }: { submission: SubmissionView }) {
  const api = useApi();
  const decided = submission.status === 'VERIFIED' || submission.status === 'ACTION_REQUIRED';
  const trail = useQuery({
    queryKey: ['audit', submission.submissionId],
    queryFn: () => api.audit(submission.submissionId),
    // After completion the outcome workflow sends the email: show it arrive.
    refetchInterval: (query) => (decided && !query.state.data?.events.some((e) => e.type === 'OUTCOME_EMAIL_SENT' || e.type === 'NOTIFICATION_FAILED') ? 1500 : false),
  });
  return (
    <section className="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit trail</h2>
      {trail.isError && <QueryProblem query={trail} failed="The audit trail could not be loaded." />}
      {trail.isPending ? (
        <p className="loading" role="status">
          Loading the audit trail…
        </p>
      ) : trail.data === undefined ? null : (
        <>
          {trail.data.chainIntact ? (
            <p className="notice notice--success" data-testid="chain-status">
              The audit trail is intact: each of its {trail.data.events.length} events is linked to the one before it by its hash.
            </p>
          ) : (
            <p className="notice notice--error" role="alert" data-testid="chain-status">
              The audit trail has been altered at event {trail.data.firstBrokenSequence}. Events from there on cannot be trusted; report this to security.
            </p>
          )}
          <table className="table audit">
            <caption className="visually-hidden">Audit events, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {trail.data.events.map((event) => (
                <tr key={event.sequence} className={!trail.data.chainIntact && event.sequence >= (trail.data.firstBrokenSequence ?? Infinity) ? 'audit__row--broken' : undefined}>
                  <td data-label="#">{event.sequence}</td>
                  <td data-label="When">{formatDateTime(event.occurredAt)}</td>
                  <td data-label="Who">{who(event, submission)}</td>
                  <td data-label="What" className="audit__what">
                    {what(event, submission)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

import type { AuditEventType } from '../domain/audit.js';
import { isMalware } from '../domain/malware-scan.js';
import { isSubmissionCommitted } from '../domain/status.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

export interface WorkflowOutcome {
  submissionId: string;
  outcome: 'RECEIVED' | 'REJECTED';
  executionId: string;
  /** The notify step's result, or the error it ended with after its retries. */
  email: { value?: { messageId?: string }; Error?: string };
}

/**
 * Workflow step: records the outcome and the email with what a reviewer needs, never file
 * content. With the email sent, every fact of the workflow is written and the submission leaves
 * the reconciler's list; a failed email keeps it there, so a later attempt sends it.
 */
export async function recordWorkflowAudit(deps: { repository: SubmissionRepository; audit: AuditLog; clock: Clock }, input: WorkflowOutcome): Promise<{ recorded: AuditEventType[] }> {
  const found = await deps.repository.get(input.submissionId);
  if (!found) throw new Error(`Submission ${input.submissionId} does not exist`);
  const { submission, documents } = found;
  if (!isSubmissionCommitted(submission.status)) throw new Error(`Submission ${input.submissionId} is not decided yet`);
  const messageId = input.email.value?.messageId;

  const events: { type: AuditEventType; factKey?: string; details: Record<string, string | number | boolean | null | string[]> }[] = [
    // Before the rejection they caused: staff's trace of each threat, with either engine (GuardDuty names none).
    ...documents.flatMap((doc) =>
      doc.status === 'INVALID' && doc.malwareScan && isMalware(doc.malwareScan.result)
        ? [{
            type: 'MALWARE_DETECTED' as const,
            factKey: `MALWARE_DETECTED#${doc.documentId}`,
            details: { documentId: doc.documentId, threats: doc.malwareScan.result.threats.map((threat) => threat.name) },
          }]
        : [],
    ),
    input.outcome === 'RECEIVED'
      ? {
          type: 'SUBMISSION_RECEIVED',
          details: { referenceNumber: submission.referenceNumber, estimatedReviewCompletionDate: submission.estimatedReviewCompletionDate, documentIds: documents.map((d) => d.documentId) },
        }
      : {
          type: 'SUBMISSION_REJECTED',
          details: { rejectedDocuments: documents.filter((d) => d.issues.length > 0).map((d) => `${d.documentId}:${d.issues.map((i) => i.code).join('+')}`) },
        },
    messageId
      ? { type: input.outcome === 'RECEIVED' ? 'CONFIRMATION_EMAIL_SENT' : 'REJECTION_EMAIL_SENT', details: { emailMessageId: messageId } }
      : { type: 'NOTIFICATION_FAILED', details: { kind: input.outcome, error: input.email.Error ?? 'unknown' } },
  ];
  for (const event of events) {
    await deps.audit.record({
      submissionId: input.submissionId,
      type: event.type,
      factKey: event.factKey ?? event.type,
      actor: { type: 'system', id: 'intake-workflow' },
      occurredAt: deps.clock.now().toISOString(),
      requestId: input.executionId,
      sourceIp: null,
      details: event.details,
    });
  }
  if (messageId) await deps.repository.markFinished(input.submissionId);
  return { recorded: events.map((event) => event.type) };
}

import { recordWorkflowAudit } from '../../use-cases/record-workflow-audit.js';
import { auditLog } from '../shared/wiring/audit.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { stepHandler } from '../shared/step.js';
import { objectField, oneOf, textField, uuidField } from '../shared/step-input.js';

/** The notify step's result (`{value: {messageId}}`) or the error it ended with (`{Error, Cause}`). */
function emailOutcome(event: unknown): { value?: { messageId?: string }; Error?: string } {
  const email = objectField(event, 'email');
  const messageId = (email.value as { messageId?: unknown } | undefined)?.messageId;
  return {
    ...(typeof messageId === 'string' ? { value: { messageId } } : {}),
    ...(typeof email.Error === 'string' ? { Error: email.Error } : {}),
  };
}

export const handler = stepHandler(
  'Audit recorded',
  (event) => ({
    submissionId: uuidField(event, 'submissionId'),
    outcome: oneOf(event, 'outcome', ['RECEIVED', 'REJECTED'] as const),
    executionId: textField(event, 'executionId'),
    email: emailOutcome(event),
  }),
  (input) => recordWorkflowAudit({ repository: submissionRepository(), audit: auditLog(), clock }, input),
  (input, output) => ({ submissionId: input.submissionId, events: output.recorded }),
);

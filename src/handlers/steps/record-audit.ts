import { recordWorkflowAudit } from '../../use-cases/record-workflow-audit.js';
import { auditLog } from '../shared/wiring/audit.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { stepHandler } from '../shared/step.js';
import { emailOutcome, oneOf, textField, uuidField } from '../shared/step-input.js';

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

import { recordReviewOutcome } from '../../use-cases/record-review-outcome.js';
import { auditLog } from '../shared/wiring/audit.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { stepHandler } from '../shared/step.js';
import { emailOutcome, textField, uuidField } from '../shared/step-input.js';

export const handler = stepHandler(
  'Review outcome audited',
  (event) => ({ submissionId: uuidField(event, 'submissionId'), executionId: textField(event, 'executionId'), email: emailOutcome(event) }),
  (input) => recordReviewOutcome({ repository: submissionRepository(), audit: auditLog(), clock }, input),
  (input, output) => ({ submissionId: input.submissionId, events: output.recorded }),
);

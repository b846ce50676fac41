import { applyReviewOutcome } from '../../use-cases/apply-review-outcome.js';
import { auditLog } from '../shared/wiring/audit.js';
import { documentVersions, submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { stepHandler } from '../shared/step.js';
import { textField, uuidField } from '../shared/step-input.js';

export const handler = stepHandler(
  'Review outcome applied',
  (event) => ({ submissionId: uuidField(event, 'submissionId'), executionId: textField(event, 'executionId') }),
  ({ submissionId, executionId }) => applyReviewOutcome({ repository: submissionRepository(), versions: documentVersions(), audit: auditLog(), clock }, submissionId, executionId),
  (_input, output) => output,
);

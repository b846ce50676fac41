import { recordReviewOutcome, type RecordReviewOutcomeDeps } from '../../use-cases/record-review-outcome.js';
import { auditLog } from '../shared/wiring/audit.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { stepHandler } from '../shared/step.js';
import { emailOutcome, textField, uuidField } from '../shared/step-input.js';

/** The step with its ports given (a composition root with a fault injected uses it too). */
export const recordReviewOutcomeStep = (deps: () => RecordReviewOutcomeDeps) =>
  stepHandler(
    'Review outcome audited',
    (event) => ({ submissionId: uuidField(event, 'submissionId'), executionId: textField(event, 'executionId'), email: emailOutcome(event) }),
    (input) => recordReviewOutcome(deps(), input),
    (input, output) => ({ submissionId: input.submissionId, events: output.recorded }),
  );

export const handler = recordReviewOutcomeStep(() => ({ repository: submissionRepository(), audit: auditLog(), clock }));

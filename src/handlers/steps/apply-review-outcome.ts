import { applyReviewOutcome } from '../../use-cases/apply-review-outcome.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { stepHandler } from '../shared/step.js';
import { submissionStepInput } from '../shared/step-input.js';

export const handler = stepHandler('Review outcome applied', submissionStepInput, ({ submissionId }) => applyReviewOutcome({ repository: submissionRepository() }, submissionId), (_input, output) => output);

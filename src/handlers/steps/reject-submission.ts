import { rejectSubmission } from '../../use-cases/reject-submission.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { stepHandler } from '../shared/step.js';
import { attemptStepInput } from '../shared/step-input.js';

export const handler = stepHandler('Submission rejected', attemptStepInput, async ({ submissionId, attempt }) => {
  await rejectSubmission({ repository: submissionRepository() }, submissionId, attempt);
  return { submissionId, status: 'REJECTED' as const };
});

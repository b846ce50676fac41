import { rejectSubmission } from '../../use-cases/reject-submission.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { stepHandler } from '../shared/step.js';
import { submissionStepInput } from '../shared/step-input.js';

export const handler = stepHandler('Submission rejected', submissionStepInput, async ({ submissionId }) => {
  await rejectSubmission({ repository: submissionRepository() }, submissionId);
  return { submissionId, status: 'REJECTED' as const };
});

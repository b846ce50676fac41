import type { Context } from 'aws-lambda';
import { rejectSubmission } from '../../use-cases/reject-submission.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { logger } from '../shared/powertools.js';
import { submissionStepInput } from '../shared/step-input.js';

export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const { submissionId } = submissionStepInput.parse(event);
  await rejectSubmission({ repository: submissionRepository() }, submissionId);
  logger.info('Submission rejected', { submissionId });
  return { submissionId, status: 'REJECTED' };
};

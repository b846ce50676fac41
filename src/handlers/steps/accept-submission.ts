import type { Context } from 'aws-lambda';
import { acceptSubmission } from '../../use-cases/accept-submission.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { documentStore } from '../shared/wiring/s3.js';
import { clock, reviewSettings, secureRandomBytes } from '../shared/wiring/settings.js';
import { logger } from '../shared/powertools.js';
import { submissionStepInput } from '../shared/step-input.js';

export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const { submissionId } = submissionStepInput.parse(event);
  const submission = await acceptSubmission(
    { repository: submissionRepository(), store: documentStore(), clock, randomBytes: secureRandomBytes, ...reviewSettings() },
    submissionId,
  );
  logger.info('Submission received', { submissionId, status: submission.status });
  return { submissionId, status: submission.status, referenceNumber: submission.referenceNumber };
};

import { acceptSubmission } from '../../use-cases/accept-submission.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { documentStore } from '../shared/wiring/s3.js';
import { clock, reviewSettings, secureRandomBytes } from '../shared/wiring/settings.js';
import { stepHandler } from '../shared/step.js';
import { attemptStepInput } from '../shared/step-input.js';

export const handler = stepHandler(
  'Submission received',
  attemptStepInput,
  async ({ submissionId, attempt }) => {
    const submission = await acceptSubmission(
      { repository: submissionRepository(), store: documentStore(), clock, randomBytes: secureRandomBytes, ...reviewSettings() },
      submissionId,
      attempt,
    );
    return { submissionId, status: submission.status, referenceNumber: submission.referenceNumber };
  },
  (_input, output) => ({ submissionId: output.submissionId, status: output.status }),
);

import { submitSubmission } from '../../use-cases/submit-submission.js';
import { isSubmissionId } from '../../use-cases/get-submission.js';
import { NotFound } from '../../domain/errors.js';
import { auditLog, submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { workflowStarter } from '../shared/wiring/sfn.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, path }) => {
  const submissionId = path.submissionId ?? '';
  if (!isSubmissionId(submissionId)) throw new NotFound('No submission with that id was found.');
  const result = await submitSubmission({ repository: submissionRepository(), workflow: workflowStarter(), audit: auditLog(), clock }, caller, submissionId);
  return { statusCode: 202, body: result };
});

import { submitSubmission } from '../../use-cases/submit-submission.js';
import { auditLog, submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { workflowStarter } from '../shared/wiring/sfn.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, path }) => ({
  statusCode: 202,
  body: await submitSubmission({ repository: submissionRepository(), workflow: workflowStarter(), audit: auditLog(), clock }, caller, path.submissionId ?? ''),
}));

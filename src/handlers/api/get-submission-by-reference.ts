import { getSubmissionByReference } from '../../use-cases/get-submission.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, path }) => ({
  statusCode: 200,
  body: await getSubmissionByReference({ repository: submissionRepository() }, caller, path.referenceNumber ?? ''),
}));

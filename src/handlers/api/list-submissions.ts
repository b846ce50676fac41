import { listSubmissions } from '../../use-cases/list-submissions.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, query }) => ({
  statusCode: 200,
  body: await listSubmissions({ repository: submissionRepository() }, caller, query),
}));

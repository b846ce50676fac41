import { renewUploadLinks } from '../../use-cases/renew-upload-links.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { documentStore } from '../shared/wiring/s3.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, path }) => ({
  statusCode: 200,
  body: await renewUploadLinks({ repository: submissionRepository(), store: documentStore() }, caller, path.submissionId ?? ''),
}));

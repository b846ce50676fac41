import { getDownloadUrl } from '../../use-cases/get-download-url.js';
import { auditLog } from '../shared/wiring/audit.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { documentStore } from '../shared/wiring/s3.js';
import { clock } from '../shared/wiring/settings.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, path, query }) => ({
  statusCode: 200,
  body: await getDownloadUrl({ repository: submissionRepository(), store: documentStore(), audit: auditLog(), clock }, caller, path.documentId ?? '', query),
}));

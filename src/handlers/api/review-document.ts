import { reviewDocument } from '../../use-cases/review-document.js';
import { auditLog } from '../shared/wiring/audit.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async (request) => ({
  statusCode: 200,
  body: await reviewDocument({ repository: submissionRepository(), audit: auditLog(), clock }, request.caller, request.path.documentId ?? '', () => request.json()),
}));

import { getSubmissionAudit } from '../../use-cases/get-submission-audit.js';
import { auditLog } from '../shared/wiring/audit.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, path }) => ({
  statusCode: 200,
  body: await getSubmissionAudit({ repository: submissionRepository(), audit: auditLog() }, caller, path.submissionId ?? ''),
}));

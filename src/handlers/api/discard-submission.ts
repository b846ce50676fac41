import { discardDraft } from '../../use-cases/discard-draft.js';
import { auditLog } from '../shared/wiring/audit.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, path }) => ({
  statusCode: 200,
  body: await discardDraft({ repository: submissionRepository(), audit: auditLog(), clock }, caller, path.submissionId ?? ''),
}));

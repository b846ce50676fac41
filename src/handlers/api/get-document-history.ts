import { getDocumentHistory } from '../../use-cases/get-document-history.js';
import { documentVersions } from '../shared/wiring/dynamodb.js';
import { clock, reviewSettings } from '../shared/wiring/settings.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, path }) => ({
  statusCode: 200,
  body: await getDocumentHistory({ versions: documentVersions(), clock, timeZone: reviewSettings().timeZone }, caller, path.documentId ?? ''),
}));

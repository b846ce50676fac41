import { listProviders } from '../../use-cases/list-providers.js';
import { documentVersions, providerDirectory } from '../shared/wiring/dynamodb.js';
import { clock, reviewSettings } from '../shared/wiring/settings.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, query }) => ({
  statusCode: 200,
  body: await listProviders({ directory: providerDirectory(), versions: documentVersions(), clock, timeZone: reviewSettings().timeZone }, caller, query),
}));

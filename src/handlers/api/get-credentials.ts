import { getCredentials } from '../../use-cases/get-credentials.js';
import { documentVersions, submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock, reviewSettings } from '../shared/wiring/settings.js';
import { httpHandler } from '../shared/http.js';

/** `GET /credentials` (her own) and `GET /providers/{providerId}/credentials` (staff). */
export const handler = httpHandler(async ({ caller, path }) => ({
  statusCode: 200,
  body: await getCredentials({ versions: documentVersions(), repository: submissionRepository(), clock, timeZone: reviewSettings().timeZone }, caller, path.providerId),
}));

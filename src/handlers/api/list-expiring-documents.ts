import { listExpiringDocuments } from '../../use-cases/list-expiring-documents.js';
import { expirySchedule } from '../shared/wiring/dynamodb.js';
import { clock, reviewSettings } from '../shared/wiring/settings.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, query }) => ({
  statusCode: 200,
  body: await listExpiringDocuments({ schedule: expirySchedule(), clock, timeZone: reviewSettings().timeZone }, caller, query),
}));

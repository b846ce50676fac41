import { listReviewQueue } from '../../use-cases/list-review-queue.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock, reviewSettings } from '../shared/wiring/settings.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, query }) => ({
  statusCode: 200,
  body: await listReviewQueue({ repository: submissionRepository(), clock, timeZone: reviewSettings().timeZone }, caller, query),
}));

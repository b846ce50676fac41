import { completeReview } from '../../use-cases/complete-review.js';
import { auditLog } from '../shared/wiring/audit.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock, reviewSettings } from '../shared/wiring/settings.js';
import { reviewOutcomeWorkflow } from '../shared/wiring/sfn.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async ({ caller, path }) => ({
  statusCode: 200,
  body: await completeReview(
    { repository: submissionRepository(), audit: auditLog(), clock, outcomeWorkflow: reviewOutcomeWorkflow(), timeZone: reviewSettings().timeZone },
    caller,
    path.submissionId ?? '',
  ),
}));

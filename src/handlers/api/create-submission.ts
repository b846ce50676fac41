import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { createSubmission } from '../../use-cases/create-submission.js';
import { auditLog, clock, documentStore, newId, reviewSettings, submissionRepository } from '../shared/adapters.js';
import { httpHandler } from '../shared/http.js';
import { metrics } from '../shared/powertools.js';

export const handler = httpHandler(async (request) => {
  const created = await createSubmission(
    { repository: submissionRepository(), store: documentStore(), audit: auditLog(), clock, newId, timeZone: reviewSettings().timeZone },
    request.caller,
    () => request.json(),
  );
  metrics.addMetric('SubmissionsCreated', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  return { statusCode: 201, body: created };
});

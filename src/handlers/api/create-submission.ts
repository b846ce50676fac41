import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { createSubmission } from '../../use-cases/create-submission.js';
import { auditLog, documentVersions, submissionRepository } from '../shared/wiring/dynamodb.js';
import { documentStore } from '../shared/wiring/s3.js';
import { clock, newId, reviewSettings } from '../shared/wiring/settings.js';
import { httpHandler } from '../shared/http.js';
import { metrics } from '../shared/powertools.js';

export const handler = httpHandler(async (request) => {
  const created = await createSubmission(
    { repository: submissionRepository(), store: documentStore(), audit: auditLog(), versions: documentVersions(), clock, newId, timeZone: reviewSettings().timeZone },
    request.caller,
    () => request.json(),
  );
  metrics.addMetric('SubmissionsCreated', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  return { statusCode: 201, body: created };
});

import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS } from '../../contract/service.js';
import { createSubmission } from '../../use-cases/create-submission.js';
import { auditLog } from '../shared/wiring/audit.js';
import { createRequests, documentVersions, submissionRepository } from '../shared/wiring/dynamodb.js';
import { documentStore } from '../shared/wiring/s3.js';
import { clock, newId, reviewSettings } from '../shared/wiring/settings.js';
import { httpHandler } from '../shared/http.js';
import { logger, metrics } from '../shared/powertools.js';

export const handler = httpHandler(async (request) => {
  const created = await createSubmission(
    {
      repository: submissionRepository(),
      createRequests: createRequests(),
      store: documentStore(),
      audit: auditLog(),
      versions: documentVersions(),
      clock,
      newId,
      timeZone: reviewSettings().timeZone,
      refusalNotAudited: (error) => {
        // The refusal still answers 4xx; the log line and the alarm keep it from going unnoticed.
        logger.error('Refusal not audited', { requestId: request.caller.requestId, userId: request.caller.userId, error: (error as Error)?.name ?? String(error) });
        metrics.addMetric(METRICS.refusalNotAudited, MetricUnit.Count, 1);
        metrics.publishStoredMetrics();
      },
    },
    request.caller,
    () => request.json(),
  );
  metrics.addMetric('SubmissionsCreated', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  return { statusCode: 201, body: created };
});

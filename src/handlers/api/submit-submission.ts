import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS } from '../../contract/service.js';
import { submitSubmission } from '../../use-cases/submit-submission.js';
import { auditLog } from '../shared/wiring/audit.js';
import { providerDirectory, submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { workflowStarter } from '../shared/wiring/sfn.js';
import { httpHandler } from '../shared/http.js';
import { metrics } from '../shared/powertools.js';

export const handler = httpHandler(async ({ caller, path }) => {
  const { result, failed } = await submitSubmission({ repository: submissionRepository(), workflow: workflowStarter(), audit: auditLog(), clock, directory: providerDirectory() }, caller, path.submissionId ?? '');
  if (failed) {
    metrics.addMetric(METRICS.processingFailed, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  }
  return { statusCode: 202, body: result };
});

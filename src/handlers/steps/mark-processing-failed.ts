import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS } from '../../contract/service.js';
import { markProcessingFailed } from '../../use-cases/mark-processing-failed.js';
import { auditLog } from '../shared/wiring/audit.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { metrics } from '../shared/powertools.js';
import { stepHandler } from '../shared/step.js';
import { positiveIntegerField, textField, uuidField } from '../shared/step-input.js';

/** The workflow's failure path: the alarm counts each failed attempt once. */
export const handler = stepHandler(
  'Processing failed',
  (event) => ({
    submissionId: uuidField(event, 'submissionId'),
    attempt: positiveIntegerField(event, 'attempt'),
    error: textField(event, 'error').slice(0, 200),
    executionId: textField(event, 'executionId'),
  }),
  async (input) => {
    const outcome = await markProcessingFailed({ repository: submissionRepository(), audit: auditLog(), clock }, input);
    if (outcome.newlyFailed) {
      metrics.addMetric(METRICS.processingFailed, MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    }
    return outcome;
  },
  (input, output) => ({ submissionId: input.submissionId, attempt: input.attempt, error: input.error, status: output.status }),
);

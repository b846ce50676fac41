import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { validateDocument } from '../../use-cases/validate-document.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { documentStore } from '../shared/wiring/s3.js';
import { logger, metrics } from '../shared/powertools.js';
import { documentStepInput } from '../shared/step-input.js';

export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const { submissionId, documentId } = documentStepInput.parse(event);
  const outcome = await validateDocument({ repository: submissionRepository(), store: documentStore() }, submissionId, documentId);
  logger.info('Document validated', { submissionId, documentId, valid: outcome.valid, issueCodes: outcome.issueCodes });
  metrics.addMetric(outcome.valid ? 'DocumentsValid' : 'DocumentsInvalid', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  return outcome;
};

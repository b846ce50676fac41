import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { validateDocument } from '../../use-cases/validate-document.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { documentStore } from '../shared/wiring/s3.js';
import { metrics } from '../shared/powertools.js';
import { stepHandler } from '../shared/step.js';
import { documentStepInput } from '../shared/step-input.js';

export const handler = stepHandler(
  'Document validated',
  documentStepInput,
  async ({ submissionId, documentId }) => {
    const outcome = await validateDocument({ repository: submissionRepository(), store: documentStore() }, submissionId, documentId);
    metrics.addMetric(outcome.valid ? 'DocumentsValid' : 'DocumentsInvalid', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    return outcome;
  },
  (input, output) => ({ ...input, valid: output.valid, issueCodes: output.issueCodes }),
);

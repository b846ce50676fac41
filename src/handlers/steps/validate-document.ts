import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS } from '../../contract/service.js';
import { validateDocument } from '../../use-cases/validate-document.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { malwareScanner } from '../shared/wiring/malware.js';
import { documentStore } from '../shared/wiring/s3.js';
import { clock } from '../shared/wiring/settings.js';
import { metrics } from '../shared/powertools.js';
import { stepHandler } from '../shared/step.js';
import { documentStepInput } from '../shared/step-input.js';

export const handler = stepHandler(
  'Document validated',
  documentStepInput,
  async ({ submissionId, documentId }) => {
    const deps = { repository: submissionRepository(), store: documentStore(), scanner: malwareScanner(), clock };
    const outcome = await validateDocument(deps, submissionId, documentId);
    metrics.addMetric(outcome.valid ? 'DocumentsValid' : 'DocumentsInvalid', MetricUnit.Count, 1);
    // Staff's alarm with either engine (GuardDuty's own finding event also reaches the alarm topic in AWS).
    if (outcome.malwareFound) metrics.addMetric(METRICS.malwareDetected, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    return outcome;
  },
  (input, output) => ({ ...input, valid: output.valid, issueCodes: output.issueCodes, malwareFound: output.malwareFound }),
);

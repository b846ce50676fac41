import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS } from '../../contract/service.js';
import { scanDocument } from '../../use-cases/scan-document.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { malwareScanner } from '../shared/wiring/malware.js';
import { clock } from '../shared/wiring/settings.js';
import { metrics } from '../shared/powertools.js';
import { stepHandler } from '../shared/step.js';
import { documentStepInput } from '../shared/step-input.js';

export const handler = stepHandler(
  'Document scanned for malware',
  documentStepInput,
  async ({ submissionId, documentId }) => {
    const outcome = await scanDocument({ repository: submissionRepository(), scanner: malwareScanner(), clock }, submissionId, documentId);
    if (outcome.malwareFound) {
      // Staff's alarm with either engine (GuardDuty's own finding event also reaches the alarm topic in AWS).
      metrics.addMetric(METRICS.malwareDetected, MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    }
    return outcome;
  },
  (input, output) => ({ ...input, verdict: output.verdict }),
);

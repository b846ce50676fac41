import type { Context } from 'aws-lambda';
import { scanDocument } from '../../use-cases/scan-document.js';
import { malwareScanner } from '../shared/wiring/malware.js';
import { logger } from '../shared/powertools.js';
import { documentStepInput } from '../shared/step-input.js';

export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const { submissionId, documentId } = documentStepInput.parse(event);
  const outcome = await scanDocument({ scanner: malwareScanner() }, submissionId, documentId);
  logger.info('Document scanned for malware', { submissionId, documentId, ...outcome });
  return outcome;
};

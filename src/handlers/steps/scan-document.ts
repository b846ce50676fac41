import { scanDocument } from '../../use-cases/scan-document.js';
import { malwareScanner } from '../shared/wiring/malware.js';
import { stepHandler } from '../shared/step.js';
import { documentStepInput } from '../shared/step-input.js';

export const handler = stepHandler(
  'Document scanned for malware',
  documentStepInput,
  ({ submissionId, documentId }) => scanDocument({ scanner: malwareScanner() }, submissionId, documentId),
  (input, output) => ({ ...input, ...output }),
);

import { snapshotDocument } from '../../use-cases/validate-document.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { documentStore } from '../shared/wiring/s3.js';
import { stepHandler } from '../shared/step.js';
import { documentStepInput } from '../shared/step-input.js';

export const handler = stepHandler(
  'Upload snapshotted',
  documentStepInput,
  ({ submissionId, documentId }) => snapshotDocument({ repository: submissionRepository(), store: documentStore() }, submissionId, documentId),
  (input, output) => ({ ...input, snapshotted: output.snapshotted }),
);

import { recordCredentials } from '../../use-cases/record-credentials.js';
import { auditLog } from '../shared/wiring/audit.js';
import { documentVersions, submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { stepHandler } from '../shared/step.js';
import { textField, uuidField } from '../shared/step-input.js';

export const handler = stepHandler(
  'Credentials recorded',
  (event) => ({ submissionId: uuidField(event, 'submissionId'), executionId: textField(event, 'executionId') }),
  ({ submissionId, executionId }) => recordCredentials({ repository: submissionRepository(), versions: documentVersions(), audit: auditLog(), clock }, submissionId, executionId),
  (input, output) => ({ submissionId: input.submissionId, recorded: output.recorded, superseded: output.superseded.length }),
);

import { notifyProvider } from '../../use-cases/notify-provider.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { mailer } from '../shared/wiring/ses.js';
import { branding } from '../shared/wiring/settings.js';
import { stepHandler } from '../shared/step.js';
import { oneOf, uuidField } from '../shared/step-input.js';

export const handler = stepHandler(
  'Provider notified',
  (event) => ({ submissionId: uuidField(event, 'submissionId'), kind: oneOf(event, 'kind', ['RECEIVED', 'REJECTED'] as const) }),
  ({ submissionId, kind }) => notifyProvider({ repository: submissionRepository(), mailer: mailer(), branding: branding() }, submissionId, kind),
  (input) => ({ ...input }),
);

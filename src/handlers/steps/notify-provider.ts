import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { notifyProvider } from '../../use-cases/notify-provider.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { mailer } from '../shared/wiring/ses.js';
import { branding } from '../shared/wiring/settings.js';
import { logger } from '../shared/powertools.js';

// zod/mini: the full zod adds ~440 KB to a bundle that checks two fields.
const input = z.object({ submissionId: z.uuid(), kind: z.enum(['RECEIVED', 'REJECTED']) });

export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const { submissionId, kind } = input.parse(event);
  const { messageId } = await notifyProvider({ repository: submissionRepository(), mailer: mailer(), branding: branding() }, submissionId, kind);
  logger.info('Provider notified', { submissionId, kind });
  return { messageId };
};

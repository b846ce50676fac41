import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { notifyProvider } from '../../use-cases/notify-provider.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { mailer } from '../shared/wiring/ses.js';
import { requireEnv } from '../shared/environment.js';
import { logger } from '../shared/powertools.js';

const input = z.object({ submissionId: z.uuid(), kind: z.enum(['RECEIVED', 'REJECTED']) });

export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const { submissionId, kind } = input.parse(event);
  const { messageId } = await notifyProvider({ repository: submissionRepository(), mailer: mailer(), portalUrl: requireEnv('PORTAL_URL') }, submissionId, kind);
  logger.info('Provider notified', { submissionId, kind });
  return { messageId };
};

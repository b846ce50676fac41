import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { recordWorkflowAudit } from '../../use-cases/record-workflow-audit.js';
import { auditLog, submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { logger } from '../shared/powertools.js';

const input = z.object({
  submissionId: z.uuid(),
  outcome: z.enum(['RECEIVED', 'REJECTED']),
  executionId: z.string().min(1),
  email: z.object({ value: z.object({ messageId: z.string().optional() }).optional(), Error: z.string().optional() }).loose(),
});

export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const parsed = input.parse(event);
  const result = await recordWorkflowAudit({ repository: submissionRepository(), audit: auditLog(), clock }, parsed);
  logger.info('Audit recorded', { submissionId: parsed.submissionId, events: result.recorded });
  return result;
};

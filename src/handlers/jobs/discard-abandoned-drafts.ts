/** Hourly (EventBridge): discards drafts never submitted within their lifetime, as of the event's time. */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { discardAbandonedDrafts } from '../../use-cases/discard-abandoned-drafts.js';
import { scheduledTime } from '../shared/scheduled.js';
import { logger } from '../shared/powertools.js';
import { auditLog } from '../shared/wiring/audit.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';

export async function handler(event: ScheduledEvent, context: Context) {
  logger.addContext(context);
  const result = await discardAbandonedDrafts({ repository: submissionRepository(), audit: auditLog(), clock }, scheduledTime(event, clock), event.id ?? context.awsRequestId);
  logger.info('Abandoned drafts discarded', result);
  return result;
}

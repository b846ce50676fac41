/** Weekly (EventBridge): the staff digest of reviews due or overdue, what expires soon and what expired, as of the event's time. */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { sendExpiryDigest } from '../../use-cases/send-expiry-digest.js';
import { logger } from '../shared/powertools.js';
import { scheduledTime } from '../shared/scheduled.js';
import { expirySchedule, submissionRepository } from '../shared/wiring/dynamodb.js';
import { mailer } from '../shared/wiring/ses.js';
import { branding, clock, reviewSettings } from '../shared/wiring/settings.js';

export async function handler(event: ScheduledEvent, context: Context) {
  logger.addContext(context);
  const report = await sendExpiryDigest({ schedule: expirySchedule(), reviews: submissionRepository(), mailer: mailer(), branding: branding(), timeZone: reviewSettings().timeZone }, scheduledTime(event, clock), event.id ?? context.awsRequestId);
  logger.info('Expiry digest', { ...report });
  return report;
}

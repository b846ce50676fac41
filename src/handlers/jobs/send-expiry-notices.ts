/** Daily (EventBridge): expiry reminders and "expired" notices for "today" — the event's time in the organisation's time zone. */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS } from '../../contract/service.js';
import { sendExpiryNotices } from '../../use-cases/send-expiry-notices.js';
import { logger, metrics } from '../shared/powertools.js';
import { scheduledTime } from '../shared/scheduled.js';
import { auditLog } from '../shared/wiring/audit.js';
import { expirySchedule } from '../shared/wiring/dynamodb.js';
import { mailer } from '../shared/wiring/ses.js';
import { branding, clock, reviewSettings } from '../shared/wiring/settings.js';

export async function handler(event: ScheduledEvent, context: Context) {
  logger.addContext(context);
  const report = await sendExpiryNotices(
    { schedule: expirySchedule(), mailer: mailer(), audit: auditLog(), clock, branding: branding(), timeZone: reviewSettings().timeZone },
    scheduledTime(event, clock),
    event.id ?? context.awsRequestId,
  );
  metrics.addMetric('ExpiryNoticesSent', MetricUnit.Count, report.sent.length);
  metrics.addMetric('ExpiryNoticesFailed', MetricUnit.Count, report.failed.length);
  metrics.addMetric(METRICS.expiryNoticesUnconfirmed, MetricUnit.Count, report.unconfirmed.length);
  metrics.publishStoredMetrics();
  logger.info('Expiry notices sent', { today: report.today, itemsRead: report.itemsRead, sent: report.sent.length, skipped: report.skipped.length, failed: report.failed.length, unconfirmed: report.unconfirmed, unscheduled: report.unscheduled.length });
  // A failed send is retried by the next run; the function fails so the error alarm sees it now.
  if (report.failed.length > 0) throw new Error(`${report.failed.length} expiry notices could not be sent; the next run retries them`);
  return report;
}

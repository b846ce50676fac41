/**
 * Expiry, on a schedule (README "Versions and expiry"): a daily job sends reminders and "expired"
 * notices and marks documents EXPIRED; a weekly job sends the staff digest. Both take "today"
 * from their event's time in the organisation's time zone, so a late or repeated run acts for
 * its scheduled day. Each function may query its own index, update what it records, and send
 * email — nothing more.
 */
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import type { DataLayer } from './data-layer.js';
import type { EmailSending } from './email-sending.js';
import { markScheduledJob } from './scheduled-job.js';
import { ServiceFunction } from './service-function.js';

export interface ExpiryJobsProps {
  readonly data: DataLayer;
  /** Sends the reminders, the "expired" notices and the digest (to the office's address). */
  readonly email: EmailSending;
}

/** 13:00 UTC: 8 or 9 in the morning on the US east coast, before office hours further west. */
const MORNING = { minute: '0', hour: '13' };

export class ExpiryJobs extends Construct {
  readonly reminders: ServiceFunction;
  readonly digest: ServiceFunction;
  readonly functions: readonly ServiceFunction[];

  constructor(scope: Construct, id: string, props: ExpiryJobsProps) {
    super(scope, id);
    const { key, intakeTable, auditTable } = props.data;

    this.reminders = props.email.allowSending(
      new ServiceFunction(this, 'ExpiryRemindersFn', {
        entry: 'src/handlers/jobs/send-expiry-notices.ts',
        description: 'Daily: expiry reminders and expired notices; marks documents EXPIRED',
        key,
        timeout: Duration.minutes(5),
      })
        .bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byNextNotice)
        .bindIntakeTable(intakeTable, 'UpdateItem')
        .bindAuditAppend(auditTable),
    );
    const daily = new events.Rule(this, 'DailySchedule', {
      description: 'Expiry reminders, every morning',
      schedule: events.Schedule.cron(MORNING),
      // A failed run's notices are simply the next run's: claims are withdrawn when a send fails.
      targets: [new targets.LambdaFunction(this.reminders.function, { retryAttempts: 2, maxEventAge: Duration.hours(6) })],
    });
    markScheduledJob(daily, 'expiryReminders');

    this.digest = props.email.allowSending(
      new ServiceFunction(this, 'ExpiryDigestFn', {
        entry: 'src/handlers/jobs/send-expiry-digest.ts',
        description: 'Weekly: the staff digest of documents expiring soon and expired',
        key,
        timeout: Duration.minutes(2),
      })
        .bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byExpiration)
        .bindIntakeTable(intakeTable, 'PutItem', 'UpdateItem'),
    );
    const weekly = new events.Rule(this, 'WeeklySchedule', {
      description: 'Staff expiry digest, every Monday morning',
      schedule: events.Schedule.cron({ ...MORNING, weekDay: 'MON' }),
      targets: [new targets.LambdaFunction(this.digest.function, { retryAttempts: 2, maxEventAge: Duration.hours(6) })],
    });
    markScheduledJob(weekly, 'expiryDigest');
    this.functions = [this.reminders, this.digest];
  }
}

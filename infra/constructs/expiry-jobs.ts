/**
 * Expiry, on a schedule (docs/versions-and-expiry.md "Expiry"): a daily job sends reminders and
 * "expired" notices and marks documents EXPIRED; a weekly job sends the staff digest. Both take
 * "today" from their event's time in the organisation's time zone, so a late or repeated run acts
 * for its scheduled day. Each function may query its own index, update what it records, and send
 * email — nothing more.
 */
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import type { DataLayer } from './data-layer.js';
import type { EmailSending } from './email-sending.js';
import { scheduledFunction, type ScheduledFunctionProps } from './scheduled-job.js';
import type { ServiceFunction } from './service-function.js';

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
    const { key, intakeTable, audit } = props.data;
    // A function that sends email, on its schedule; a failed run's work is simply the next run's (claims are withdrawn when a send fails).
    const scheduled = (fnId: string, spec: Pick<ScheduledFunctionProps, 'job' | 'entry' | 'description' | 'timeout' | 'schedule'>) =>
      props.email.allowSending(scheduledFunction(this, fnId, { ...spec, key, ruleId: `${fnId}Schedule`, retry: { attempts: 2, maxEventAge: Duration.hours(6) } }).fn);

    this.reminders = scheduled('ExpiryRemindersFn', {
      job: 'expiryReminders',
      entry: 'src/handlers/jobs/send-expiry-notices.ts',
      description: 'Daily: expiry reminders and expired notices; marks documents EXPIRED',
      timeout: Duration.minutes(5),
      schedule: events.Schedule.cron(MORNING),
    })
      .bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byNextNotice)
      .bindIntakeTable(intakeTable, 'UpdateItem')
      .bindAuditAppend(audit);

    this.digest = scheduled('ExpiryDigestFn', {
      job: 'expiryDigest',
      entry: 'src/handlers/jobs/send-expiry-digest.ts',
      description: 'Weekly (Mondays): the staff digest of reviews due or overdue, documents expiring soon and expired',
      timeout: Duration.minutes(2),
      schedule: events.Schedule.cron({ ...MORNING, weekDay: 'MON' }),
    })
      .bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byExpiration, INTAKE_INDEXES.reviewQueue)
      .bindIntakeTable(intakeTable, 'PutItem', 'UpdateItem');
    this.functions = [this.reminders, this.digest];
  }
}

/**
 * The expiry jobs of a running local stack, run for a date as their schedules would at 13:00 UTC
 * that day: `invokeJob` calls the job's function through the local Lambda Invoke API, exactly as
 * `npm run job -- expiry-reminders --date …` does; `runExpiryReminders` wires the job's use case
 * with the handler's adapters, for tests that swap one for a fault (a failing mailer, a later clock).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/local-aws.js';
import { scheduledEvent, type Schedule } from '../local/scheduled-event.js';
import { S3Client } from '@aws-sdk/client-s3';
import { S3AuditAnchors } from '../src/adapters/s3-audit-anchors.js';
import { DynamoDbAuditLog } from '../src/adapters/dynamodb-audit-log.js';
import { DynamoDbExpirySchedule } from '../src/adapters/dynamodb-expiry-schedule.js';
import { SesMailer } from '../src/adapters/ses-mailer.js';
import { systemClock } from '../src/adapters/system-clock.js';
import { DEFAULT_OFFICE_TIME_ZONE } from '../src/contract/office.js';
import { chainAuditEvent, GENESIS_HASH } from '../src/domain/audit.js';
import type { AuditLog } from '../src/ports/audit-log.js';
import type { ExpirySchedule } from '../src/ports/expiry-schedule.js';
import type { Mailer } from '../src/ports/mailer.js';
import type { ExpiryDigestReport } from '../src/use-cases/send-expiry-digest.js';
import { sendExpiryNotices, type ExpiryNoticeDeps, type ExpiryNoticeReport } from '../src/use-cases/send-expiry-notices.js';

/** What the jobs need of a running local stack (`.data/stack.json` has it). */
export interface JobTarget {
  endpoints: { dynamodb: string; ses: string; lambda: string; s3: string };
  tables: { intake: string; audit: string };
  auditAnchorBucketName: string;
  portalUrl: string;
  schedules: Schedule[];
}

/** The event time a daily schedule at 13:00 UTC has on `date`. */
export const scheduleTime = (date: string) => new Date(`${date}T13:00:00Z`);

/** Invokes a scheduled job's function with the event its rule sends on `date`; answers its report. */
export async function invokeJob<Report>(stack: JobTarget, job: 'expiryReminders' | 'expiryDigest', date: string): Promise<Report> {
  const schedule = stack.schedules.find((candidate) => candidate.job === job);
  if (!schedule) throw new Error(`The template has no scheduled job ${job}`);
  const lambda = new LambdaClient({ endpoint: stack.endpoints.lambda, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const result = await lambda.send(new InvokeCommand({ FunctionName: schedule.functionName, Payload: JSON.stringify(scheduledEvent(schedule, scheduleTime(date))) }));
    const payload = result.Payload ? (JSON.parse(Buffer.from(result.Payload).toString('utf8')) as unknown) : null;
    if (result.FunctionError) throw new Error(`Job ${job} failed for ${date}: ${JSON.stringify(payload)}`);
    return payload as Report;
  } finally {
    lambda.destroy();
  }
}

export const runExpiryDigest = (stack: JobTarget, date: string) => invokeJob<ExpiryDigestReport>(stack, 'expiryDigest', date);

/** The job's dependencies as its handler wires them (the template's defaults for the office). */
export function expiryJobDeps(stack: JobTarget): ExpiryNoticeDeps {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }), { marshallOptions: { removeUndefinedValues: true } });
  return {
    schedule: new DynamoDbExpirySchedule(db, stack.tables.intake),
    mailer: new SesMailer(new SESv2Client({ endpoint: stack.endpoints.ses, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }), 'credentialing@example.org'),
    audit: new DynamoDbAuditLog(db, stack.tables.audit, new S3AuditAnchors(new S3Client({ endpoint: stack.endpoints.s3, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true }), stack.auditAnchorBucketName)),
    clock: systemClock,
    branding: { organizationName: 'Riverside Medical Group', officeName: 'Credentialing Office', contactEmail: 'credentialing@example.org', contactPhone: '+1 (555) 010-0123', portalUrl: stack.portalUrl },
    timeZone: DEFAULT_OFFICE_TIME_ZONE,
  };
}

let runs = 0;

/** The daily job for `date`: invoked through Lambda, or run in this process with some of its dependencies replaced. */
export function runExpiryReminders(stack: JobTarget, date: string, replaced?: Partial<ExpiryNoticeDeps>): Promise<ExpiryNoticeReport> {
  if (!replaced) return invokeJob<ExpiryNoticeReport>(stack, 'expiryReminders', date);
  return sendExpiryNotices({ ...expiryJobDeps(stack), ...replaced }, scheduleTime(date), `test-run-${++runs}`);
}

/** What the daily job would send on a date, read from the stack and written nowhere. */
export interface ExpiryReminderPreview {
  report: ExpiryNoticeReport;
  emails: { to: string; subject: string }[];
}

/**
 * The daily job for `date` as a dry run: the real due query and the real rules, but claims,
 * records, the EXPIRED status and audit events are not written and no email is sent.
 */
export async function previewExpiryReminders(stack: JobTarget, date: string): Promise<ExpiryReminderPreview> {
  const deps = expiryJobDeps(stack);
  const emails: ExpiryReminderPreview['emails'] = [];
  const real = deps.schedule;
  const readOnly: ExpirySchedule = {
    listDue: (today, limit, nextToken) => real.listDue(today, limit, nextToken),
    listExpiring: (from, to, limit, nextToken) => real.listExpiring(from, to, limit, nextToken),
    claim: async () => true,
    confirm: async () => undefined,
    release: async () => undefined,
    reschedule: async () => true,
    claimDigest: async () => false,
    releaseDigest: async () => undefined,
  };
  const mailer: Mailer = { send: async ({ to, subject }) => (emails.push({ to, subject }), { messageId: `dry-run-${emails.length}` }) };
  // The event each notice would have, computed (chained to nothing) and never stored.
  const audit: AuditLog = { record: async (event) => chainAuditEvent(event, 0, GENESIS_HASH), list: async () => [], anchors: (chain, sequences) => deps.audit.anchors(chain, sequences) };
  const report = await sendExpiryNotices({ ...deps, schedule: readOnly, mailer, audit }, scheduleTime(date), 'dry-run');
  return { report, emails };
}

/**
 * Runs the expiry jobs of a local stack for a date, as their schedules would at 13:00 UTC that
 * day, with the adapters their handlers wire (tests may swap one for a fault: a failing mailer,
 * a later clock).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/provision.js';
import { DynamoDbAuditLog } from '../src/adapters/dynamodb-audit-log.js';
import { DynamoDbExpirySchedule } from '../src/adapters/dynamodb-expiry-schedule.js';
import { SesMailer } from '../src/adapters/ses-mailer.js';
import { systemClock } from '../src/adapters/system-clock.js';
import { sendExpiryDigest, type ExpiryDigestReport } from '../src/use-cases/send-expiry-digest.js';
import { sendExpiryNotices, type ExpiryNoticeDeps, type ExpiryNoticeReport } from '../src/use-cases/send-expiry-notices.js';

/** What the jobs need of a running local stack (`.data/stack.json` has it). */
export interface JobTarget {
  endpoints: { dynamodb: string; ses: string };
  tables: { intake: string; audit: string };
  portalUrl: string;
}

/** The event time a daily schedule at 13:00 UTC has on `date`. */
export const scheduleTime = (date: string) => new Date(`${date}T13:00:00Z`);

/** The job's dependencies as its handler wires them (the template's defaults for the office). */
export function expiryJobDeps(stack: JobTarget): ExpiryNoticeDeps {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }), { marshallOptions: { removeUndefinedValues: true } });
  return {
    schedule: new DynamoDbExpirySchedule(db, stack.tables.intake),
    mailer: new SesMailer(new SESv2Client({ endpoint: stack.endpoints.ses, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }), 'credentialing@example.org'),
    audit: new DynamoDbAuditLog(db, stack.tables.audit),
    clock: systemClock,
    branding: { organizationName: 'Riverside Medical Group', officeName: 'Credentialing Office', contactEmail: 'credentialing@example.org', contactPhone: '+1 (555) 010-0123', portalUrl: stack.portalUrl },
    timeZone: 'America/New_York',
  };
}

let runs = 0;

export function runExpiryReminders(stack: JobTarget, date: string, deps: Partial<ExpiryNoticeDeps> = {}): Promise<ExpiryNoticeReport> {
  return sendExpiryNotices({ ...expiryJobDeps(stack), ...deps }, scheduleTime(date), `test-run-${++runs}`);
}

export function runExpiryDigest(stack: JobTarget, date: string): Promise<ExpiryDigestReport> {
  return sendExpiryDigest(expiryJobDeps(stack), scheduleTime(date), `test-run-${++runs}`);
}

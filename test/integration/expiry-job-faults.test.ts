/**
 * One expiry notice against faults and races, on the local runtime: an audit write that fails
 * after the email went out, a renewal received before the next run or while the reminder is being
 * sent, and `npm run job -- expiry-reminders --dry-run`, which reads the schedule and changes nothing.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/project-root.js';
import { addDays } from '../../src/domain/dates.js';
import type { AuditLog } from '../../src/ports/audit-log.js';
import type { Mailer } from '../../src/ports/mailer.js';
import { callApi, type Email } from '../../testkit/local-api.js';
import { expiryJobDeps, runExpiryReminders } from '../../testkit/expiry-jobs.js';
import { expiryTestActions, written } from './support/expiry.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';
import { daysFromToday, dea, license, type Submitted } from './support/submissions.js';

const local = useLocalRuntime('expiry-job-faults');
const TODAY = daysFromToday(0);
const on = (days: number) => addDays(TODAY, days);
const { submitted, newMail, auditOf } = expiryTestActions(local);

/** The job's audit log, refusing (throttled) every event about one document. */
function auditRefusing(documentId: string): AuditLog {
  const real = expiryJobDeps(local.stack).audit;
  const throttled = () => Promise.reject(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }));
  return { list: (id) => real.list(id), anchors: (chain, sequences) => real.anchors(chain, sequences), record: (event) => (event.details.documentId === documentId ? throttled() : real.record(event)) };
}

describe('a reminder whose audit event could not be written', () => {
  it('is sent once, never called unconfirmed, and its audit event is written by the next run', async () => {
    // Prepare: Michael's DEA registration 40 days from expiry on day 100; the audit log refuses its reminder's event once
    const dueOn = on(100);
    const registration = await submitted(MICHAEL, [dea(addDays(dueOn, 40), { details: { deaNumber: 'AB1234563', jurisdiction: 'TX' } })]);
    const documentId = registration.documents[0]!.documentId;
    const refusing = auditRefusing(documentId);
    const mine = (mail: Email[]) => mail.filter((email) => email.body.text?.includes(documentId));

    // Act: the run whose audit write fails, the next run that day, and one after the claim's lease
    let first!: Awaited<ReturnType<typeof runExpiryReminders>>;
    const sent = mine(await newMail(async () => (first = await runExpiryReminders(local.stack, dueOn, { audit: refusing }))));
    const again = mine(await newMail(() => runExpiryReminders(local.stack, dueOn)));
    let afterLease!: Awaited<ReturnType<typeof runExpiryReminders>>;
    const later = mine(await newMail(async () => (afterLease = await runExpiryReminders(local.stack, dueOn, { clock: { now: () => new Date(Date.now() + 16 * 60_000) } }))));

    // Assess: one email, one audit event naming it, nothing unconfirmed, and the next reminder still to come
    expect(sent.map((email) => email.subject)).toEqual([`Reminder: your DEA Registration (TX) expires in 40 days — ${written(addDays(dueOn, 40))}`]);
    expect(first.failed).toEqual([{ documentId, notice: 'D60', error: 'ProvisionedThroughputExceededException' }]);
    expect([again, later]).toEqual([[], []]);
    expect(afterLease.unconfirmed).toEqual([]);
    const events = (await auditOf(registration.submissionId)).events.filter((e) => e.type === 'EXPIRY_REMINDER_SENT');
    expect(events.map((e) => e.details)).toEqual([expect.objectContaining({ documentId, notice: 'D60', daysLeft: 40, emailMessageId: sent[0]!.messageId, skippedNotices: ['D90'] })]);
    expect(mine(await newMail(() => runExpiryReminders(local.stack, addDays(dueOn, 10)))).map((email) => email.subject)).toEqual([`Reminder: your DEA Registration (TX) expires in 30 days — ${written(addDays(dueOn, 40))}`]);
  });
});

describe('a document renewed while its reminder is on the way', () => {
  const renewal = (of: Submitted, deaNumber: string, expires: string) => dea(expires, { details: { deaNumber, jurisdiction: 'WA' }, replacesDocumentId: of.documents[0]!.documentId });
  const intakeItem = async (submitted: Submitted) => (await callApi(local.stack, 'GET', `/submissions/${submitted.submissionId}`, local.tokens[STAFF]!)).body.documents[0] as { status: string };

  it('still gets the audit event of a reminder sent before the renewal, exactly once, and nothing more', async () => {
    // Prepare: Michael's WA registration 40 days from expiry on day 200; its reminder's audit write fails, then he renews
    const dueOn = on(200);
    const registration = await submitted(MICHAEL, [dea(addDays(dueOn, 40), { details: { deaNumber: 'BC9753105', jurisdiction: 'WA' } })]);
    const documentId = registration.documents[0]!.documentId;
    const refusing = auditRefusing(documentId);
    const mine = (mail: Email[]) => mail.filter((email) => email.body.text?.includes(documentId));
    const sent = mine(await newMail(() => runExpiryReminders(local.stack, dueOn, { audit: refusing })));
    await submitted(MICHAEL, [renewal(registration, 'BC9753105', addDays(dueOn, 40 + 1095))]);

    // Act: the next run that day, and one a day later
    const next = mine(await newMail(() => runExpiryReminders(local.stack, dueOn)));
    const dayAfter = await runExpiryReminders(local.stack, addDays(dueOn, 1), {});

    // Assess: the one email's event is in the trail, no second email, and the superseded registration is off the schedule
    expect(sent).toHaveLength(1);
    expect(next).toEqual([]);
    expect((await intakeItem(registration)).status).toBe('SUPERSEDED');
    const events = (await auditOf(registration.submissionId)).events.filter((e) => e.type === 'EXPIRY_REMINDER_SENT');
    expect(events.map((e) => e.details)).toEqual([expect.objectContaining({ documentId, notice: 'D60', daysLeft: 40, emailMessageId: sent[0]!.messageId })]);
    expect([...dayAfter.sent, ...dayAfter.unscheduled, ...dayAfter.failed].filter((entry) => JSON.stringify(entry).includes(documentId))).toEqual([]);
  });

  it('leaves the schedule when the renewal lands while the reminder is being sent', async () => {
    // Prepare: Michael's WA registration 50 days from expiry on day 300; he renews while its 60-day reminder is being sent
    const dueOn = on(300);
    const registration = await submitted(MICHAEL, [dea(addDays(dueOn, 50), { details: { deaNumber: 'BC8642010', jurisdiction: 'WA' } })]);
    const documentId = registration.documents[0]!.documentId;
    const real = expiryJobDeps(local.stack).mailer;
    const renewingMeanwhile: Mailer = {
      send: async (message) => {
        if (message.text.includes(documentId)) await submitted(MICHAEL, [renewal(registration, 'BC8642010', addDays(dueOn, 50 + 1095))]);
        return real.send(message);
      },
    };

    // Act: the run that sends the reminder, then the day its 30-day reminder would have been due
    const first = await runExpiryReminders(local.stack, dueOn, { mailer: renewingMeanwhile });
    // In this process: the due query's test left index items without owners, which fail by then.
    const later = await runExpiryReminders(local.stack, addDays(dueOn, 20), {});

    // Assess: sent and audited once; the superseded registration is not read again
    expect(first.sent.filter((entry) => entry.documentId === documentId).map((entry) => entry.notice)).toEqual(['D60']);
    expect((await intakeItem(registration)).status).toBe('SUPERSEDED');
    expect((await auditOf(registration.submissionId)).events.filter((e) => e.type === 'EXPIRY_REMINDER_SENT')).toHaveLength(1);
    expect([...later.sent, ...later.unscheduled, ...later.failed].filter((entry) => JSON.stringify(entry).includes(documentId))).toEqual([]);
  });
});

describe('npm run job -- expiry-reminders --dry-run', () => {
  const runJob = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/run-job.ts'), ...args], { cwd: PROJECT_ROOT, env: { ...process.env, LOCAL_STACK_FILE: path.join(local.dataDir, 'stack.json') } }).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
    );

  it('lists the emails a future day would send and the documents it would mark expired, and changes nothing', async () => {
    // Prepare: Emily's Oregon license expiring on day 400
    const expires = on(400);
    const oregon = await submitted(EMILY, [license(expires, { details: { licenseNumber: 'MD-204466', jurisdiction: 'OR' }, issuingAuthority: 'Oregon Medical Board' })]);
    const documentId = oregon.documents[0]!.documentId;

    // Act: the day it expires and the day its 30-day reminder is due, as dry runs, then the refusal for another job
    let expiredDay!: Awaited<ReturnType<typeof runJob>>;
    let reminderDay!: Awaited<ReturnType<typeof runJob>>;
    const mail = await newMail(async () => {
      expiredDay = await runJob('expiry-reminders', '--date', expires, '--dry-run');
      reminderDay = await runJob('expiry-reminders', '--date', addDays(expires, -30), '--dry-run');
    });
    const digest = await runJob('expiry-digest', '--dry-run');

    // Assess: what would happen is printed; the document, the mailbox and the trail are as they were
    expect(expiredDay.code, expiredDay.output).toBe(0);
    expect(expiredDay.output).toContain(`Dry run of expiry-reminders for ${expires}`);
    expect(expiredDay.output).toContain(`${EMILY} — Your Medical License (OR) expired on ${written(expires)} — please upload the renewal`);
    expect(expiredDay.output).toContain(`Would mark expired: ${documentId}`);
    expect(reminderDay.output).toContain(`${EMILY} — Reminder: your Medical License (OR) expires in 30 days — ${written(expires)}`);
    expect(reminderDay.output).toContain('Would mark expired: none');
    expect(mail).toEqual([]);
    const stored = (await callApi(local.stack, 'GET', `/submissions/${oregon.submissionId}`, local.tokens[EMILY]!)).body as Submitted;
    expect(stored.documents[0]!.status).toBe('PENDING_REVIEW');
    expect((await auditOf(oregon.submissionId)).events.map((e) => e.type)).not.toContain('EXPIRY_REMINDER_SENT');
    expect(digest.code).toBe(1);
    expect(digest.output).toContain('--dry-run is for expiry-reminders only');
    // The real run for the reminder day still sends the reminder the dry run showed.
    const real = await newMail(() => runExpiryReminders(local.stack, addDays(expires, -30), {}));
    expect(real.filter((email) => email.body.text?.includes(documentId)).map((email) => email.subject)).toEqual([`Reminder: your Medical License (OR) expires in 30 days — ${written(expires)}`]);
  });
});

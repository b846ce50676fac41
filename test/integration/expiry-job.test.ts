/**
 * The expiry jobs against the local runtime, invoked through its Lambda Invoke API for chosen
 * dates as their schedules would (a fault-injecting run wires the use case here instead):
 * which emails arrive and when, exactly once, EXPIRED on the date, nothing for superseded
 * documents, the weekly digest, a renewal's calendar event, and a due-query whose reads do not grow with documents not due.
 * Faults and races around one notice are in expiry-job-faults.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { noticeIndexAttributes } from '../../src/adapters/dynamodb-expiry-schedule.js';
import { documentKey } from '../../src/adapters/dynamodb-intake-items.js';
import type { Mailer } from '../../src/ports/mailer.js';
import { callApi, mailbox } from '../../testkit/local-api.js';
import { runExpiryDigest, runExpiryReminders } from '../../testkit/expiry-jobs.js';
import { expiryTestActions, written } from './support/expiry.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';
import { cv, daysFromToday, dea, license, type Submitted } from './support/submissions.js';

const local = useLocalRuntime('expiry-job');
// The office's date, as the jobs and the API count days (from midnight UTC until midnight in New York the UTC date is a day ahead).
const TODAY = daysFromToday(0);
const on = (days: number) => addDays(TODAY, days);

const { submitted, newMail, auditOf } = expiryTestActions(local);

/** Once a run has claimed the document's notice (SENDING), as the table holds it. */
async function claimed(submissionId: string, documentId: string, notice: string): Promise<void> {
  for (let read = 0; read < 200; read++) {
    const { Item } = await local.db.send(new GetCommand({ TableName: local.stack.tables.intake, Key: documentKey(submissionId, documentId) }));
    if (Item?.notices?.[notice]?.state === 'SENDING') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No run claimed ${notice} of ${documentId}`);
}

let expiring: Submitted; // Emily's license, expiring in 20 days
let later: Submitted; // Emily's DEA registration, in 150 days
let replaced: Submitted; // a license she renews before any reminder
let michaels: Submitted; // Michael's license, in 35 days
const licenseId = () => expiring.documents[0]!.documentId;

describe('daily expiry reminders', () => {
  it('sends the 30-day reminder for a license with 20 days left, with its number, date, days left, renewal link and calendar file', async () => {
    // Prepare: submitted side by side, as providers do; only the renewal waits for what it renews
    [expiring, later, replaced, michaels] = await Promise.all([
      submitted(EMILY, [license(on(20)), cv()]),
      submitted(EMILY, [dea(on(150))]),
      submitted(EMILY, [license(on(25), { details: { licenseNumber: 'NY-778812', jurisdiction: 'NY' }, issuingAuthority: 'New York State Education Department' })]),
      submitted(MICHAEL, [license(on(35), { details: { licenseNumber: 'G-55123', jurisdiction: 'CA' } })]),
    ]);
    await submitted(EMILY, [license(on(25 + 730), { details: { licenseNumber: 'NY-778812', jurisdiction: 'NY' }, issuingAuthority: 'New York State Education Department', replacesDocumentId: replaced.documents[0]!.documentId })]);

    // Act
    let report!: Awaited<ReturnType<typeof runExpiryReminders>>;
    const mail = await newMail(async () => (report = await runExpiryReminders(local.stack, TODAY)));

    // Assess: one email each for Emily's license (20 days) and Michael's (35 days: the 60-day reminder)
    expect(mail.map((email) => [email.destination.to[0], email.subject]).sort()).toEqual([
      [EMILY, `Reminder: your Medical License (CA) expires in 20 days — ${written(on(20))}`],
      [MICHAEL, `Reminder: your Medical License (CA) expires in 35 days — ${written(on(35))}`],
    ]);
    const email = mail.find((e) => e.destination.to[0] === EMILY)!;
    const text = email.body.text!;
    expect(text).toContain('License number: A123456');
    expect(text).toContain(`Days left: 20`);
    expect(text).toContain(new Date(`${on(20)}T00:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }));
    expect(text).toContain(`${local.stack.portalUrl}/upload?replaces=${licenseId()}`);
    expect(email.body.html).toContain(`href="${local.stack.portalUrl}/upload?replaces=${licenseId()}"`);
    expect(email.attachments?.map((a) => [a.filename, a.contentType])).toEqual([[`medical-license-expires-${on(20)}.ics`, 'text/calendar']]);
    expect(Buffer.from(email.attachments![0]!.content, 'base64').toString('utf8')).toContain(`DTSTART;VALUE=DATE:${on(20).replaceAll('-', '')}`);
    expect(report.sent.map((s) => s.notice).sort()).toEqual(['D30', 'D60']);
    expect(report.skipped).toEqual(expect.arrayContaining([{ documentId: licenseId(), notice: 'D90' }, { documentId: licenseId(), notice: 'D60' }]));
    const audit = await auditOf(expiring.submissionId);
    expect(audit.chainIntact).toBe(true);
    expect(audit.events.filter((e) => e.type === 'EXPIRY_REMINDER_SENT').map((e) => e.details)).toEqual([
      expect.objectContaining({ documentId: licenseId(), notice: 'D30', daysLeft: 20, expirationDate: on(20), emailMessageId: email.messageId, skippedNotices: ['D90', 'D60'] }),
    ]);
  });

  it('sends nothing when it runs again the same day, or twice at once the next day', async () => {
    const again = await newMail(() => runExpiryReminders(local.stack, TODAY));
    const twice = await newMail(() => Promise.all([runExpiryReminders(local.stack, on(1)), runExpiryReminders(local.stack, on(1))]));
    expect([again, twice]).toEqual([[], []]);
  });

  it('sends each later threshold on its day, only the latest after missed days, and EXPIRED on the date', async () => {
    const subjects = async (date: string) => (await newMail(() => runExpiryReminders(local.stack, date))).filter((e) => e.destination.to[0] === EMILY).map((e) => e.subject);
    expect(await subjects(on(6))).toEqual([`Reminder: your Medical License (CA) expires in 14 days — ${written(on(20))}`]);
    // Days 13 to 18 missed: on day 19 only the 1-day reminder, not the 7-day one as well.
    expect(await subjects(on(19))).toEqual([`Reminder: your Medical License (CA) expires tomorrow — ${written(on(20))}`]);
    expect(await subjects(on(20))).toEqual([`Your Medical License (CA) expired on ${written(on(20))} — please upload the renewal`]);
    expect(await subjects(on(20))).toEqual([]);
    expect(await subjects(on(23))).toEqual([]);

    const submission = await callApi(local.stack, 'GET', `/submissions/${expiring.submissionId}`, local.tokens[EMILY]!);
    expect(submission.body.documents.map((d: { documentType: string; status: string }) => [d.documentType, d.status])).toEqual([
      ['MEDICAL_LICENSE', 'EXPIRED'],
      ['CURRICULUM_VITAE', 'PENDING_REVIEW'],
    ]);
    const events = (await auditOf(expiring.submissionId)).events;
    expect(events.filter((e) => e.type === 'EXPIRY_REMINDER_SENT').map((e) => e.details.notice)).toEqual(['D30', 'D14', 'D1']);
    expect(events.filter((e) => e.type === 'DOCUMENT_EXPIRED').map((e) => e.details)).toEqual([expect.objectContaining({ documentId: licenseId(), notice: 'EXPIRED', daysLeft: 0, skippedNotices: [] })]);
    const credential = (await callApi(local.stack, 'GET', '/credentials', local.tokens[EMILY]!)).body.credentials.find((c: { current: { documentId: string } }) => c.current.documentId === licenseId());
    expect(credential).toMatchObject({ standing: 'EXPIRED', action: 'RENEW', daysToExpiry: expect.any(Number) });
  });

  it('reminds of the DEA registration after missed days with the latest threshold only, and never the superseded license', async () => {
    // The job did not run from day 24 to day 99: the 90-day reminder (day 60) is skipped, the 60-day one sent.
    const mail = await newMail(() => runExpiryReminders(local.stack, on(100)));
    expect(mail.filter((e) => e.destination.to[0] === EMILY).map((e) => e.subject)).toEqual([`Reminder: your DEA Registration (CA) expires in 50 days — ${written(on(150))}`]);
    const all = await mailbox(local.stack);
    expect(all.filter((e) => e.body.text?.includes(replaced.documents[0]!.documentId))).toEqual([]);
    expect((await auditOf(later.submissionId)).events.filter((e) => e.type === 'EXPIRY_REMINDER_SENT').map((e) => [e.details.notice, e.details.skippedNotices])).toEqual([['D60', ['D90']]]);
  });

  it('retries a reminder whose email failed at the next run, and never resends one whose run died after claiming it', async () => {
    // Prepare: a license 14 days from expiry; SES refuses the first attempt
    const failing: Mailer = { send: async () => Promise.reject(Object.assign(new Error('SES is down'), { name: 'ServiceUnavailable' })) };
    const retried = await submitted(MICHAEL, [dea(on(14))]);
    const first = await runExpiryReminders(local.stack, TODAY, { mailer: failing });
    expect(first.failed).toEqual([{ documentId: retried.documents[0]!.documentId, notice: 'D14', error: 'ServiceUnavailable' }]);
    const sent = await newMail(() => runExpiryReminders(local.stack, TODAY));
    expect(sent.map((e) => e.subject)).toEqual([`Reminder: your DEA Registration (CA) expires in 14 days — ${written(on(14))}`]);

    // Prepare: a run claims the 7-day reminder and dies before sending (its mailer never answers)
    const hanging: Mailer = { send: () => new Promise(() => undefined) };
    void runExpiryReminders(local.stack, on(7), { mailer: hanging });
    await claimed(retried.submissionId, retried.documents[0]!.documentId, 'D7');
    // Act: within the claim's lease nothing happens; after it, the notice is recorded unconfirmed, never resent
    const during = await newMail(() => runExpiryReminders(local.stack, on(7)));
    const later16min = { now: () => new Date(Date.now() + 16 * 60_000) };
    let report!: Awaited<ReturnType<typeof runExpiryReminders>>;
    const after = await newMail(async () => (report = await runExpiryReminders(local.stack, on(7), { clock: later16min })));
    // Assess
    expect([during, after]).toEqual([[], []]);
    expect(report.unconfirmed).toEqual([{ documentId: retried.documents[0]!.documentId, notice: 'D7' }]);
    expect((await newMail(() => runExpiryReminders(local.stack, on(13)))).map((e) => e.subject)).toEqual([`Reminder: your DEA Registration (CA) expires tomorrow — ${written(on(14))}`]);
  });
});

describe('the due query', () => {
  it('reads only due documents, however many are on the schedule and not due', async () => {
    // Prepare: 400 documents whose next notice is months away, spread over every shard
    const notDue = Array.from({ length: 400 }, () => {
      const [submissionId, documentId] = [randomUUID(), randomUUID()];
      return { pk: `SUBMISSION#${submissionId}`, sk: `DOCUMENT#${documentId}`, submissionId, documentId, status: 'VERIFIED', expirationDate: on(400), notices: {}, ...noticeIndexAttributes(documentId, on(310)) };
    });
    await runExpiryReminders(local.stack, on(46));
    const quiet = await runExpiryReminders(local.stack, on(46));
    for (let i = 0; i < notDue.length; i += 25) {
      await local.db.send(new BatchWriteCommand({ RequestItems: { [local.stack.tables.intake]: notDue.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    const due = await submitted(EMILY, [dea(on(46 + 30), { details: { deaNumber: 'AB1234563', jurisdiction: 'NY' } })]);

    // Act
    const report = await runExpiryReminders(local.stack, on(46));

    // Assess: the empty run read nothing; with 400 more documents on the schedule, only the one due is read
    expect(quiet.itemsRead).toBe(0);
    expect(report.itemsRead).toBe(1);
    expect(report.sent.map((s) => s.documentId)).toEqual([due.documents[0]!.documentId]);
    // Cleanup: owner-less stand-ins would fail every later run once due (day 310).
    for (let i = 0; i < notDue.length; i += 25) {
      await local.db.send(new BatchWriteCommand({ RequestItems: { [local.stack.tables.intake]: notDue.slice(i, i + 25).map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })) } }));
    }
  });
});

describe('the weekly staff digest', () => {
  it('goes to the office once, listing what expires within 30 days and what expired this week, by provider', async () => {
    let report!: Awaited<ReturnType<typeof runExpiryDigest>>;
    const mail = await newMail(async () => (report = await runExpiryDigest(local.stack, on(21))));
    const again = await newMail(() => runExpiryDigest(local.stack, on(21)));

    expect(again).toEqual([]);
    expect(mail).toHaveLength(1);
    const [digest] = mail;
    expect(digest!.destination.to).toEqual(['credentialing@example.org']);
    expect(report).toMatchObject({ sent: true, expired: 1 });
    expect(digest!.subject).toBe(`Weekly credentialing digest: 0 reviews due, ${report.expiring} ${report.expiring === 1 ? 'document expires' : 'documents expire'} within 30 days, 1 expired`);
    const text = digest!.body.text!;
    expect(text).toContain('Emily Johnson');
    expect(text).toContain(`Expired ${written(on(20))}`);
    expect(text).toContain('Michael Chen');
    expect(text).toContain(`Expires ${written(on(35))}`);
    expect(text).not.toContain('NY-778812');
    const emilyId = (await callApi(local.stack, 'GET', '/credentials', local.tokens[EMILY]!)).body.provider.providerId;
    expect(text).toContain(`${local.stack.portalUrl}/staff/providers/${emilyId}`);
    expect(michaels.documents[0]!.status).toBe('PENDING_REVIEW');
  });

  it('lists the submissions still waiting for a decision whose NCQA due date is within 7 days or past, each with its review link', async () => {
    // Prepare: every submission of this file was received today, so its decision is due in 30 days;
    // Michael's is decided (verified) and leaves the queue.
    const waiting = [expiring, later, replaced];
    await callApi(local.stack, 'POST', `/documents/${michaels.documents[0]!.documentId}/review`, local.tokens[STAFF]!, { decision: 'VERIFIED' });
    await callApi(local.stack, 'POST', `/submissions/${michaels.submissionId}/complete-review`, local.tokens[STAFF]!);
    await local.runtime.workflowsIdle();

    // Act: 22 days on (due in 8 days: not yet), 24 days on (due in 6 days), 31 days on (a day overdue)
    const [early] = await newMail(() => runExpiryDigest(local.stack, on(22)));
    const [dueSoon] = await newMail(() => runExpiryDigest(local.stack, on(24)));
    const [overdue] = await newMail(() => runExpiryDigest(local.stack, on(31)));

    // Assess
    expect(early!.subject).toMatch(/^Weekly credentialing digest: 0 reviews due,/);
    expect(overdue!.body.text).toContain(`${expiring.referenceNumber} · Emily Johnson [Overdue by 1 day]`);
    for (const submission of waiting) {
      expect(dueSoon!.body.text).toContain(`${submission.referenceNumber} · Emily Johnson [Due in 6 days]`);
      expect(dueSoon!.body.text).toContain(`${local.stack.portalUrl}/review/${submission.submissionId}`);
    }
    expect(dueSoon!.body.text).not.toContain(michaels.referenceNumber);
  });
});

describe("a renewal's reminder", () => {
  it('carries a calendar file that moves the event her first reminder added to the new date, instead of adding a second event', async () => {
    // Prepare: Michael's Texas license, reminded 30 days before it expires, then renewed for two years
    const texas = { details: { licenseNumber: 'TX-40112', jurisdiction: 'TX' }, issuingAuthority: 'Texas Medical Board' };
    const first = await submitted(MICHAEL, [license(on(400), texas)]);
    const calendarOf = async (date: string) => {
      const mail = (await newMail(() => runExpiryReminders(local.stack, date))).filter((email) => email.subject.includes('Medical License (TX)'));
      expect(mail).toHaveLength(1);
      const ics = Buffer.from(mail[0]!.attachments![0]!.content, 'base64').toString('utf8');
      return new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    };
    const firstEvent = await calendarOf(on(370));
    await submitted(MICHAEL, [license(on(400 + 730), { ...texas, replacesDocumentId: first.documents[0]!.documentId })]);

    // Act
    const renewalEvent = await calendarOf(on(400 + 700));

    // Assess
    expect(firstEvent.startDate.toString()).toBe(on(400));
    expect(renewalEvent.startDate.toString()).toBe(on(400 + 730));
    expect(renewalEvent.uid).toBe(firstEvent.uid);
    expect(renewalEvent.sequence).toBeGreaterThan(firstEvent.sequence);
  });
});

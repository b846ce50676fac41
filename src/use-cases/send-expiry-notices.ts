/**
 * The daily expiry job (docs/versions-and-expiry.md "Expiry"): for "today" — the schedule's event
 * time in the organisation's time zone — every document whose next notice is due gets the one
 * notice its days left call for (the latest reminder threshold crossed, or "expired" on the date,
 * which also marks it EXPIRED); older thresholds are recorded as skipped. Each notice is claimed by
 * a conditional write before its email is sent, so two runs, or a run repeated, send it at most
 * once; a failed send withdraws the claim so the next run sends it.
 */
import { isoDateInZone } from '../domain/dates.js';
import { mapBounded } from '../domain/concurrency.js';
import { lineageOf } from '../domain/submission.js';
import { auditPendingNotice, EXPIRED_NOTICE, NOTICE_CLAIM_LEASE_MS, nextNoticeDate, noticeStatuses, planNotices, type NoticeKey, type NoticeRecord } from '../domain/expiry.js';
import { documentExpiredEmail, emailDocument, expiryReminderEmail, type Branding } from '../emails/index.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { ExpirySchedule, ScheduledDocument } from '../ports/expiry-schedule.js';
import type { Mailer } from '../ports/mailer.js';

export interface ExpiryNoticeDeps {
  schedule: ExpirySchedule;
  mailer: Mailer;
  audit: AuditLog;
  clock: Clock;
  branding: Branding;
  timeZone: string;
}

export interface ExpiryNoticeReport {
  today: string;
  /** Index items the due queries read: documents not due yet are never read. */
  itemsRead: number;
  sent: { documentId: string; notice: NoticeKey; messageId: string }[];
  /** Thresholds crossed on days the job did not run: recorded, not sent. */
  skipped: { documentId: string; notice: NoticeKey }[];
  /** Taken off the notice schedule: no status that gets notices (rejected), or nothing left to send. */
  unscheduled: string[];
  /** Sending (or recording) failed: the claim was withdrawn, or will lapse, and a later run tries again. */
  failed: { documentId: string; notice: NoticeKey | null; error: string }[];
  /** Claimed by a run that died before recording the send: never sent twice, so recorded as unconfirmed. */
  unconfirmed: { documentId: string; notice: NoticeKey }[];
}

const PAGE_SIZE = 100;
/** Emails in flight at once: SES's default sending rate is 14 a second. */
const SEND_CONCURRENCY = 4;

export async function sendExpiryNotices(deps: ExpiryNoticeDeps, time: Date, runId: string): Promise<ExpiryNoticeReport> {
  const today = isoDateInZone(time, deps.timeZone);
  const report: ExpiryNoticeReport = { today, itemsRead: 0, sent: [], skipped: [], unscheduled: [], failed: [], unconfirmed: [] };
  let nextToken: string | undefined;
  do {
    const page = await deps.schedule.listDue(today, PAGE_SIZE, nextToken);
    report.itemsRead += page.itemsRead;
    // One document's failure (a throttled write) does not stop the others.
    await mapBounded(page.items, SEND_CONCURRENCY, (doc) =>
      noticeOne(deps, doc, today, runId, report).catch((error: unknown) => {
        report.failed.push({ documentId: doc.documentId, notice: null, error: error instanceof Error ? error.name : 'Error' });
      }),
    );
    nextToken = page.nextToken;
  } while (nextToken);
  return report;
}

async function noticeOne(deps: ExpiryNoticeDeps, doc: ScheduledDocument, today: string, runId: string, report: ExpiryNoticeReport): Promise<void> {
  const recorded = doc.notices ?? {};
  const { documentId } = doc;
  const entries = Object.entries(recorded) as [NoticeKey, NoticeRecord][];
  const unaudited = auditPendingNotice(recorded);
  if (unaudited) {
    // Sent by an earlier run whose audit write failed: the event is written now, the email never again.
    const sent = recorded[unaudited]!;
    await auditSent(deps, doc, unaudited, sent);
    const next = doc.expirationDate && !doc.supersededBy ? nextNoticeDate(doc.expirationDate, recorded) : null;
    await deps.schedule.confirm(doc, unaudited, sent.runId ?? '', sentRecord(sent), next);
    return;
  }
  const claimed = entries.find(([, record]) => record.state === 'SENDING');
  if (claimed) {
    // Another run holds the claim, or held it and died: its email may have gone out, so it is never sent again.
    const [key, claim] = claimed;
    if (Date.parse(claim.at) + NOTICE_CLAIM_LEASE_MS > deps.clock.now().getTime()) return;
    const next = doc.expirationDate ? nextNoticeDate(doc.expirationDate, recorded) : null;
    if (await deps.schedule.reschedule(doc, next, { key, value: { ...claim, state: 'UNCONFIRMED' }, claimedBy: claim.runId ?? '' })) report.unconfirmed.push({ documentId, notice: key });
    return;
  }

  const plan = doc.expirationDate ? planNotices(doc.expirationDate, recorded, today) : null;
  if (!plan?.send || !noticeStatuses(plan.send.key).includes(doc.status)) {
    // Nothing to send today: a document that gets no notices (rejected) leaves the schedule; a stale entry moves on.
    const next = plan && !plan.send && noticeStatuses(EXPIRED_NOTICE).includes(doc.status) ? nextNoticeDate(doc.expirationDate!, recorded) : null;
    if (next !== doc.nextNoticeDate && (await deps.schedule.reschedule(doc, next)) && next === null) report.unscheduled.push(documentId);
    return;
  }
  const { key } = plan.send;

  const at = deps.clock.now().toISOString();
  if (!(await deps.schedule.claim(doc, { key, skip: plan.skip, expire: key === EXPIRED_NOTICE, runId, at }))) return;
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send(noticeEmail(deps, doc, key, today, at)));
  } catch (error) {
    await deps.schedule.release(doc, key, runId);
    report.failed.push({ documentId, notice: key, error: error instanceof Error ? error.name : 'Error' });
    return;
  }
  const sent: NoticeRecord = { state: 'SENT', at, runId, messageId, daysLeft: plan.send.daysLeft, skipped: plan.skip };
  report.sent.push({ documentId, notice: key, messageId });
  report.skipped.push(...plan.skip.map((notice) => ({ documentId, notice })));
  try {
    await auditSent(deps, doc, key, sent);
  } catch (error) {
    // The email went out: recorded as sent (never again, never "unconfirmed"), it stays due so the next run writes its event.
    await deps.schedule.confirm(doc, key, runId, { ...sent, auditPending: true }, doc.nextNoticeDate);
    report.failed.push({ documentId, notice: key, error: error instanceof Error ? error.name : 'Error' });
    return;
  }
  await deps.schedule.confirm(doc, key, runId, sentRecord(sent), plan.next);
}

const sentRecord = ({ state, at, runId, messageId }: NoticeRecord): NoticeRecord => ({ state, at, ...(runId ? { runId } : {}), ...(messageId ? { messageId } : {}) });

/** The notice's audit event, once per (document, notice), from what was recorded when it was sent. */
async function auditSent(deps: ExpiryNoticeDeps, doc: ScheduledDocument, key: NoticeKey, sent: NoticeRecord): Promise<void> {
  const { documentId } = doc;
  await deps.audit.record({
    submissionId: doc.submissionId,
    type: key === EXPIRED_NOTICE ? 'DOCUMENT_EXPIRED' : 'EXPIRY_REMINDER_SENT',
    factKey: key === EXPIRED_NOTICE ? `DOCUMENT_EXPIRED#${documentId}` : `EXPIRY_REMINDER_SENT#${documentId}#${key}`,
    actor: { type: 'system', id: 'expiry-job' },
    occurredAt: sent.at,
    requestId: sent.runId ?? 'expiry-job',
    sourceIp: null,
    details: { documentId, documentType: doc.documentType, expirationDate: doc.expirationDate, notice: key, daysLeft: sent.daysLeft ?? null, emailMessageId: sent.messageId ?? null, skippedNotices: sent.skipped ?? [] },
  });
}

function noticeEmail(deps: ExpiryNoticeDeps, doc: ScheduledDocument, key: NoticeKey, today: string, at: string) {
  const owner = doc.received?.owner;
  if (!owner) throw new Error(`Document ${doc.documentId} is on the schedule without its owner`);
  const document = { ...emailDocument(doc), expirationDate: doc.expirationDate! };
  return key === EXPIRED_NOTICE
    ? documentExpiredEmail({ provider: owner, document }, deps.branding)
    : expiryReminderEmail({ provider: owner, document, credentialId: lineageOf(doc), today, generatedAt: at }, deps.branding);
}

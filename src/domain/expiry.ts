/**
 * Expiry notices (docs/versions-and-expiry.md "Expiry"): reminders 90, 60, 30, 14, 7 and 1 days
 * before a document expires and one "expired" notice on the date. Days are calendar days in the
 * organisation's time zone. A job that missed days sends only the latest threshold crossed; the
 * older ones are recorded as skipped, never sent late.
 */
import type { DocumentStatus } from '../contract/vocabulary.js';
import { addDays, daysBetween } from './dates.js';

export const REMINDER_DAYS = [90, 60, 30, 14, 7, 1] as const;

/** Expiring within this many days: flagged at upload, in review and in "My credentials". */
export const EXPIRY_WARNING_DAYS = REMINDER_DAYS[0];

export type ReminderKey = `D${(typeof REMINDER_DAYS)[number]}`;
export type NoticeKey = ReminderKey | 'EXPIRED';

export const reminderKey = (days: (typeof REMINDER_DAYS)[number]): ReminderKey => `D${days}`;
export const EXPIRED_NOTICE = 'EXPIRED' satisfies NoticeKey;
const ALL_NOTICES: readonly NoticeKey[] = [...REMINDER_DAYS.map(reminderKey), EXPIRED_NOTICE];

/** SENDING is a claim: the job that holds it sends the email, then records SENT. */
export type NoticeState = 'SENDING' | 'SENT' | 'SKIPPED' | 'UNCONFIRMED';

export interface NoticeRecord {
  state: NoticeState;
  /** When the state was recorded. */
  at: string;
  /** The job run that claimed it. */
  runId?: string;
  messageId?: string;
  /** SENT, but its audit event could not be written yet: the next run writes it (from the fields below). */
  auditPending?: boolean;
  daysLeft?: number;
  skipped?: NoticeKey[];
}

export type NoticeRecords = Partial<Record<NoticeKey, NoticeRecord>>;

/** The day a notice falls due: N days before the expiration date, or the date itself. */
export function noticeDate(expirationDate: string, key: NoticeKey): string {
  return key === EXPIRED_NOTICE ? expirationDate : addDays(expirationDate, -Number(key.slice(1)));
}

/** A notice whose email went out but whose audit event is still to be written: it keeps its document due until written. */
export function auditPendingNotice(recorded: NoticeRecords): NoticeKey | null {
  return ALL_NOTICES.find((key) => recorded[key]?.state === 'SENT' && recorded[key]?.auditPending) ?? null;
}

/** The earliest notice not yet recorded, or null when every notice is recorded. */
export function nextNoticeDate(expirationDate: string, recorded: NoticeRecords): string | null {
  const open = ALL_NOTICES.filter((key) => !recorded[key]).map((key) => noticeDate(expirationDate, key));
  return open.length > 0 ? open.reduce((a, b) => (a < b ? a : b)) : null;
}

export interface NoticePlan {
  /** The one notice due today, if any: the latest threshold crossed, or the expiry itself. */
  send: { key: NoticeKey; daysLeft: number } | null;
  /** Older thresholds crossed and never sent: recorded as skipped. */
  skip: NoticeKey[];
  /** When the next notice falls due once these are recorded; null when none is left. */
  next: string | null;
}

export function planNotices(expirationDate: string, recorded: NoticeRecords, today: string): NoticePlan {
  const daysLeft = daysBetween(today, expirationDate);
  const crossed: NoticeKey[] = daysLeft <= 0 ? [...ALL_NOTICES] : REMINDER_DAYS.filter((days) => days >= daysLeft).map(reminderKey);
  // The latest threshold crossed is the last in that list (thresholds go from 90 down to the expiry).
  const latest = crossed.at(-1);
  const send = latest && !recorded[latest] ? { key: latest, daysLeft } : null;
  const skip = crossed.filter((key) => key !== latest && !recorded[key]);
  const after: NoticeRecords = { ...recorded };
  for (const key of [...skip, ...(send ? [send.key] : [])]) after[key] = { state: 'SKIPPED', at: today };
  return { send, skip, next: nextNoticeDate(expirationDate, after) };
}

export interface ExpiryOutlook {
  daysToExpiry: number;
  expired: boolean;
  /** Not expired, and within the first reminder's window. */
  expiringSoon: boolean;
}

export function expiryOutlook(expirationDate: string, today: string): ExpiryOutlook {
  const daysToExpiry = daysBetween(today, expirationDate);
  return { daysToExpiry, expired: daysToExpiry <= 0, expiringSoon: daysToExpiry > 0 && daysToExpiry <= EXPIRY_WARNING_DAYS };
}

/**
 * Who gets notices: documents stored and current — in review or verified. A rejected document
 * gets none (the review outcome already asked for its replacement); an expired one still gets
 * its "expired" notice if sending it failed the first time.
 */
export function noticeStatuses(key: NoticeKey): readonly DocumentStatus[] {
  return key === EXPIRED_NOTICE ? ['PENDING_REVIEW', 'VERIFIED', 'EXPIRED'] : ['PENDING_REVIEW', 'VERIFIED'];
}

/**
 * What lapses, as the staff's expiring list and the weekly digest count it: stored documents in
 * review, verified or expired. A document rejected in review is not on file: her review outcome
 * already asked for a replacement.
 */
export const LAPSING_STATUSES: readonly DocumentStatus[] = ['PENDING_REVIEW', 'VERIFIED', 'EXPIRED'];

/** A claim older than this was left by a run that died: its email may or may not have gone out. */
export const NOTICE_CLAIM_LEASE_MS = 15 * 60 * 1000;

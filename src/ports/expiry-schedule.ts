import type { NoticeKey, NoticeRecord } from '../domain/expiry.js';
import type { SubmissionDocument } from '../domain/submission.js';
import type { Page } from './submission-repository.js';

/** A document as the schedule returns it: when its next notice is due. */
export type ScheduledDocument = SubmissionDocument & { nextNoticeDate: string };

export interface NoticeClaim {
  key: NoticeKey;
  /** Older thresholds recorded as skipped in the same write. */
  skip: NoticeKey[];
  /** The EXPIRED notice also sets the document EXPIRED. */
  expire: boolean;
  runId: string;
  at: string;
}

/** Documents' expiry notices, found by the date each is due (an index, never a scan). */
export interface ExpirySchedule {
  /** Documents with a notice due on or before `today`, and how many index items the queries read. */
  listDue(today: string, limit: number, nextToken?: string): Promise<Page<ScheduledDocument> & { itemsRead: number }>;
  /**
   * Claims a notice (SENDING) if the document is still as read: same notice date, not
   * superseded, in a status that gets it, and the notice never claimed. False otherwise.
   */
  claim(doc: ScheduledDocument, claim: NoticeClaim): Promise<boolean>;
  /**
   * The claimed notice is sent: records it and moves the document to its next notice (null: off the
   * schedule). A document superseded meanwhile leaves the schedule, unless the record is `auditPending`.
   */
  confirm(doc: ScheduledDocument, key: NoticeKey, runId: string, sent: NoticeRecord, next: string | null): Promise<void>;
  /** Sending failed: the claim is withdrawn, so a later run sends it. */
  release(doc: ScheduledDocument, key: NoticeKey, runId: string): Promise<void>;
  /**
   * Moves the document to `next` (null: off the schedule) if its notice date is still the one
   * read, optionally recording a notice (e.g. a claim whose run died, as UNCONFIRMED).
   */
  reschedule(doc: ScheduledDocument, next: string | null, record?: { key: NoticeKey; value: NoticeRecord; claimedBy: string }): Promise<boolean>;
  /** Current stored documents that lapse (`LAPSING_STATUSES`) expiring from `from` to `to` (inclusive), soonest first. */
  listExpiring(from: string, to: string, limit: number, nextToken?: string): Promise<Page<SubmissionDocument>>;
  /** Claims the staff digest of `date`; false if it was sent (or is being sent) already. */
  claimDigest(date: string, runId: string): Promise<boolean>;
  /** The digest of `date` could not be sent: a later run may claim it again. */
  releaseDigest(date: string, runId: string): Promise<void>;
}

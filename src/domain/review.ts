/**
 * Review rules: what a decision may say, when a submission's review is complete and with what
 * outcome, and the NCQA clocks (the provider hears the decision within 30 calendar days of
 * submitting; a verification is at most 120 days old when the review is completed).
 */
import { REVIEW_DECISIONS, REVIEW_REASON_CODES, type ReviewDecision, type ReviewReasonCode, type SubmissionStatus } from '../contract/vocabulary.js';
import { addDays, isoDateInZone } from './dates.js';

export { REVIEW_DECISIONS, REVIEW_REASON_CODES, type ReviewDecision, type ReviewReasonCode };

export const REVIEW_LIMITS = {
  maxReasonLength: 1000,
  /** NCQA: the practitioner is told the decision within 30 calendar days. */
  dueWithinDays: 30,
  /** NCQA: verifications are at most 120 days old at the decision. */
  maxVerificationAgeDays: 120,
} as const;

export const REASON_CODE_LABELS: Record<ReviewReasonCode, string> = {
  ILLEGIBLE: 'Illegible',
  EXPIRED: 'Expired',
  WRONG_DOCUMENT: 'Wrong document',
  NAME_MISMATCH: 'Name does not match',
  DETAILS_MISMATCH: 'Details do not match',
  INCOMPLETE: 'Incomplete',
  OTHER: 'Other',
};

export interface Reviewer {
  userId: string;
  name: string;
  email: string;
}

/** One document's decision, as stored on the submission (and on the document once carried out). */
export interface DocumentReview {
  decision: ReviewDecision;
  reason: string | null;
  reasonCode: ReviewReasonCode | null;
  reviewedAt: string;
  reviewedBy: Reviewer;
  /** The request that made the decision: its audit event can be written again, identically, after a crash. */
  requestId: string;
  sourceIp: string | null;
}

/** The same decision again (a double click, a client retry) changes nothing. */
export function sameDecision(a: DocumentReview | undefined, b: Pick<DocumentReview, 'decision' | 'reason' | 'reasonCode'>): boolean {
  return a !== undefined && a.decision === b.decision && a.reason === b.reason && a.reasonCode === b.reasonCode;
}

/** The completed review: the commit point's facts, kept so the outcome can be carried out (and audited) again after a crash. */
export interface ReviewCompletion {
  outcome: ReviewOutcome;
  /**
   * Documents the outcome was made without: replaced by a newer version (reviewed in its own
   * submission) when the review was completed. Absent on completions stored before it existed.
   */
  replacedDocuments?: string[];
  decidedAt: string;
  daysToDecision: number;
  decidedBy: Reviewer;
  requestId: string;
  sourceIp: string | null;
}

export type ReviewOutcome = 'VERIFIED' | 'ACTION_REQUIRED';

/** Statuses in which decisions may be recorded or changed. */
export const REVIEWABLE_STATUSES: readonly SubmissionStatus[] = ['RECEIVED', 'IN_REVIEW'];
export const REVIEW_OUTCOMES: readonly ReviewOutcome[] = ['VERIFIED', 'ACTION_REQUIRED'];

export function isReviewOutcome(status: SubmissionStatus): status is ReviewOutcome {
  return (REVIEW_OUTCOMES as readonly string[]).includes(status);
}

/**
 * What completing the review would give: the outcome, or the documents still without a decision
 * (by position) and those whose decision is too old to stand.
 *
 * A document replaced by a newer version is decided by its replacement, which is reviewed in its
 * own submission: it is never undecided nor stale here, and a decision recorded on it before the
 * replacement arrived does not count. With every document replaced the outcome is VERIFIED:
 * nothing more is needed from this submission (the email says each was replaced, not verified).
 */
export function reviewOutcome(
  documentIds: readonly string[],
  reviews: Readonly<Record<string, DocumentReview>>,
  now: Date,
  replaced: ReadonlySet<string> = new Set(),
): { outcome: ReviewOutcome } | { undecided: number[]; stale: number[] } {
  const counted = (id: string) => !replaced.has(id);
  const undecided = documentIds.flatMap((id, index) => (counted(id) && !reviews[id] ? [index] : []));
  const oldest = now.getTime() - REVIEW_LIMITS.maxVerificationAgeDays * 24 * 60 * 60 * 1000;
  const stale = documentIds.flatMap((id, index) => (counted(id) && reviews[id] && Date.parse(reviews[id].reviewedAt) < oldest ? [index] : []));
  if (undecided.length > 0 || stale.length > 0) return { undecided, stale };
  return { outcome: documentIds.some((id) => counted(id) && reviews[id]!.decision === 'REJECTED') ? 'ACTION_REQUIRED' : 'VERIFIED' };
}

/**
 * How far a review is: decisions on documents that still count, and documents replaced by a newer
 * version (decided by their replacement). Nothing is left to decide when the two add up to all.
 * `reviewers`: who made those decisions, in the order they first decided (a colleague sees who is
 * working on a submission before opening it).
 */
export function reviewProgress(documentIds: readonly string[], reviews: Readonly<Record<string, DocumentReview>>, replaced: ReadonlySet<string>) {
  const counted = documentIds.flatMap((id) => (!replaced.has(id) && reviews[id] ? [reviews[id]] : []));
  const reviewers = new Map<string, string>();
  for (const { reviewedBy } of [...counted].sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt))) {
    if (!reviewers.has(reviewedBy.userId)) reviewers.set(reviewedBy.userId, reviewedBy.name || reviewedBy.email);
  }
  return {
    documentCount: documentIds.length,
    decidedCount: counted.length,
    replacedCount: documentIds.filter((id) => replaced.has(id)).length,
    reviewers: [...reviewers.values()],
  };
}

/** The NCQA deadline: 30 calendar days after the submission date in the organisation's time zone. */
export function reviewDueDate(submittedAt: string, timeZone: string): string {
  return addDays(isoDateInZone(new Date(submittedAt), timeZone), REVIEW_LIMITS.dueWithinDays);
}

/** When a queued submission was sent and its decision is due: as stored at acceptance, or worked out for one stored before that. */
export function decisionSchedule(submission: { submittedAt: string | null; createdAt: string; reviewDueDate?: string | null }, timeZone: string): { submittedAt: string; dueDate: string } {
  const submittedAt = submission.submittedAt ?? submission.createdAt;
  return { submittedAt, dueDate: submission.reviewDueDate ?? reviewDueDate(submittedAt, timeZone) };
}

/** Whole calendar days from one ISO date to another (negative when `to` is earlier). */
export function calendarDaysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round((Date.parse(`${toIsoDate}T00:00:00Z`) - Date.parse(`${fromIsoDate}T00:00:00Z`)) / (24 * 60 * 60 * 1000));
}

/** Calendar days between the submission and `instant`, both as dates in the organisation's time zone. */
export function daysSinceSubmission(submittedAt: string, instant: Date, timeZone: string): number {
  return calendarDaysBetween(isoDateInZone(new Date(submittedAt), timeZone), isoDateInZone(instant, timeZone));
}

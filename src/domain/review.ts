/**
 * Review rules: what a decision may say, when a submission's review is complete and with what
 * outcome, and the NCQA clocks (the provider hears the decision within 30 calendar days of
 * submitting; a verification is at most 120 days old when the review is completed).
 */
import { z } from 'zod';
import type { FieldProblem, ReviewRequestBody } from '../contract/http.js';
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

// Newlines and tabs are fine in a reason; other controls and text-direction marks could disguise it.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

const reasonSchema = z
  .string({ error: 'Write the reason as text.' })
  .trim()
  .min(1, 'Write the reason the provider will read.')
  .max(REVIEW_LIMITS.maxReasonLength, `The reason must be at most ${REVIEW_LIMITS.maxReasonLength} characters.`)
  .refine((text) => !CONTROL.test(text), 'The reason contains control characters. Retype it as plain text.')
  .refine((text) => !BIDI.test(text), 'The reason contains hidden text-direction characters. Retype it as plain text.');

export const reviewRequestSchema = z
  .strictObject({
    decision: z.enum(REVIEW_DECISIONS, { error: `Decision must be ${REVIEW_DECISIONS.join(' or ')}.` }),
    reason: reasonSchema.optional(),
    reasonCode: z.enum(REVIEW_REASON_CODES, { error: `Reason code must be one of ${REVIEW_REASON_CODES.join(', ')}.` }).optional(),
  })
  .superRefine((body, context) => {
    if (body.decision === 'REJECTED' && body.reason === undefined) {
      context.addIssue({ code: 'custom', path: ['reason'], message: 'Write the reason the provider will read: a rejection needs one.' });
    }
    if (body.decision === 'VERIFIED' && body.reasonCode !== undefined) {
      context.addIssue({ code: 'custom', path: ['reasonCode'], message: 'A reason code explains a rejection; leave it out when verifying.' });
    }
  });

// The schema's output is exactly the contract's request body.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const reviewBodyMatchesContract: Equal<z.output<typeof reviewRequestSchema>, ReviewRequestBody> = true;
void reviewBodyMatchesContract;

export function toReviewFieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.length > 0 ? issue.path.join('.') : '(body)', message: issue.message }));
}

/**
 * What completing the review would give: the outcome, or the documents still without a decision
 * (by position) and those whose decision is too old to stand.
 */
export function reviewOutcome(
  documentIds: readonly string[],
  reviews: Readonly<Record<string, DocumentReview>>,
  now: Date,
): { outcome: ReviewOutcome } | { undecided: number[]; stale: number[] } {
  const undecided = documentIds.flatMap((id, index) => (reviews[id] ? [] : [index]));
  const oldest = now.getTime() - REVIEW_LIMITS.maxVerificationAgeDays * 24 * 60 * 60 * 1000;
  const stale = documentIds.flatMap((id, index) => (reviews[id] && Date.parse(reviews[id].reviewedAt) < oldest ? [index] : []));
  if (undecided.length > 0 || stale.length > 0) return { undecided, stale };
  return { outcome: documentIds.some((id) => reviews[id]!.decision === 'REJECTED') ? 'ACTION_REQUIRED' : 'VERIFIED' };
}

/** The NCQA deadline: 30 calendar days after the submission date in the organisation's time zone. */
export function reviewDueDate(submittedAt: string, timeZone: string): string {
  return addDays(isoDateInZone(new Date(submittedAt), timeZone), REVIEW_LIMITS.dueWithinDays);
}

/** Whole calendar days from one ISO date to another (negative when `to` is earlier). */
export function calendarDaysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round((Date.parse(`${toIsoDate}T00:00:00Z`) - Date.parse(`${fromIsoDate}T00:00:00Z`)) / (24 * 60 * 60 * 1000));
}

/** Calendar days between the submission and `instant`, both as dates in the organisation's time zone. */
export function daysSinceSubmission(submittedAt: string, instant: Date, timeZone: string): number {
  return calendarDaysBetween(isoDateInZone(new Date(submittedAt), timeZone), isoDateInZone(instant, timeZone));
}

/**
 * The weekly staff digest, to the office's address: the submissions still waiting for a decision
 * whose NCQA due date is within a week or past (read oldest first from the review queue's index,
 * stopping at the first one due later), then what expires within the next 30 days and what
 * expired in the past week, by provider (the expiration index, only the months the window covers).
 * One digest per day however often the job runs.
 */
import { addDays, isoDateInZone } from '../domain/dates.js';
import { decisionSchedule } from '../domain/review.js';
import { emailDocument, staffDigestEmail, type Branding, type StaffDigestProvider, type StaffDigestReview } from '../emails/index.js';
import type { ExpirySchedule } from '../ports/expiry-schedule.js';
import type { Mailer } from '../ports/mailer.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import type { SubmissionDocument } from '../domain/submission.js';

export interface ExpiryDigestDeps {
  schedule: ExpirySchedule;
  reviews: Pick<SubmissionRepository, 'listReviewQueue'>;
  mailer: Mailer;
  branding: Branding;
  timeZone: string;
}

export const DIGEST_WINDOW_DAYS = 30;
export const DIGEST_PERIOD_DAYS = 7;
export const REVIEW_HORIZON_DAYS = 7;

export interface ExpiryDigestReport {
  today: string;
  sent: boolean;
  messageId?: string;
  expiring: number;
  expired: number;
  reviewsDue: number;
}

/** Waiting submissions due by `until`: the queue is oldest first and the due date follows the submission date, so reading stops at the first due later. */
async function reviewsDueBy(deps: ExpiryDigestDeps, until: string): Promise<StaffDigestReview[]> {
  const due: StaffDigestReview[] = [];
  let nextToken: string | undefined;
  do {
    const page = await deps.reviews.listReviewQueue({ limit: 100, ...(nextToken ? { nextToken } : {}) });
    for (const submission of page.items) {
      const { submittedAt, dueDate } = decisionSchedule(submission, deps.timeZone);
      if (dueDate > until) return due;
      due.push({ submissionId: submission.submissionId, referenceNumber: submission.referenceNumber ?? '', providerName: submission.provider.name, submittedOn: isoDateInZone(new Date(submittedAt), deps.timeZone), dueDate });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return due;
}

export async function sendExpiryDigest(deps: ExpiryDigestDeps, time: Date, runId: string): Promise<ExpiryDigestReport> {
  const today = isoDateInZone(time, deps.timeZone);
  const since = addDays(today, -DIGEST_PERIOD_DAYS);
  const documents: SubmissionDocument[] = [];
  let nextToken: string | undefined;
  do {
    const page = await deps.schedule.listExpiring(addDays(since, 1), addDays(today, DIGEST_WINDOW_DAYS), 100, nextToken);
    // What lapses only (LAPSING_STATUSES): the list staff see counts the same documents.
    documents.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  const expired = documents.filter((doc) => doc.expirationDate! <= today).length;
  const reviewsDue = await reviewsDueBy(deps, addDays(today, REVIEW_HORIZON_DAYS));
  const report: ExpiryDigestReport = { today, sent: false, expiring: documents.length - expired, expired, reviewsDue: reviewsDue.length };

  if (!(await deps.schedule.claimDigest(today, runId))) return report;
  const providers = new Map<string, StaffDigestProvider>();
  for (const doc of documents) {
    const entry = providers.get(doc.providerId) ?? { providerId: doc.providerId, name: doc.received?.owner.name ?? 'Unknown provider', email: doc.received?.owner.email ?? null, documents: [] };
    entry.documents.push({ ...emailDocument(doc), expirationDate: doc.expirationDate! });
    providers.set(doc.providerId, entry);
  }
  try {
    const { messageId } = await deps.mailer.send(staffDigestEmail({ today, since, windowDays: DIGEST_WINDOW_DAYS, providers: [...providers.values()], reviewHorizonDays: REVIEW_HORIZON_DAYS, reviewsDue }, deps.branding));
    return { ...report, sent: true, messageId };
  } catch (error) {
    await deps.schedule.releaseDigest(today, runId);
    throw error;
  }
}

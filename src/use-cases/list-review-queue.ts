import type { ReviewQueue, ReviewQueueItem } from '../contract/http.js';
import { REVIEW_QUEUE_STATUSES, type ReviewQueueStatus } from '../contract/vocabulary.js';
import { DOCUMENT_TYPES, type DocumentType } from '../domain/catalog.js';
import type { Caller } from '../domain/caller.js';
import { isoDateInZone } from '../domain/dates.js';
import { ValidationFailed } from '../domain/errors.js';
import { daysSinceSubmission, decisionSchedule, reviewProgress } from '../domain/review.js';
import type { Submission } from '../domain/submission.js';
import type { Clock } from '../ports/clock.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { assertStaff } from './access.js';
import { LIMIT_PROBLEM, pageLimit } from './list-params.js';

export interface QueueParams {
  status?: string;
  documentType?: string;
  limit?: string;
  nextToken?: string;
}

function toQueueItem(submission: Submission, now: Date, timeZone: string): ReviewQueueItem {
  const { submittedAt, dueDate } = decisionSchedule(submission, timeZone);
  return {
    submissionId: submission.submissionId,
    referenceNumber: submission.referenceNumber ?? '',
    status: submission.status as ReviewQueueStatus,
    submittedAt,
    reviewDueDate: dueDate,
    daysWaiting: daysSinceSubmission(submittedAt, now, timeZone),
    overdue: isoDateInZone(now, timeZone) > dueDate,
    provider: { providerId: submission.provider.providerId, name: submission.provider.name, email: submission.provider.email },
    documentTypes: submission.documentTypes,
    ...reviewProgress(submission.documentIds, submission.reviews, new Set(submission.replacedDocuments)),
    earliestExpirationDate: submission.earliestExpirationDate ?? null,
  };
}

/** Staff: submissions waiting for a decision (RECEIVED, IN_REVIEW), oldest submitted first. */
export async function listReviewQueue(deps: { repository: SubmissionRepository; clock: Clock; timeZone: string }, caller: Caller, params: QueueParams): Promise<ReviewQueue> {
  assertStaff(caller);
  const problems: { path: string; message: string }[] = [];
  if (params.status !== undefined && !(REVIEW_QUEUE_STATUSES as readonly string[]).includes(params.status)) {
    problems.push({ path: 'status', message: `The queue holds ${REVIEW_QUEUE_STATUSES.join(' and ')} submissions; status must be one of them.` });
  }
  if (params.documentType !== undefined && !(DOCUMENT_TYPES as readonly string[]).includes(params.documentType)) {
    problems.push({ path: 'documentType', message: `Document type must be one of ${DOCUMENT_TYPES.join(', ')}.` });
  }
  const limit = pageLimit(params.limit);
  if (limit === null) problems.push(LIMIT_PROBLEM);
  if (problems.length > 0) throw new ValidationFailed('The queue query is not valid.', problems);

  const page = await deps.repository.listReviewQueue({
    ...(params.status ? { status: params.status as ReviewQueueStatus } : {}),
    ...(params.documentType ? { documentType: params.documentType as DocumentType } : {}),
    limit: limit!,
    ...(params.nextToken ? { nextToken: params.nextToken } : {}),
  });
  const now = deps.clock.now();
  return {
    items: page.items.map((submission) => toQueueItem(submission, now, deps.timeZone)),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

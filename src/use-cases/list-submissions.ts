import type { Caller } from '../domain/caller.js';
import { ValidationFailed } from '../domain/errors.js';
import { SUBMISSION_STATUSES, type SubmissionStatus } from '../domain/status.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

export interface ListParams {
  status?: string;
  limit?: string;
  nextToken?: string;
}

/** Providers see their own submissions; staff see all (optionally by status). Newest first. */
export async function listSubmissions(deps: { repository: SubmissionRepository }, caller: Caller, params: ListParams) {
  const problems: { path: string; message: string }[] = [];
  if (params.status !== undefined && !SUBMISSION_STATUSES.includes(params.status as SubmissionStatus)) {
    problems.push({ path: 'status', message: `Status must be one of ${SUBMISSION_STATUSES.join(', ')}.` });
  }
  const limit = params.limit === undefined ? 25 : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) problems.push({ path: 'limit', message: 'Limit must be a whole number from 1 to 100.' });
  if (problems.length > 0) throw new ValidationFailed('The list query is not valid.', problems);

  const page = await deps.repository.list({
    ...(caller.role === 'staff' ? {} : { providerId: caller.userId }),
    ...(params.status ? { status: params.status as SubmissionStatus } : {}),
    limit,
    ...(params.nextToken ? { nextToken: params.nextToken } : {}),
  });
  return {
    items: page.items.map((s) => ({
      submissionId: s.submissionId,
      referenceNumber: s.referenceNumber,
      status: s.status,
      createdAt: s.createdAt,
      submittedAt: s.submittedAt,
      estimatedReviewCompletionDate: s.estimatedReviewCompletionDate,
      documentCount: s.documentIds.length,
      ...(caller.role === 'staff' ? { provider: { name: s.provider.name, email: s.provider.email } } : {}),
    })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

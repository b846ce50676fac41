import type { SubmissionList } from '../contract/http.js';
import type { Caller } from '../domain/caller.js';
import { ValidationFailed } from '../domain/errors.js';
import { SUBMISSION_STATUSES, type SubmissionStatus } from '../domain/status.js';
import { toSubmissionListItem } from '../domain/submission.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

export interface ListParams {
  status?: string;
  limit?: string;
  nextToken?: string;
}

/** Providers see their own submissions; staff see every submitted one (never drafts), optionally by status. Newest first. */
export async function listSubmissions(deps: { repository: SubmissionRepository }, caller: Caller, params: ListParams): Promise<SubmissionList> {
  const problems: { path: string; message: string }[] = [];
  if (params.status !== undefined && !SUBMISSION_STATUSES.includes(params.status as SubmissionStatus)) {
    problems.push({ path: 'status', message: `Status must be one of ${SUBMISSION_STATUSES.join(', ')}.` });
  } else if (params.status === 'AWAITING_UPLOAD' && caller.role === 'staff') {
    problems.push({ path: 'status', message: 'Drafts the provider never submitted are not listed for staff.' });
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
    items: page.items.map((submission) => toSubmissionListItem(submission, caller.role === 'staff')),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

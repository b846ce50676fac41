import type { SubmissionList } from '../contract/http.js';
import type { Caller } from '../domain/caller.js';
import { NotFound, ValidationFailed } from '../domain/errors.js';
import { SUBMISSION_STATUSES, isListedForProvider, isListedForStaff, type SubmissionStatus } from '../domain/status.js';
import { toSubmissionListItem } from '../domain/submission.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { isId } from './access.js';
import { LIMIT_PROBLEM, pageLimit } from './list-params.js';

export interface ListParams {
  status?: string;
  /** Staff: one provider's submissions (her page); a provider may name only herself. */
  providerId?: string;
  limit?: string;
  nextToken?: string;
}

/**
 * Providers see their own submissions (drafts included); staff see every submitted one
 * (optionally by status, optionally one provider's). Discarded drafts are in no list. Newest first.
 */
export async function listSubmissions(deps: { repository: SubmissionRepository }, caller: Caller, params: ListParams): Promise<SubmissionList> {
  const listed = caller.role === 'staff' ? isListedForStaff : isListedForProvider;
  const listable = SUBMISSION_STATUSES.filter(listed);
  const problems: { path: string; message: string }[] = [];
  if (params.status === 'AWAITING_UPLOAD' && caller.role === 'staff') {
    problems.push({ path: 'status', message: 'Drafts the provider never submitted are not listed for staff.' });
  } else if (params.status !== undefined && !listable.includes(params.status as SubmissionStatus)) {
    problems.push({ path: 'status', message: `Status must be one of ${listable.join(', ')}.` });
  }
  const limit = pageLimit(params.limit);
  if (limit === null) problems.push(LIMIT_PROBLEM);
  if (params.providerId !== undefined && !isId(params.providerId)) problems.push({ path: 'providerId', message: 'Not a provider id: open the provider from a list.' });
  if (problems.length > 0) throw new ValidationFailed('The list query is not valid.', problems);
  if (caller.role !== 'staff' && params.providerId !== undefined && params.providerId !== caller.userId) throw new NotFound('No provider with that id was found.');

  const page = await deps.repository.list({
    ...(caller.role === 'staff' ? (params.providerId ? { providerId: params.providerId, submittedOnly: true } : {}) : { providerId: caller.userId }),
    ...(params.status ? { status: params.status as SubmissionStatus } : {}),
    limit: limit!,
    ...(params.nextToken ? { nextToken: params.nextToken } : {}),
  });
  return {
    // The list indexes are sparse by status already; this also hides items written before they were.
    items: page.items.filter((submission) => listed(submission.status)).map((submission) => toSubmissionListItem(submission, caller.role === 'staff')),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

import type { Caller } from '../domain/caller.js';
import { Forbidden, NotFound } from '../domain/errors.js';
import { isListedForStaff } from '../domain/status.js';
import type { Submission, SubmissionDocument } from '../domain/submission.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

/**
 * Who may read a submission (and its documents): its provider, and staff once it was submitted —
 * a draft is her private work until then (DISCARDED included), listed nowhere for staff and
 * readable nowhere by them.
 */
export function mayRead(caller: Caller, submission: Pick<Submission, 'provider' | 'status'>): boolean {
  return caller.role === 'staff' ? isListedForStaff(submission.status) : submission.provider.providerId === caller.userId;
}

/** A submission the caller may not read answers exactly like a missing one: no existence leak. */
export function assertCanRead(caller: Caller, submission: Submission | undefined | null): asserts submission is Submission {
  if (!submission || !mayRead(caller, submission)) {
    throw new NotFound('No submission with that id was found.');
  }
}

export function assertStaff(caller: Caller): void {
  if (caller.role !== 'staff') throw new Forbidden('Only credentialing staff can do this.');
}

export function assertProvider(caller: Caller): void {
  if (caller.role !== 'provider') throw new Forbidden('Only providers can submit credentialing documents.');
}

const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Submission, document and provider ids are UUIDs; anything else is simply not found. */
export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/**
 * A document and its submission, if the caller may read them: another provider's document (or,
 * for staff, a draft's), an id that cannot be an id, and a missing one all answer the same 404.
 */
export async function readableDocument(
  repository: SubmissionRepository,
  caller: Caller,
  documentId: string,
): Promise<{ submission: Submission; documents: SubmissionDocument[]; document: SubmissionDocument; index: number }> {
  const submissionId = isId(documentId) ? await repository.findIdByDocument(documentId) : null;
  // The index only points the way; the submission's own items decide (an index entry can outlive a crash).
  const found = submissionId ? await repository.get(submissionId) : null;
  const index = found?.documents.findIndex((doc) => doc.documentId === documentId) ?? -1;
  if (!found || index === -1 || !mayRead(caller, found.submission)) {
    throw new NotFound('No document with that id was found.');
  }
  return { ...found, document: found.documents[index]!, index };
}

/**
 * A submission's audit trail is the record of what happened to it, a draft's too (created,
 * discarded, cleaned up): staff read it for any submission that exists, and it shows no content
 * of a draft beyond its document types and count.
 */
export async function assertAuditable(repository: SubmissionRepository, caller: Caller, submissionId: string): Promise<void> {
  assertStaff(caller);
  if (!isId(submissionId) || !(await repository.get(submissionId))) throw new NotFound('No submission with that id was found.');
}

/** The submission the caller may read; ids that cannot be ids are simply not found (never a 500). */
export async function readableSubmission(
  repository: SubmissionRepository,
  caller: Caller,
  submissionId: string,
): Promise<{ submission: Submission; documents: SubmissionDocument[] }> {
  const found = isId(submissionId) ? await repository.get(submissionId) : null;
  assertCanRead(caller, found?.submission);
  return found!;
}

/** How submissions and documents are stored as items of the intake table (pk = SUBMISSION#id), and the index keys they carry. */
import { INTAKE_INDEXES } from '../contract/tables.js';
import type { ReviewCompletion } from '../domain/review.js';
import { isListedForProvider, isListedForStaff, type SubmissionStatus } from '../domain/status.js';
import { lineageOf, type Submission, type SubmissionDocument } from '../domain/submission.js';

export const submissionKey = (id: string) => ({ pk: `SUBMISSION#${id}`, sk: '#SUBMISSION' });
export const documentKey = (submissionId: string, documentId: string) => ({ pk: `SUBMISSION#${submissionId}`, sk: `DOCUMENT#${documentId}` });
export const referenceKey = (referenceNumber: string) => ({ pk: `REFERENCE#${referenceNumber}`, sk: '#REFERENCE' });
/** The owner is in the key: another provider's same token is another claim. */
export const createClaimKey = (providerId: string, clientToken: string) => ({ pk: `CREATE#${providerId}#${clientToken}`, sk: '#CREATE' });

/** The sparse index's one partition: every unfinished submission, ordered by creation. */
export const UNFINISHED = { attribute: INTAKE_INDEXES.unfinished.partitionKey, value: 'UNFINISHED' } as const;

/** The sparse index's one partition: every completed review whose outcome email is not audited as sent. */
export const UNSENT_OUTCOME = { attribute: INTAKE_INDEXES.unsentOutcomes.partitionKey, value: 'OUTCOME' } as const;

export const ownerVersionKey = (doc: Pick<SubmissionDocument, 'documentId' | 'lineageId' | 'uploadedAt'>) => `${lineageOf(doc)}#${doc.uploadedAt ?? ''}#${doc.documentId}`;

/** A document item: its key and its index attributes (every version of a provider's credentials is listed by owner). */
export function toDocumentItem(doc: SubmissionDocument) {
  return {
    ...documentKey(doc.submissionId, doc.documentId),
    ...doc,
    gsiDocument: doc.documentId,
    gsiOwner: doc.providerId,
    gsiOwnerVersion: ownerVersionKey(doc),
  };
}

/**
 * The list indexes are sparse: a submission is in her list (byProvider) and the staff list
 * (allSubmissions) only while its status is listed there, so listing never filters a page.
 */
export const ALL_SUBMISSIONS = 'SUBMISSION';
/** The review queue (reviewQueue) is sparse: a submission is in it from received until decided. */
export const QUEUED = 'REVIEW';
/** A sort key of an instant, then the id that keeps equal instants apart. */
export const instantKey = (at: string, submissionId: string) => `${at}#${submissionId}`;
export const queueSince = instantKey;

/**
 * Where a submission sorts in the lists (newest first): a draft by when it was made, a submitted one
 * by when it was submitted — a draft made weeks ago and sent today is today's submission.
 */
export const listedAt = (s: Pick<Submission, 'createdAt' | 'submittedAt' | 'submissionId'>) => instantKey(s.submittedAt ?? s.createdAt, s.submissionId);

export function toSubmissionItem(s: Submission) {
  return {
    ...submissionKey(s.submissionId),
    ...s,
    ...(isListedForProvider(s.status) ? { gsiProvider: s.provider.providerId } : {}),
    gsiCreated: listedAt(s),
    gsiStatus: s.status,
    ...(isListedForStaff(s.status) ? { gsiEntity: ALL_SUBMISSIONS } : {}),
    ...(s.referenceNumber ? { gsiReference: s.referenceNumber } : {}),
  };
}

/** The sparse list-index keys a status change adds or removes. */
export function listIndexChanges(from: SubmissionStatus, to: SubmissionStatus): { set: string[]; remove: string[]; values: Record<string, unknown> } {
  const set: string[] = [];
  const remove: string[] = [];
  const values: Record<string, unknown> = {};
  if (isListedForProvider(from) !== isListedForProvider(to)) {
    if (isListedForProvider(to)) set.push('gsiProvider = provider.providerId');
    else remove.push('gsiProvider');
  }
  if (isListedForStaff(from) !== isListedForStaff(to)) {
    if (isListedForStaff(to)) {
      set.push('gsiEntity = :entity');
      values[':entity'] = ALL_SUBMISSIONS;
    } else remove.push('gsiEntity');
  }
  return { set, remove, values };
}

export function fromSubmissionItem(item: Record<string, unknown>): Submission {
  return {
    submissionId: item.submissionId as string,
    provider: item.provider as Submission['provider'],
    referenceNumber: (item.referenceNumber as string | null) ?? null,
    status: item.status as SubmissionStatus,
    createdAt: item.createdAt as string,
    submittedAt: (item.submittedAt as string | null) ?? null,
    estimatedReviewCompletionDate: (item.estimatedReviewCompletionDate as string | null) ?? null,
    reviewDueDate: (item.reviewDueDate as string | null) ?? null,
    documentIds: (item.documentIds as string[]) ?? [],
    documentTypes: (item.documentTypes as Submission['documentTypes']) ?? [],
    emailsSent: (item.emailsSent as Submission['emailsSent']) ?? {},
    reviews: (item.reviews as Submission['reviews']) ?? {},
    reviewRevision: (item.reviewRevision as number | undefined) ?? 0,
    reviewCompletion: (item.reviewCompletion as ReviewCompletion | null) ?? null,
    earliestExpirationDate: (item.earliestExpirationDate as string | null | undefined) ?? null,
    ...(item.replacedBy ? { replacedBy: item.replacedBy as Submission['replacedBy'] } : {}),
    replacedDocuments: (item.replacedDocuments as string[] | undefined) ?? [],
    attempt: (item.attempt as number | undefined) ?? 1,
    attemptStartedAt: (item.attemptStartedAt as string | null) ?? (item.submittedAt as string | null) ?? null,
    failedAt: (item.failedAt as string | null) ?? null,
    pendingReference: (item.pendingReference as string | null) ?? null,
  };
}

/** The document without its key and index attributes. */
export function fromDocumentItem(item: Record<string, unknown>): SubmissionDocument {
  const fields = Object.fromEntries(Object.entries(item).filter(([name]) => name !== 'pk' && name !== 'sk' && !name.startsWith('gsi')));
  return { snapshot: null, ...fields } as unknown as SubmissionDocument;
}

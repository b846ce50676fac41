/**
 * How submissions and documents are laid out in the intake table (pk = SUBMISSION#id), and the
 * page tokens handed to clients: the mapping between items and domain records, in one place.
 */
import { INTAKE_INDEXES } from '../contract/tables.js';
import { ValidationFailed } from '../domain/errors.js';
import type { SubmissionStatus } from '../domain/status.js';
import type { Submission, SubmissionDocument } from '../domain/submission.js';

export const submissionKey = (id: string) => ({ pk: `SUBMISSION#${id}`, sk: '#SUBMISSION' });
export const documentItemKey = (submissionId: string, documentId: string) => ({ pk: `SUBMISSION#${submissionId}`, sk: `DOCUMENT#${documentId}` });
export const referenceKey = (referenceNumber: string) => ({ pk: `REFERENCE#${referenceNumber}`, sk: '#REFERENCE' });

/** The sparse index's one partition: every unfinished submission, ordered by creation. */
export const UNFINISHED = { attribute: INTAKE_INDEXES.unfinished.partitionKey, value: 'UNFINISHED' } as const;

export function toSubmissionItem(s: Submission) {
  return {
    ...submissionKey(s.submissionId),
    ...s,
    gsiProvider: s.provider.providerId,
    gsiCreated: `${s.createdAt}#${s.submissionId}`,
    gsiStatus: s.status,
    gsiEntity: 'SUBMISSION',
    ...(s.referenceNumber ? { gsiReference: s.referenceNumber } : {}),
  };
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
    documentIds: (item.documentIds as string[]) ?? [],
    emailsSent: (item.emailsSent as Submission['emailsSent']) ?? {},
    attempt: (item.attempt as number | undefined) ?? 1,
    attemptStartedAt: (item.attemptStartedAt as string | null) ?? (item.submittedAt as string | null) ?? null,
    failedAt: (item.failedAt as string | null) ?? null,
    pendingReference: (item.pendingReference as string | null) ?? null,
  };
}

export function fromDocumentItem(item: Record<string, unknown>): SubmissionDocument {
  const { pk: _pk, sk: _sk, gsiDocument: _g, ...rest } = item;
  return { snapshot: null, ...rest } as unknown as SubmissionDocument;
}

export function encodeToken(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

export const INVALID_TOKEN = () =>
  new ValidationFailed('The page token is not valid. Start again from the first page.', [{ path: 'nextToken', message: 'Not a token this API issued.' }]);

/** A page token is the last key DynamoDB returned: only submission items' string key attributes. */
const TOKEN_KEYS = new Set(['pk', 'sk', 'gsiProvider', 'gsiStatus', 'gsiEntity', 'gsiCreated', UNFINISHED.attribute]);

export function decodeToken(token: string | undefined): Record<string, unknown> | undefined {
  if (!token) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw INVALID_TOKEN();
  }
  const valid =
    parsed !== null &&
    typeof parsed === 'object' &&
    !Array.isArray(parsed) &&
    Object.entries(parsed).every(([key, value]) => TOKEN_KEYS.has(key) && typeof value === 'string') &&
    String((parsed as Record<string, unknown>).pk ?? '').startsWith('SUBMISSION#') &&
    (parsed as Record<string, unknown>).sk === '#SUBMISSION';
  if (!valid) throw INVALID_TOKEN();
  return parsed as Record<string, unknown>;
}

/** Typed calls to the intake API with the signed-in user's ID token. */
import { useMemo } from 'react';
import { SessionExpired, useAuth } from '../auth/AuthProvider.js';
import { SignInError } from '../auth/cognito.js';
import type { DownloadDisposition, ReviewQueueStatus } from '../../../src/contract/vocabulary.js';
import type {
  AuditTrail,
  CompleteReviewResult,
  CreatedSubmission,
  CreateDocumentBody,
  DocumentView,
  DocumentHistory,
  DownloadUrl,
  ExpiringDocuments,
  FieldProblem,
  ProviderCredentials,
  ProviderDirectoryPage,
  ReviewQueue,
  ReviewRequestBody,
  SubmissionList,
  SubmissionView,
  SubmitResult,
  UploadLinks,
} from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.code === 'NOT_FOUND');
}

/** A sentence she can act on, whatever went wrong. */
export function describeError(error: unknown): string {
  if (error instanceof SessionExpired || error instanceof SignInError) return error.message;
  if (error instanceof ApiError) {
    if (error.status === 0) return 'We could not reach the server. Check your connection and try again.';
    if (error.status === 429 || error.status === 503) return 'The service is busy for a moment. Your information is kept — try again in a few seconds.';
    if (error.status >= 500) return 'Something went wrong on our side. Your information is kept — try again in a minute.';
    return error.message;
  }
  return 'Something unexpected happened. Try again.';
}

export interface QueueQuery {
  status?: ReviewQueueStatus | undefined;
  documentType?: string | undefined;
  nextToken?: string | undefined;
}

function queryString(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return entries.length > 0 ? `?${new URLSearchParams(entries).toString()}` : '';
}

export interface Api {
  /** Newest first; staff may ask for one provider's (`providerId`). */
  listSubmissions(status?: string, nextToken?: string, providerId?: string): Promise<SubmissionList>;
  getSubmission(submissionId: string): Promise<SubmissionView>;
  getSubmissionByReference(referenceNumber: string): Promise<SubmissionView>;
  /** `clientToken`: the same one for every send of one Submit, so a repeat answers the same submission. */
  createSubmission(documents: CreateDocumentBody[], clientToken: string): Promise<CreatedSubmission>;
  submit(submissionId: string): Promise<SubmitResult>;
  /** New upload links for a draft's documents (a link lives 5 minutes; a slow upload outlives it). */
  renewUploadLinks(submissionId: string): Promise<UploadLinks>;
  /** Throws away a draft that was never submitted (409 once it was). */
  discard(submissionId: string): Promise<SubmitResult>;
  reviewQueue(query: QueueQuery): Promise<ReviewQueue>;
  downloadUrl(documentId: string, disposition: DownloadDisposition): Promise<DownloadUrl>;
  reviewDocument(documentId: string, body: ReviewRequestBody): Promise<DocumentView>;
  completeReview(submissionId: string): Promise<CompleteReviewResult>;
  audit(submissionId: string): Promise<AuditTrail>;
  /** Her own credentials, or (staff) a provider's. */
  getCredentials(providerId?: string): Promise<ProviderCredentials>;
  getDocumentHistory(documentId: string): Promise<DocumentHistory>;
  listExpiring(days: number, nextToken?: string): Promise<ExpiringDocuments>;
  /** Staff: the providers who sent a submission, by name; `q` searches name words and email. */
  listProviders(q?: string, nextToken?: string): Promise<ProviderDirectoryPage>;
}

export function useApi(): Api {
  const { config, getIdToken, expire } = useAuth();

  return useMemo(() => {
    async function call<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
      const token = await getIdToken({ forceRefresh: retried });
      let response: Response;
      try {
        response = await fetch(`${config.apiUrl}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'application/json',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? null : JSON.stringify(body),
        });
      } catch {
        throw new ApiError(0, 'NETWORK', 'We could not reach the server. Check your connection and try again.');
      }
      if (response.status === 401) {
        // The token may have been revoked or expired in flight: one refresh, then sign-in.
        if (!retried) return call<T>(method, path, body, true);
        expire();
        throw new SessionExpired();
      }
      const payload = (await response.json().catch(() => null)) as unknown;
      if (!response.ok) {
        const error = (payload as { error?: { code?: string; message?: string; details?: FieldProblem[] } } | null)?.error;
        throw new ApiError(
          response.status,
          error?.code ?? `HTTP_${response.status}`,
          error?.message ?? `The server answered ${response.status}.`,
          Array.isArray(error?.details) ? error.details : [],
        );
      }
      return payload as T;
    }

    return {
      listSubmissions: (status, nextToken, providerId) => call('GET', `/submissions${queryString({ status, nextToken, providerId })}`),
      getSubmission: (id) => call('GET', `/submissions/${encodeURIComponent(id)}`),
      getSubmissionByReference: (ref) => call('GET', `/submissions/by-reference/${encodeURIComponent(ref)}`),
      createSubmission: (documents, clientToken) => call('POST', '/submissions', { documents, clientToken }),
      submit: (id) => call('POST', `/submissions/${encodeURIComponent(id)}/submit`, {}),
      renewUploadLinks: (id) => call('POST', `/submissions/${encodeURIComponent(id)}/upload-links`, {}),
      reviewQueue: (query) => call('GET', `/review-queue${queryString({ ...query })}`),
      downloadUrl: (id, disposition) => call('GET', `/documents/${encodeURIComponent(id)}/download-url?disposition=${disposition}`),
      reviewDocument: (id, body) => call('POST', `/documents/${encodeURIComponent(id)}/review`, body),
      completeReview: (id) => call('POST', `/submissions/${encodeURIComponent(id)}/complete-review`, {}),
      audit: (id) => call('GET', `/submissions/${encodeURIComponent(id)}/audit`),
      discard: (id) => call('POST', `/submissions/${encodeURIComponent(id)}/discard`, {}),
      getCredentials: (providerId) => call('GET', providerId ? `/providers/${encodeURIComponent(providerId)}/credentials` : '/credentials'),
      getDocumentHistory: (documentId) => call('GET', `/documents/${encodeURIComponent(documentId)}/history`),
      listProviders: (q, nextToken) => call('GET', `/providers${queryString({ q, nextToken })}`),
      listExpiring: (days, nextToken) => call('GET', `/credentials/expiring?days=${days}${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`),
    };
  }, [config.apiUrl, getIdToken, expire]);
}

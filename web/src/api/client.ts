/** Typed calls to the intake API with the signed-in user's ID token. */
import { useMemo } from 'react';
import { SessionExpired, useAuth } from '../auth/AuthProvider.js';
import type { CreatedSubmission, CreateDocumentBody, DocumentHistory, ExpiringDocuments, FieldProblem, ProviderCredentials, SubmissionList, SubmissionView } from './types.js';

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
  if (error instanceof SessionExpired) return error.message;
  if (error instanceof ApiError) {
    if (error.status === 0) return 'We could not reach the server. Check your connection and try again.';
    if (error.status >= 500) return 'Something went wrong on our side. Your information is kept — try again in a minute.';
    return error.message;
  }
  return 'Something unexpected happened. Try again.';
}

export interface Api {
  listSubmissions(status?: string): Promise<SubmissionList>;
  getSubmission(submissionId: string): Promise<SubmissionView>;
  getSubmissionByReference(referenceNumber: string): Promise<SubmissionView>;
  createSubmission(documents: CreateDocumentBody[]): Promise<CreatedSubmission>;
  submit(submissionId: string): Promise<{ submissionId: string; status: string }>;
  /** Her own credentials, or (staff) a provider's. */
  getCredentials(providerId?: string): Promise<ProviderCredentials>;
  getDocumentHistory(documentId: string): Promise<DocumentHistory>;
  listExpiring(days: number, nextToken?: string): Promise<ExpiringDocuments>;
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
      listSubmissions: (status) => call('GET', `/submissions${status ? `?status=${encodeURIComponent(status)}` : ''}`),
      getSubmission: (id) => call('GET', `/submissions/${encodeURIComponent(id)}`),
      getSubmissionByReference: (ref) => call('GET', `/submissions/by-reference/${encodeURIComponent(ref)}`),
      createSubmission: (documents) => call('POST', '/submissions', { documents }),
      submit: (id) => call('POST', `/submissions/${encodeURIComponent(id)}/submit`, {}),
      getCredentials: (providerId) => call('GET', providerId ? `/providers/${encodeURIComponent(providerId)}/credentials` : '/credentials'),
      getDocumentHistory: (documentId) => call('GET', `/documents/${encodeURIComponent(documentId)}/history`),
      listExpiring: (days, nextToken) => call('GET', `/credentials/expiring?days=${days}${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`),
    };
  }, [config.apiUrl, getIdToken, expire]);
}

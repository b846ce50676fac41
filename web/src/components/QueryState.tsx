/** What a query's part of the page says while it loads, when it failed, and once its data is there. */
import type { ReactNode } from 'react';
import { describeError } from '../api/client.js';

interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch(): unknown;
}

/**
 * A read that failed: why, and a way to try again. A failed refresh (her Wi-Fi dropping as she
 * comes back to the tab) keeps what was last loaded on screen, below this, instead of replacing it.
 */
export function QueryProblem({ query, failed }: { query: { error: unknown; data?: unknown; refetch(): unknown }; failed?: string }) {
  return (
    <div className="notice notice--error query-problem" role="alert">
      <p>
        {failed && `${failed} `}
        {describeError(query.error)}
        {query.data !== undefined && ' What you see is what we last heard.'}
      </p>
      <button type="button" className="button button--small button--secondary" onClick={() => void query.refetch()}>
        Try again
      </button>
    </div>
  );
}

export function QueryState<T>({ query, loading, failed, children }: { query: QueryLike<T>; loading: string; failed: string; children: (data: T) => ReactNode }) {
  if (query.isPending) {
    return (
      <p role="status" className="loading">
        {loading}
      </p>
    );
  }
  if (query.isError && query.data === undefined) return <QueryProblem query={query} failed={failed} />;
  return (
    <>
      {query.isError && <QueryProblem query={query} failed={failed} />}
      {children(query.data as T)}
    </>
  );
}

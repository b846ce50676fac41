/** What a query's part of the page says while it loads, when it failed, and once its data is there. */
import type { ReactNode } from 'react';
import { describeError } from '../api/client.js';

interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
}

export function QueryState<T>({ query, loading, failed, children }: { query: QueryLike<T>; loading: string; failed: string; children: (data: T) => ReactNode }) {
  if (query.isPending) {
    return (
      <p role="status" className="loading">
        {loading}
      </p>
    );
  }
  if (query.isError) {
    return (
      <p className="notice notice--error" role="alert">
        {failed} {describeError(query.error)}
      </p>
    );
  }
  return <>{children(query.data as T)}</>;
}

/** Staff: current documents of every provider that expire within the next 90 days, soonest first, a page at a time. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { portalPaths } from '../../../src/contract/portal-routes.js';
import { EXPIRY_WARNING_DAYS } from '../../../src/domain/expiry.js';
import { useApi } from '../api/client.js';
import type { ExpiringDocumentView } from '../api/types.js';
import { QueryState } from '../components/QueryState.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { expiresIn, formatDate, typeLabel } from '../format.js';

function ExpiringTable({ items }: { items: ExpiringDocumentView[] }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Documents expiring in the next {EXPIRY_WARNING_DAYS} days, soonest first</caption>
      <thead>
        <tr>
          <th scope="col">Provider</th>
          <th scope="col">Document</th>
          <th scope="col">Expires</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {items.map(({ provider, document, daysToExpiry }) => (
          <tr key={document.documentId}>
            <td data-label="Provider">
              <Link to={portalPaths.staffProvider(provider.providerId)}>{provider.name || provider.email}</Link>
            </td>
            <td data-label="Document">
              {typeLabel(document.documentType)}
              {document.details.jurisdiction ? ` (${document.details.jurisdiction})` : ''}
            </td>
            <td data-label="Expires">
              {formatDate(document.expirationDate)} <span className="muted">· {expiresIn(daysToExpiry)}</span>
            </td>
            <td data-label="Status">
              <StatusBadge status={document.status} kind="document" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ExpiringList() {
  const api = useApi();
  const query = useInfiniteQuery({
    queryKey: ['expiring', EXPIRY_WARNING_DAYS],
    queryFn: ({ pageParam }) => api.listExpiring(EXPIRY_WARNING_DAYS, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextToken,
  });
  return (
    <section className="card" aria-labelledby="expiring-heading">
      <h2 id="expiring-heading">Expiring in the next {EXPIRY_WARNING_DAYS} days</h2>
      <QueryState query={query} loading="Loading expiring documents…" failed="The list could not be loaded.">
        {(data) => {
          const items = data.pages.flatMap((page) => page.items);
          if (items.length === 0) return <p className="empty">No document on file expires in the next {EXPIRY_WARNING_DAYS} days.</p>;
          return (
            <>
              <ExpiringTable items={items} />
              {query.hasNextPage && (
                <p>
                  <button type="button" className="button button--secondary button--small" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                    {query.isFetchingNextPage ? 'Loading…' : 'Show more'}
                  </button>
                </p>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/**
 * The review queue: submissions waiting for a decision, oldest first, with days waiting and the
 * NCQA due date (overdue ones flagged). Status and document type filter on the server; a search
 * by provider name or email reads the rest of the queue, page by page, and filters it (the queue
 * holds only what is waiting: hundreds at most; see docs/review.md).
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { portalPaths } from '../../../src/contract/portal-routes.js';
import { DOCUMENT_TYPES, type DocumentType } from '../../../src/domain/catalog.js';
import { normalizeReferenceNumber } from '../../../src/domain/reference-number.js';
import type { ReviewQueueStatus } from '../../../src/contract/vocabulary.js';
import { useApi } from '../api/client.js';
import type { ReviewQueueItem } from '../api/types.js';
import { PageHeading } from '../components/Layout.js';
import { LoadMore } from '../components/LoadMore.js';
import { QueryProblem } from '../components/QueryState.js';
import { ExpiryFlag, StatusBadge } from '../components/StatusBadge.js';
import { ExpiringList } from '../credentials/ExpiringList.js';
import { formatDate, formatDateTime, typeLabel } from '../format.js';
import { useQueueFilters } from './queue-filters.js';

/** A reference typed in full, or a part of a name, email or reference: a name may read as a reference too (Hannah Baxter). */
function matches(item: ReviewQueueItem, search: string, reference: string | null): boolean {
  const text = search.trim().toLowerCase();
  if (!text) return true;
  if (reference && item.referenceNumber === reference) return true;
  return item.provider.name.toLowerCase().includes(text) || item.provider.email.toLowerCase().includes(text) || item.referenceNumber.toLowerCase().includes(text);
}

function Waiting({ item }: { item: ReviewQueueItem }) {
  return (
    <>
      {item.daysWaiting === 1 ? '1 day' : `${item.daysWaiting} days`}
      {item.overdue && (
        <>
          {' '}
          <span className="badge badge--danger">Overdue</span>
        </>
      )}
    </>
  );
}

/** Decisions out of the documents that need one (a document replaced by a newer version is decided by its replacement), and who made them. */
function Decided({ item }: { item: ReviewQueueItem }) {
  const toDecide = item.documentCount - item.replacedCount;
  return (
    <>
      {toDecide > 0 && `${item.decidedCount} of ${toDecide}`}
      {item.replacedCount > 0 && (
        <span className="muted">
          {toDecide > 0 && ' · '}
          {item.replacedCount} replaced
        </span>
      )}
      {item.reviewers.length > 0 && <span className="queue__reviewers muted">by {item.reviewers.join(', ')}</span>}
    </>
  );
}

export function ReviewQueuePage() {
  const api = useApi();
  const navigate = useNavigate();
  const ids = useId();
  const [{ status, documentType, search }, setFilters] = useQueueFilters();
  const queue = useInfiniteQuery({
    queryKey: ['review-queue', status, documentType],
    queryFn: ({ pageParam }) => api.reviewQueue({ status: status || undefined, documentType: documentType || undefined, nextToken: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextToken,
  });
  const loaded = useMemo(() => queue.data?.pages.flatMap((page) => page.items) ?? [], [queue.data]);
  const reference = normalizeReferenceNumber(search);
  const shown = loaded.filter((item) => matches(item, search, reference));
  // What she looks for may be anywhere in the queue: a search reads it all. A filtered page may
  // come back empty with more to read (the API reads a bounded number of entries per page): read on.
  const searchingAll = queue.hasNextPage && (search.trim() !== '' || loaded.length === 0);
  const { fetchNextPage, isFetchingNextPage, isFetchNextPageError } = queue;
  useEffect(() => {
    if (searchingAll && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage();
  }, [searchingAll, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);
  // Oldest first, so the overdue ones come first: when every loaded one is overdue, more may be.
  const overdueCount = loaded.filter((item) => item.overdue).length;
  const overdue = overdueCount > 0 && overdueCount === loaded.length && queue.hasNextPage ? `${overdueCount}+` : String(overdueCount);

  return (
    <>
      <div className="page-header">
        <div>
          <PageHeading>Review queue</PageHeading>
          <p className="lede">Submissions waiting for a decision, oldest first. NCQA: the provider must hear the decision within 30 calendar days of submitting.</p>
        </div>
        <Link to="/staff" className="button button--secondary">
          All submissions
        </Link>
      </div>

      <section className="card" aria-labelledby="queue-heading">
        <div className="card__header">
          <h2 id="queue-heading">
            Waiting for review{queue.isSuccess ? ` (${loaded.length}${queue.hasNextPage ? '+' : ''})` : ''}
            {overdueCount > 0 && <span className="badge badge--danger queue__overdue-count">{overdue} overdue</span>}
          </h2>
        </div>
        <form className="queue-filters" role="search" aria-label="Filter the review queue" onSubmit={(event) => {
          event.preventDefault();
          const match = reference ? loaded.find((item) => item.referenceNumber === reference) : null;
          if (reference && !match) navigate(`/reference/${reference}`);
        }}>
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-search`}>
              Find by reference, provider name or email
            </label>
            <input id={`${ids}-search`} type="text" autoComplete="off" spellCheck={false} value={search} onChange={(event) => setFilters({ search: event.target.value })} placeholder="CRD-… or Emily Johnson" />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-status`}>
              Status
            </label>
            <select id={`${ids}-status`} value={status} onChange={(event) => setFilters({ status: event.target.value as ReviewQueueStatus | '' })}>
              <option value="">Received and in review</option>
              <option value="RECEIVED">Received (not started)</option>
              <option value="IN_REVIEW">In review</option>
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-type`}>
              Document type
            </label>
            <select id={`${ids}-type`} value={documentType} onChange={(event) => setFilters({ documentType: event.target.value as DocumentType | '' })}>
              <option value="">Any document</option>
              {DOCUMENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {typeLabel(type)}
                </option>
              ))}
            </select>
          </div>
        </form>

        {/* A refresh that fails keeps the rows already loaded below it. */}
        {queue.isError && <QueryProblem query={queue} failed="The queue could not be loaded." />}
        {queue.isPending ? (
          <p role="status" className="loading">
            Loading the queue…
          </p>
        ) : queue.data === undefined ? null : searchingAll && shown.length === 0 ? (
          <p role="status" className="loading">
            Searching the rest of the queue…
          </p>
        ) : shown.length === 0 ? (
          <p className="empty" role="status">
            {loaded.length === 0 ? 'Nothing is waiting for review.' : `No submission waiting for review matches your search.${reference ? ` Press Enter to look up ${reference} among all submissions.` : ''}`}
          </p>
        ) : (
          <table className="table queue">
            <caption className="visually-hidden">Submissions waiting for review, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Provider</th>
                <th scope="col">Submitted</th>
                <th scope="col">Waiting</th>
                <th scope="col">Decision due</th>
                <th scope="col">Status</th>
                <th scope="col">Decided</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.submissionId} className={item.overdue ? 'queue__row--overdue' : undefined}>
                  <td data-label="Reference">
                    <Link to={`/review/${item.submissionId}`} className="mono">
                      {item.referenceNumber}
                    </Link>
                  </td>
                  <td data-label="Provider">
                    <Link to={portalPaths.staffProvider(item.provider.providerId)} className="queue__provider">
                      {item.provider.name}
                    </Link>
                    <span className="muted queue__email">{item.provider.email}</span>
                  </td>
                  <td data-label="Submitted">{formatDateTime(item.submittedAt)}</td>
                  <td data-label="Waiting">
                    <Waiting item={item} />
                  </td>
                  <td data-label="Decision due">{formatDate(item.reviewDueDate)}</td>
                  <td data-label="Status">
                    <StatusBadge status={item.status} />
                    <ExpiryFlag expirationDate={item.earliestExpirationDate} />
                  </td>
                  <td data-label="Decided">
                    <Decided item={item} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <LoadMore query={queue} />
      </section>
      <ExpiringList />
    </>
  );
}

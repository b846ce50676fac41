/** Staff: every submitted submission (drafts never sent are not listed), newest first, by status. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { SUBMISSION_STATUSES, isListedForStaff } from '../../../src/domain/status.js';
import { useApi } from '../api/client.js';
import { PageHeading } from '../components/Layout.js';
import { SUBMISSION_STATUS } from '../format.js';
import { PagedSubmissions, ReferenceLookup } from './HomePage.js';

const STAFF_STATUSES = SUBMISSION_STATUSES.filter(isListedForStaff);

export function AllSubmissionsPage() {
  const api = useApi();
  const [status, setStatus] = useState('');
  const list = useInfiniteQuery({
    queryKey: ['submissions', 'staff', status],
    queryFn: ({ pageParam }) => api.listSubmissions(status || undefined, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextToken,
  });
  return (
    <>
      <div className="page-header">
        <div>
          <PageHeading>All submissions</PageHeading>
          <p className="lede">Every submission a provider has sent, newest first. Those waiting for a decision are in the review queue.</p>
        </div>
        <Link to="/review" className="button button--secondary">
          Review queue
        </Link>
      </div>
      <section className="card" aria-labelledby="all-heading">
        <div className="card__header">
          <h2 id="all-heading">Submissions</h2>
          <div className="field">
            <label className="field__label" htmlFor="all-status">
              Status
            </label>
            <select id="all-status" value={status} onChange={(event) => setStatus(event.target.value)}>
              <option value="">Any status</option>
              {STAFF_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {SUBMISSION_STATUS[value].label}
                </option>
              ))}
            </select>
          </div>
          <ReferenceLookup />
        </div>
        <PagedSubmissions query={list} loading="Loading submissions…" failed="The submissions could not be loaded." empty={<p className="empty">No submissions.</p>} forStaff />
      </section>
    </>
  );
}

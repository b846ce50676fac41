/** Credentialing staff: the review tools come with the review issue; meanwhile a read-only queue. */
import { useQuery } from '@tanstack/react-query';
import { describeError, useApi } from '../api/client.js';
import { PageHeading } from '../components/Layout.js';
import { ExpiringList } from '../credentials/ExpiringList.js';
import { ReferenceLookup, SubmissionTable, sortNewestFirst } from './HomePage.js';

export function StaffHomePage() {
  const api = useApi();
  const list = useQuery({ queryKey: ['submissions', 'staff'], queryFn: () => api.listSubmissions() });
  const items = sortNewestFirst(list.data?.items ?? []);
  return (
    <>
      <PageHeading>Review queue</PageHeading>
      <p className="notice notice--info">
        <strong>The staff review view is coming soon.</strong> Verifying and rejecting documents will be available here in an upcoming release.
        Until then you can see incoming submissions and open their details.
      </p>
      <section className="card" aria-labelledby="queue-heading">
        <div className="card__header">
          <h2 id="queue-heading">Incoming submissions</h2>
          <ReferenceLookup />
        </div>
        {list.isPending ? (
          <p role="status" className="loading">
            Loading submissions…
          </p>
        ) : list.isError ? (
          <p className="notice notice--error" role="alert">
            The queue could not be loaded. {describeError(list.error)}
          </p>
        ) : items.length === 0 ? (
          <p className="empty">No submissions yet.</p>
        ) : (
          <SubmissionTable items={items} showProvider />
        )}
      </section>
      <ExpiringList />
    </>
  );
}

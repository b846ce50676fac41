/**
 * Staff: one provider's credentials — the same view she has, without her actions — and every
 * submission she sent, newest first (the provider directory, the weekly digest and the staff lists link here).
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PORTAL_ROUTES } from '../../../src/contract/portal-routes.js';
import { isNotFound, useApi } from '../api/client.js';
import { PageHeading } from '../components/Layout.js';
import { QueryState } from '../components/QueryState.js';
import { CredentialList } from '../credentials/CredentialList.js';
import { formatDate } from '../format.js';
import { PagedSubmissions } from './HomePage.js';
import { NotFoundPage } from './NotFoundPage.js';

export function StaffProviderPage() {
  const { providerId = '' } = useParams();
  const api = useApi();
  const query = useQuery({ queryKey: ['credentials', providerId], queryFn: () => api.getCredentials(providerId), retry: (count, error) => !isNotFound(error) && count < 2 });
  const submissions = useInfiniteQuery({
    queryKey: ['submissions', 'staff', 'provider', providerId],
    queryFn: ({ pageParam }) => api.listSubmissions(undefined, pageParam, providerId),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextToken,
    retry: (count, error) => !isNotFound(error) && count < 2,
  });
  if (query.isError && isNotFound(query.error)) return <NotFoundPage what="provider" />;
  const provider = query.data?.provider;
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link to={PORTAL_ROUTES.staffProviders}>Providers</Link> / Provider
          </p>
          <PageHeading title={provider ? `Credentials of ${provider.name}` : 'Provider credentials'}>{provider ? `Credentials of ${provider.name}` : 'Provider credentials'}</PageHeading>
          {provider && <p className="lede">{provider.email}</p>}
        </div>
      </div>
      <section className="card" aria-labelledby="provider-credentials-heading">
        <h2 id="provider-credentials-heading">Credentials{query.data ? ` as of ${formatDate(query.data.today)}` : ''}</h2>
        <QueryState query={query} loading="Loading credentials…" failed="The credentials could not be loaded.">
          {(data) => (data.provider ? <CredentialList credentials={data} canAct={false} audience="staff" /> : <p className="empty">This provider has no documents on file.</p>)}
        </QueryState>
      </section>
      <section className="card" aria-labelledby="provider-submissions-heading">
        <h2 id="provider-submissions-heading">Submissions</h2>
        <PagedSubmissions query={submissions} loading="Loading submissions…" failed="The submissions could not be loaded." empty={<p className="empty">No submission sent yet.</p>} forStaff withProvider={false} />
      </section>
    </>
  );
}

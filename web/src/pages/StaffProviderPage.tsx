/** Staff: one provider's credentials — the same view she has, without her actions (the weekly digest links here). */
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { isNotFound, useApi } from '../api/client.js';
import { PageHeading } from '../components/Layout.js';
import { QueryState } from '../components/QueryState.js';
import { CredentialList } from '../credentials/CredentialList.js';
import { formatDate } from '../format.js';
import { NotFoundPage } from './NotFoundPage.js';

export function StaffProviderPage() {
  const { providerId = '' } = useParams();
  const api = useApi();
  const query = useQuery({ queryKey: ['credentials', providerId], queryFn: () => api.getCredentials(providerId), retry: (count, error) => !isNotFound(error) && count < 2 });
  if (query.isError && isNotFound(query.error)) return <NotFoundPage what="provider" />;
  const provider = query.data?.provider;
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link to="/">Review queue</Link> / Provider
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
    </>
  );
}

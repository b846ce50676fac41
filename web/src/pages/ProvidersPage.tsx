/**
 * Staff: the directory of providers who sent a submission, family name first ("Chen, Michael"),
 * with the state of each one's file. The search lives in the address (`?q=`), so a reload, a
 * shared link and Back keep it.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { portalPaths } from '../../../src/contract/portal-routes.js';
import { EXPIRY_WARNING_DAYS } from '../../../src/domain/expiry.js';
import { MAX_SEARCH_LENGTH, parseSearch } from '../../../src/domain/provider-directory.js';
import { useApi } from '../api/client.js';
import type { ProviderDirectoryEntry, ProviderFileState } from '../api/types.js';
import { PageHeading } from '../components/Layout.js';
import { LoadMore } from '../components/LoadMore.js';
import { QueryState } from '../components/QueryState.js';
import { formatDateTime } from '../format.js';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What needs a reviewer, worst first; a calm word when nothing does. */
function FileState({ file }: { file: ProviderFileState }) {
  const flags = [
    file.toReplace > 0 && { tone: 'danger', text: `${plural(file.toReplace, 'document', 'documents')} to replace` },
    file.expired > 0 && { tone: 'danger', text: `${file.expired} expired` },
    file.expiring > 0 && { tone: 'warning', text: `${file.expiring} expiring soon` },
    file.awaitingReview > 0 && { tone: 'info', text: `${file.awaitingReview} waiting for review` },
  ].filter((flag): flag is { tone: string; text: string } => Boolean(flag));
  if (file.credentials === 0) return <span className="muted">Nothing on file yet</span>;
  if (flags.length === 0) return <span className="badge badge--success">Nothing needs attention</span>;
  return (
    <ul className="inline-list">
      {flags.map((flag) => (
        <li key={flag.text}>
          <span className={`badge badge--${flag.tone}`}>{flag.text}</span>
        </li>
      ))}
    </ul>
  );
}

function ProviderTable({ items }: { items: ProviderDirectoryEntry[] }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Providers by family name, with the state of each one's file</caption>
      <thead>
        <tr>
          <th scope="col">Provider</th>
          <th scope="col">Last submitted</th>
          <th scope="col">Her file</th>
        </tr>
      </thead>
      <tbody>
        {items.map((provider) => (
          <tr key={provider.providerId}>
            <td data-label="Provider">
              <Link to={portalPaths.staffProvider(provider.providerId)}>{provider.listedName || provider.email}</Link>
              <br />
              <span className="muted">{provider.email}</span>
            </td>
            <td data-label="Last submitted">{formatDateTime(provider.lastSubmittedAt)}</td>
            <td data-label="Her file">
              <FileState file={provider.file} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The search form: what she types stays hers until she searches; then the address holds it. */
function ProviderSearch({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const [value, setValue] = useState(q);
  const [error, setError] = useState<string | null>(null);
  // Back, Forward or a link changes the address: the box shows that search.
  useEffect(() => setValue(q), [q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The API's own rule, so the words she reads are the field's, before anything is sent.
    const search = parseSearch(value);
    setError('problem' in search ? search.problem.message : null);
    if (!('problem' in search)) onSearch(value.trim());
  };
  return (
    <form className="lookup" onSubmit={submit} role="search" aria-label="Find a provider">
      <label htmlFor="provider-search" className="field__label">
        Name or email
      </label>
      <div className="lookup__row">
        <input
          id="provider-search"
          type="search"
          autoComplete="off"
          spellCheck={false}
          maxLength={MAX_SEARCH_LENGTH}
          placeholder="e.g. chen, michael.c"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-describedby="provider-search-error"
          aria-invalid={Boolean(error)}
        />
        <button type="submit" className="button button--secondary">
          Search
        </button>
      </div>
      <p id="provider-search-error" className="field__error" aria-live="polite">
        {error}
      </p>
    </form>
  );
}

export function ProvidersPage() {
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const query = useInfiniteQuery({
    queryKey: ['providers', q],
    queryFn: ({ pageParam }) => api.listProviders(q || undefined, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextToken,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <div className="page-header">
        <div>
          <PageHeading>Providers</PageHeading>
          <p className="lede">Every provider who has sent a submission, by family name. Open one for her credentials and submissions; "expiring soon" is within {EXPIRY_WARNING_DAYS} days.</p>
        </div>
      </div>
      <section className="card" aria-labelledby="providers-heading">
        <div className="card__header">
          <h2 id="providers-heading">{q ? `Providers matching "${q}"` : 'All providers'}</h2>
          <ProviderSearch q={q} onSearch={(next) => setParams(next ? { q: next } : {})} />
        </div>
        <QueryState query={query} loading="Loading providers…" failed="The providers could not be loaded.">
          {() => (items.length === 0 ? <p className="empty">{q ? `No provider matches "${q}".` : 'No provider has sent a submission yet.'}</p> : <ProviderTable items={items} />)}
        </QueryState>
        <LoadMore query={query} />
      </section>
    </>
  );
}

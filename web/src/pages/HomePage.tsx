/** Her submissions, newest first, and the way to upload more or find one by reference. */
import { useInfiniteQuery, useQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { normalizeReferenceNumber, referenceNumberProblem } from '../../../src/domain/reference-number.js';
import { portalPaths } from '../../../src/contract/portal-routes.js';
import { isSubmissionInProgress } from '../../../src/domain/status.js';
import { useApi } from '../api/client.js';
import type { SubmissionList, SubmissionListItem } from '../api/types.js';
import { useAuth } from '../auth/AuthProvider.js';
import { PageHeading } from '../components/Layout.js';
import { LoadMore } from '../components/LoadMore.js';
import { ExpiryFlag, SubmissionStatusBadge } from '../components/StatusBadge.js';
import { QueryState } from '../components/QueryState.js';
import { CredentialList } from '../credentials/CredentialList.js';
import { formatDateTime } from '../format.js';
import { checkedDraft, homeDraftQueryKey } from '../upload/checked-draft.js';

export function sortNewestFirst(items: SubmissionListItem[]): SubmissionListItem[] {
  return [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function ReferenceLookup() {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const reference = normalizeReferenceNumber(value);
    if (!reference) {
      setError(referenceNumberProblem(value) ?? 'Enter a reference number like CRD-7K4M-9QXP-H3TW.');
      return;
    }
    setError(null);
    navigate(`/reference/${reference}`);
  };
  return (
    <form className="lookup" onSubmit={onSubmit} noValidate role="search" aria-label="Find a submission by reference number">
      <label htmlFor="reference" className="field__label">
        Find by reference number
      </label>
      <div className="lookup__row">
        <input
          id="reference"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder="CRD-XXXX-XXXX-XXXX"
          className="uppercase"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-describedby="reference-error"
          aria-invalid={Boolean(error)}
        />
        <button type="submit" className="button button--secondary">
          Find
        </button>
      </div>
      <p id="reference-error" className="field__error" aria-live="polite">
        {error}
      </p>
    </form>
  );
}

export function HomePage() {
  const api = useApi();
  const { session } = useAuth();
  // Page by page, newest first: a provider of many years has more than one page.
  const list = useInfiniteQuery({
    queryKey: ['submissions', 'mine'],
    queryFn: ({ pageParam }) => api.listSubmissions(undefined, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextToken,
    // A delayed submission is re-driven within minutes: no need to ask every few seconds.
    refetchInterval: (query) => {
      const inProgress = (query.state.data?.pages ?? []).flatMap((page) => page.items).filter((item) => isSubmissionInProgress(item.status));
      return inProgress.length === 0 ? false : inProgress.some((item) => item.status === 'VALIDATING') ? 3000 : 15_000;
    },
  });
  const credentials = useQuery({
    queryKey: ['credentials'],
    queryFn: () => api.getCredentials(),
    refetchInterval: (query) => (query.state.data?.credentials.some((credential) => credential.standing === 'CHECKING') ? 3000 : false),
  });
  const draft = useQuery({ queryKey: homeDraftQueryKey(session!.username), queryFn: () => checkedDraft(api, session!.username), gcTime: 0 });
  // A draft that went in after all (a reload while Submit was on its way) is in the list below, not unfinished.
  const unfinished = draft.data?.kind === 'draft' && draft.data.form.documents.some((doc) => doc.file || doc.lostFile || doc.issueDate || doc.issuingAuthority);
  const uploadingNow = draft.data?.kind === 'draft' && (draft.data.lastRun === 'here' || draft.data.lastRun === 'elsewhere') ? draft.data.lastRun : null;

  return (
    <>
      <div className="page-header">
        <div>
          <PageHeading>My submissions</PageHeading>
          <p className="lede">
            Signed in as {session!.name}. Upload your credentialing documents and follow their review here.
          </p>
        </div>
        <Link to="/upload" className="button button--large">
          Upload documents
        </Link>
      </div>

      {uploadingNow ? (
        <p className="notice notice--info" role="status">
          Your documents are being uploaded {uploadingNow === 'here' ? 'from this tab' : 'in another tab'}. You get an email once they are received.
        </p>
      ) : (
        unfinished && (
          <p className="notice notice--info">
            You have an unfinished upload. <Link to="/upload">Continue where you left off</Link>.
          </p>
        )
      )}

      <section className="card" aria-labelledby="credentials-heading">
        <div className="card__header">
          <div>
            <h2 id="credentials-heading">My credentials</h2>
            <p className="muted">Your current document of each kind, where it stands, and every earlier version. Renew a document here before it expires.</p>
          </div>
        </div>
        <QueryState query={credentials} loading="Loading your credentials…" failed="We could not load your credentials.">
          {(data) => <CredentialList credentials={data} canAct audience="provider" />}
        </QueryState>
      </section>

      <section className="card" aria-labelledby="submissions-heading">
        <div className="card__header">
          <h2 id="submissions-heading">Submissions</h2>
          <ReferenceLookup />
        </div>
        <PagedSubmissions
          query={list}
          loading="Loading your submissions…"
          failed="We could not load your submissions."
          empty={
            <div className="empty">
              <p>You have not submitted any documents yet.</p>
              <p>Start with <Link to="/upload">Upload documents</Link>: you will need your medical license, board certification, DEA registration, CV and malpractice insurance certificate.</p>
            </div>
          }
        />
      </section>
    </>
  );
}

/** A list of submissions a page at a time: loading, failure, `empty`, the table, Load more. */
export function PagedSubmissions({ query, loading, failed, empty, forStaff = false, withProvider = forStaff }: {
  query: UseInfiniteQueryResult<InfiniteData<SubmissionList, unknown>>;
  loading: string;
  failed: string;
  empty: ReactNode;
  forStaff?: boolean;
  withProvider?: boolean;
}) {
  const items = sortNewestFirst(query.data?.pages.flatMap((page) => page.items) ?? []);
  return (
    <>
      <QueryState query={query} loading={loading} failed={failed}>
        {() => (items.length === 0 ? empty : <SubmissionTable items={items} forStaff={forStaff} withProvider={withProvider} />)}
      </QueryState>
      <LoadMore query={query} />
    </>
  );
}

/** `withProvider`: staff see who sent each one, except on that provider's own page. */
export function SubmissionTable({ items, forStaff = false, withProvider = forStaff }: { items: SubmissionListItem[]; forStaff?: boolean; withProvider?: boolean }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Submissions, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Reference</th>
          {withProvider && <th scope="col">Provider</th>}
          <th scope="col">Date</th>
          <th scope="col">Status</th>
          <th scope="col">Documents</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.submissionId}>
            <td data-label="Reference">
              {/* Staff open every submission on its review page (documents, decisions, audit trail). */}
              <Link to={forStaff ? `/review/${item.submissionId}` : `/submissions/${item.submissionId}`} className="mono">
                {item.referenceNumber ?? (item.status === 'AWAITING_UPLOAD' ? 'Not submitted yet' : 'No reference (not accepted)')}
              </Link>
            </td>
            {withProvider && <td data-label="Provider">{item.provider ? <Link to={portalPaths.staffProvider(item.provider.providerId)}>{item.provider.name}</Link> : '—'}</td>}
            <td data-label="Date">{formatDateTime(item.submittedAt ?? item.createdAt)}</td>
            <td data-label="Status">
              <SubmissionStatusBadge submission={item} />
              {forStaff && <ExpiryFlag expirationDate={item.earliestExpirationDate} />}
            </td>
            <td data-label="Documents">{item.documentCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A submission's status, reachable by id or by reference; polls while the workflow runs. */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { normalizeReferenceNumber } from '../../../src/domain/reference-number.js';
import { isSubmissionInProgress } from '../../../src/domain/status.js';
import { statusPollDelay } from '../../../src/domain/status-polling.js';
import { isNotFound, useApi } from '../api/client.js';
import type { SubmissionView } from '../api/types.js';
import { PageHeading } from '../components/Layout.js';
import { QueryProblem } from '../components/QueryState.js';
import { NotFoundPage } from './NotFoundPage.js';
import { SubmissionDetails } from './SubmissionDetails.js';

/** A delayed submission is re-driven within minutes, not seconds. */
const DELAYED_POLL_MS = 15_000;
/** Received documents are read against their details within minutes of submission: her warning may still come. */
const CROSS_CHECK_POLL_MS = 4000;
const CROSS_CHECK_WINDOW_MS = 10 * 60 * 1000;

function awaitingCrossCheck(data: SubmissionView): boolean {
  if (data.status !== 'RECEIVED' || !data.submittedAt || Date.now() - Date.parse(data.submittedAt) > CROSS_CHECK_WINDOW_MS) return false;
  return data.documents.some((doc) => doc.status === 'PENDING_REVIEW' && !doc.crossCheck);
}

export function refetchWhileInProgress(query: { state: { data?: SubmissionView; dataUpdateCount: number } }): number | false {
  const data = query.state.data;
  if (!data) return false;
  if (data.status === 'PROCESSING_FAILED') return DELAYED_POLL_MS;
  const documentsPending = data.documents.some((doc) => doc.status === 'VALIDATING');
  // Soon after submit, then less often: the outcome usually arrives within the first seconds.
  if (isSubmissionInProgress(data.status) || (data.status !== 'AWAITING_UPLOAD' && documentsPending)) return statusPollDelay(query.state.dataUpdateCount);
  return awaitingCrossCheck(data) ? CROSS_CHECK_POLL_MS : false;
}

function retryUnlessNotFound(count: number, error: unknown): boolean {
  return !isNotFound(error) && count < 2;
}

function Loaded({ query }: { query: { data?: SubmissionView; isPending: boolean; isError: boolean; error: unknown; refetch(): unknown } }) {
  const location = useLocation();
  const navigate = useNavigate();
  // "Thank you" belongs to the moment she submitted: taken once, and cleared from the history
  // entry so a reload or a later visit reads as a later visit.
  const [justSubmitted] = useState(() => Boolean((location.state as { justSubmitted?: boolean } | null)?.justSubmitted));
  const here = `${location.pathname}${location.search}`;
  useEffect(() => {
    if (justSubmitted) navigate(here, { replace: true, state: null });
  }, [justSubmitted, navigate, here]);
  if (query.isPending) {
    return (
      <>
        <PageHeading>Submission</PageHeading>
        <p role="status" className="loading">
          Loading…
        </p>
      </>
    );
  }
  if (query.isError && isNotFound(query.error)) return <NotFoundPage what="submission" />;
  if (query.isError && !query.data) {
    return (
      <>
        <PageHeading>Submission</PageHeading>
        <QueryProblem query={query} />
      </>
    );
  }
  return (
    <>
      {query.isError && <QueryProblem query={query} />}
      <SubmissionDetails submission={query.data!} justSubmitted={justSubmitted} />
    </>
  );
}

export function SubmissionPage() {
  const { submissionId = '' } = useParams();
  const api = useApi();
  const query = useQuery({
    queryKey: ['submission', submissionId],
    queryFn: () => api.getSubmission(submissionId),
    refetchInterval: refetchWhileInProgress,
    retry: retryUnlessNotFound,
  });
  return <Loaded query={query} />;
}

export function ReferencePage() {
  const { referenceNumber = '' } = useParams();
  const reference = normalizeReferenceNumber(referenceNumber);
  const api = useApi();
  const query = useQuery({
    queryKey: ['submission-by-reference', reference],
    queryFn: () => api.getSubmissionByReference(reference!),
    enabled: reference !== null,
    refetchInterval: refetchWhileInProgress,
    retry: retryUnlessNotFound,
  });
  if (!reference) return <NotFoundPage what="submission" />;
  return <Loaded query={query} />;
}

/** The review screen for one submission: who sent it, each document beside its preview with the decision, completion, the audit trail. */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { isoDateInZone } from '../../../src/domain/dates.js';
import { REVIEWABLE_STATUSES } from '../../../src/domain/review.js';
import { isNotFound, useApi } from '../api/client.js';
import type { SubmissionView } from '../api/types.js';
import { PageHeading } from '../components/Layout.js';
import { QueryProblem } from '../components/QueryState.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { formatDate, formatDateTime } from '../format.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { AuditTrail } from './AuditTrail.js';
import { CompleteReview } from './CompleteReview.js';
import { lastQueuePath } from './queue-filters.js';
import { ReviewDocumentCard } from './ReviewDocumentCard.js';

function overdue(submission: SubmissionView): boolean {
  return REVIEWABLE_STATUSES.includes(submission.status) && submission.reviewDueDate !== null && isoDateInZone(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone) > submission.reviewDueDate;
}

/** `problem`: a refresh that failed, said above what was last loaded (and what she typed), which stays. */
function Review({ submission, problem }: { submission: SubmissionView; problem: ReactNode }) {
  const editable = REVIEWABLE_STATUSES.includes(submission.status);
  const reference = submission.referenceNumber ?? 'submission';
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link to={lastQueuePath()}>Review queue</Link> / {reference}
          </p>
          <PageHeading title={`Review ${reference}`}>
            Review <span className="mono">{reference}</span>
          </PageHeading>
        </div>
        <StatusBadge status={submission.status} />
      </div>
      {problem}

      <section className="card" aria-labelledby="provider-heading">
        <h2 id="provider-heading" className="visually-hidden">
          Submission
        </h2>
        <dl className="summary">
          <div>
            <dt>Provider</dt>
            <dd>
              {submission.provider?.name}
              <br />
              <a href={`mailto:${submission.provider?.email ?? ''}`}>{submission.provider?.email}</a>
            </dd>
          </div>
          <div>
            <dt>Submitted</dt>
            <dd>{formatDateTime(submission.submittedAt)}</dd>
          </div>
          <div>
            <dt>Decision due (NCQA, 30 days)</dt>
            <dd>
              {formatDate(submission.reviewDueDate, 'full')}
              {overdue(submission) && (
                <>
                  {' '}
                  <span className="badge badge--danger">Overdue</span>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>Promised to the provider</dt>
            <dd>{formatDate(submission.estimatedReviewCompletionDate)}</dd>
          </div>
        </dl>
      </section>

      {!editable && submission.status !== 'VERIFIED' && submission.status !== 'ACTION_REQUIRED' && (
        <p className="notice notice--info">This submission is not waiting for review: only received submissions can be reviewed.</p>
      )}

      {submission.documents.map((doc, index) => (
        <ReviewDocumentCard key={doc.documentId} doc={doc} index={index} submissionId={submission.submissionId} status={submission.status} editable={editable} stored={submission.referenceNumber !== null} />
      ))}

      {(editable || submission.status === 'VERIFIED' || submission.status === 'ACTION_REQUIRED') && <CompleteReview submission={submission} />}
      <AuditTrail submission={submission} />
    </>
  );
}

export function ReviewPage() {
  const { submissionId = '' } = useParams();
  const api = useApi();
  const query = useQuery({
    queryKey: ['submission', submissionId],
    queryFn: () => api.getSubmission(submissionId),
    retry: (count, error) => !isNotFound(error) && count < 2,
  });
  if (query.isPending) {
    return (
      <>
        <PageHeading>Review</PageHeading>
        <p role="status" className="loading">
          Loading the submission…
        </p>
      </>
    );
  }
  const failed = 'The submission could not be loaded.';
  if (query.isError && query.data === undefined) {
    if (isNotFound(query.error)) return <NotFoundPage what="submission" />;
    return (
      <>
        <PageHeading>Review</PageHeading>
        <QueryProblem query={query} failed={failed} />
      </>
    );
  }
  return <Review submission={query.data} problem={query.isError && <QueryProblem query={query} failed={failed} />} />;
}

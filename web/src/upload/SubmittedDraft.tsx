/** Upload documents, when the draft this device kept turned out to be submitted already: where it stands, and a way on. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { portalPaths } from '../../../src/contract/portal-routes.js';
import type { SubmissionStatus } from '../../../src/domain/status.js';
import { useApi } from '../api/client.js';
import type { SubmissionView } from '../api/types.js';
import { CopyButton } from '../components/CopyButton.js';
import { formatDateTime } from '../format.js';
import { refetchWhileInProgress } from '../pages/SubmissionPage.js';

const STANDING: Record<SubmissionStatus, string> = {
  AWAITING_UPLOAD: 'being checked',
  VALIDATING: 'being checked',
  PROCESSING_FAILED: 'being checked',
  RECEIVED: 'received',
  REJECTED: 'some documents need your attention',
  IN_REVIEW: 'in review',
  VERIFIED: 'verified',
  ACTION_REQUIRED: 'action required',
  DISCARDED: 'discarded',
};

export function SubmittedDraft({ submissionId, submission, onNewUpload }: { submissionId: string; submission: SubmissionView | null; onNewUpload(): void }) {
  const api = useApi();
  const query = useQuery({
    queryKey: ['submission', submissionId],
    queryFn: () => api.getSubmission(submissionId),
    ...(submission ? { initialData: submission } : {}),
    refetchInterval: refetchWhileInProgress,
  });
  const current = query.data;
  const reference = current?.status !== 'REJECTED' ? current?.referenceNumber : null;
  return (
    <section className="card" aria-labelledby="submitted-heading">
      <div role="status">
        <h2 id="submitted-heading">{current ? `Submitted — ${STANDING[current.status]}` : 'Submitted'}</h2>
      </div>
      <p>
        The documents you were uploading were already submitted{current?.submittedAt ? ` on ${formatDateTime(current.submittedAt)}` : ''}, so there
        is nothing to send again.
      </p>
      {reference && (
        <p>
          Reference number{' '}
          <span className="mono" data-testid="submitted-reference">
            {reference}
          </span>{' '}
          <CopyButton text={reference} label="reference number" />
        </p>
      )}
      <div className="actions">
        <Link to={portalPaths.submission(submissionId)} className="button">
          See the submission
        </Link>
        <button type="button" className="button button--secondary" onClick={onNewUpload}>
          Upload other documents
        </button>
      </div>
    </section>
  );
}

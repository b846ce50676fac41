/** What a submission looks like to its provider: confirmation, validation progress, or what to fix. */
import { useEffect } from 'react';
import { Link } from 'react-router';
import { REVIEWABLE_STATUSES } from '../../../src/domain/review.js';
import type { DocumentView, SubmissionView } from '../api/types.js';
import { useAuth } from '../auth/AuthProvider.js';
import { ContactOffice } from '../components/ContactOffice.js';
import { CopyButton } from '../components/CopyButton.js';
import { DocumentMetadata } from '../components/DocumentMetadata.js';
import { PageHeading } from '../components/Layout.js';
import { StatusBadge, SubmissionStatusBadge } from '../components/StatusBadge.js';
import { portalPaths } from '../../../src/contract/portal-routes.js';
import { formatBytes, formatDate, formatDateTime, formatDay, typeLabel } from '../format.js';
import { forgetSentFiles } from '../upload/device-store.js';
import { CrossCheckPointer, CrossCheckWarning } from './CrossCheckWarning.js';
import { DraftActions } from './DraftActions.js';
import { ProcessingDelayed } from './ProcessingDelayed.js';
import { useStalledSubmit } from './useStalledSubmit.js';
import { DocumentDecision, ReviewProgress } from './ReviewDecision.js';

/** Validation normally ends within a minute; past five, a workflow step is failing (and alarmed). */
const SLOW_VALIDATION_MS = 5 * 60 * 1000;
function takingLong(submittedAt: string | null): boolean {
  return submittedAt !== null && Date.now() - Date.parse(submittedAt) > SLOW_VALIDATION_MS;
}

const HEADINGS: Record<string, string> = {
  AWAITING_UPLOAD: 'Upload not finished',
  VALIDATING: 'Validating your documents…',
  PROCESSING_FAILED: 'We are still working on your documents',
  RECEIVED: 'Documents received',
  REJECTED: 'Some documents need your attention',
  IN_REVIEW: 'In review',
  VERIFIED: 'Credentialing documents verified',
  ACTION_REQUIRED: 'Action required',
  DISCARDED: 'Draft discarded',
};

function DocumentItem({ doc, fixUrl, validating, rejected, isOwner, inReview }: { doc: DocumentView; fixUrl: string | null; validating: boolean; rejected: boolean; isOwner: boolean; inReview: boolean }) {
  const hasIssues = doc.issues.length > 0;
  // In a refused submission nothing was stored: a document that passed is not "Received".
  const passedOnly = rejected && doc.status === 'PENDING_REVIEW';
  return (
    <li className={`doc-item${hasIssues || doc.review?.decision === 'REJECTED' ? ' doc-item--issue' : ''}`}>
      <div className="doc-item__head">
        <div>
          <h3 className="doc-item__title">{typeLabel(doc.documentType)}</h3>
          <p className="doc-item__file">
            {doc.fileName} <span className="muted">· {formatBytes(doc.sizeBytes)}</span>
          </p>
          {passedOnly && <p className="muted doc-item__note">Will be sent with your replacement.</p>}
        </div>
        {passedOnly ? (
          <span className="badge badge--info">Passed checks</span>
        ) : (
          // Files are checked while the submission validates, even if the document record has not caught up yet.
          <StatusBadge status={validating && doc.status === 'PENDING_UPLOAD' ? 'VALIDATING' : doc.status} kind="document" />
        )}
      </div>
      {hasIssues && (
        <ul className="doc-item__issues" aria-label={`Problems with ${typeLabel(doc.documentType)}`}>
          {doc.issues.map((issue) => (
            <li key={issue.code}>{issue.message}</li>
          ))}
        </ul>
      )}
      <DocumentDecision doc={doc} isOwner={isOwner} />
      {isOwner && inReview && <CrossCheckWarning doc={doc} canReplace />}
      {doc.supersededBy && (
        <p className="notice notice--info">
          {isOwner ? 'Replaced by the newer version you sent — reviewed with that submission' : 'Replaced by a newer version'}:{' '}
          <Link to={portalPaths.submission(doc.supersededBy.submissionId)}>open the submission that replaced it</Link>.
        </p>
      )}
      {doc.replacesDocumentId && <p className="muted">Replaces an earlier version of this document.</p>}
      {hasIssues && fixUrl && !doc.supersededBy && (
        <p>
          <Link to={fixUrl}>
            Choose another file<span className="visually-hidden"> for the {typeLabel(doc.documentType)}</span>
          </Link>
        </p>
      )}
      <DocumentMetadata doc={doc} className="doc-item__meta" />
    </li>
  );
}

export function SubmissionDetails({ submission, justSubmitted }: { submission: SubmissionView; justSubmitted: boolean }) {
  const { session } = useAuth();
  const isOwner = session?.role === 'provider';
  const { status } = submission;
  const fixUrl = `/upload?from=${encodeURIComponent(submission.submissionId)}`;
  const failing = submission.documents.filter((doc) => doc.issues.length > 0 || doc.status === 'INVALID');
  const replacedBy = submission.replacedBy ?? [];
  useStalledSubmit(submission, isOwner);

  // Files kept on this device for "Replace files" are not needed once the submission is past its checks.
  useEffect(() => {
    if (isOwner && session && !['AWAITING_UPLOAD', 'VALIDATING', 'REJECTED'].includes(status)) void forgetSentFiles(session.username, submission.submissionId);
  }, [isOwner, session, status, submission.submissionId]);

  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link to="/">{isOwner ? 'My submissions' : 'Review queue'}</Link> / Submission
          </p>
          <PageHeading>{replacedBy.length > 0 ? 'Replaced by a newer submission' : (HEADINGS[status] ?? 'Submission')}</PageHeading>
        </div>
        <SubmissionStatusBadge submission={submission} />
      </div>

      <div aria-live="polite" className="status-region">
        {status === 'VALIDATING' && (
          <div className="card validating" role="status">
            <span className="spinner" aria-hidden="true" />
            <div>
              <p className="validating__title">Validating your documents…</p>
              <p className="muted">
                {takingLong(submission.submittedAt)
                  ? 'This is taking longer than usual and our team has been alerted. You can leave this page and check back later.'
                  : "We are checking each file's format, size and integrity. This usually takes less than a minute; this page updates by itself."}
              </p>
            </div>
          </div>
        )}

        {status === 'PROCESSING_FAILED' && <ProcessingDelayed submissionId={submission.submissionId} isOwner={isOwner} />}

        {submission.referenceNumber && status !== 'VALIDATING' && status !== 'REJECTED' && (
          <section className={`card confirmation${status === 'RECEIVED' ? ' confirmation--success' : ''}`} aria-labelledby="confirmation-heading">
            <h2 id="confirmation-heading" className="visually-hidden">
              Confirmation
            </h2>
            {status === 'RECEIVED' && isOwner && (
              <p className="confirmation__lead">
                {justSubmitted ? 'Thank you — we' : 'We'} have received{' '}
                {submission.documents.length === 1 ? 'your document. It is' : `your ${submission.documents.length} documents. They are`} now waiting for
                review by the credentialing team.
              </p>
            )}
            {isOwner && <ReviewProgress submission={submission} />}
            {isOwner && (status === 'RECEIVED' || status === 'IN_REVIEW') && <CrossCheckPointer documents={submission.documents} />}
            <div className="confirmation__grid">
              <div>
                <p className="confirmation__label" id="reference-label">
                  Reference number
                </p>
                <p className="confirmation__reference">
                  <span className="mono" aria-labelledby="reference-label" data-testid="reference-number">
                    {submission.referenceNumber}
                  </span>
                  <CopyButton text={submission.referenceNumber} label="reference number" />
                </p>
              </div>
              {submission.decidedAt ? (
                <div>
                  <p className="confirmation__label">Review completed</p>
                  <p className="confirmation__date">{formatDay(submission.decidedAt)}</p>
                </div>
              ) : (
                <div>
                  <p className="confirmation__label">Estimated review completion</p>
                  <p className="confirmation__date" data-testid="estimated-date">
                    {formatDate(submission.estimatedReviewCompletionDate, 'full')}
                  </p>
                </div>
              )}
            </div>
            {status === 'RECEIVED' &&
              (isOwner ? (
                <p className="muted">
                  We sent a confirmation email with this reference number{session?.email ? ` to ${session.email}` : ''}. Quote it if you
                  contact <ContactOffice />.
                </p>
              ) : (
                <p className="muted">The confirmation email with this reference number went to the provider, {submission.provider?.email}.</p>
              ))}
            {!isOwner && REVIEWABLE_STATUSES.includes(status) && (
              <p>
                <Link to={`/review/${submission.submissionId}`} className="button">
                  Open the review
                </Link>
              </p>
            )}
          </section>
        )}

        {replacedBy.length > 0 && (
          <section className="card" aria-labelledby="replaced-heading">
            <h2 id="replaced-heading">Nothing more is needed here</h2>
            <p>
              Every document that needed attention was replaced by a newer version, sent with{' '}
              {replacedBy.map((ref, index) => (
                <span key={ref.submissionId}>
                  {index > 0 && ', '}
                  <Link to={portalPaths.submission(ref.submissionId)} className="mono">
                    {ref.referenceNumber ?? 'a newer submission'}
                  </Link>
                </span>
              ))}
              . This submission stays here for the record.
            </p>
          </section>
        )}

        {status === 'REJECTED' && replacedBy.length === 0 && (
          <section className="card rejected" aria-labelledby="rejected-heading">
            <h2 id="rejected-heading">
              {failing.length === 1 ? 'One document was not accepted' : `${failing.length} documents were not accepted`}
            </h2>
            <p>
              Nothing was submitted for review yet. Each problem is shown beside its document below. Choose another file for those
              documents and submit again: the documents that passed the checks are sent with it, with the details you entered.
            </p>
            {isOwner && (
              <Link to={fixUrl} className="button">
                Replace files and submit again
              </Link>
            )}
          </section>
        )}

        {(status === 'AWAITING_UPLOAD' || status === 'DISCARDED') && <DraftActions submission={submission} isOwner={isOwner} />}
      </div>

      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Details</h2>
        <dl className="summary">
          <div>
            <dt>Reference</dt>
            {submission.referenceNumber ? <dd className="mono">{submission.referenceNumber}</dd> : <dd>Issued once your documents are accepted</dd>}
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              <SubmissionStatusBadge submission={submission} />
            </dd>
          </div>
          {submission.provider && (
            <div>
              <dt>Provider</dt>
              <dd>
                {submission.provider.name} ({submission.provider.email})
              </dd>
            </div>
          )}
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(submission.createdAt)}</dd>
          </div>
          <div>
            <dt>Submitted</dt>
            <dd>{formatDateTime(submission.submittedAt)}</dd>
          </div>
          <div>
            <dt>Estimated review completion</dt>
            <dd>{formatDate(submission.estimatedReviewCompletionDate)}</dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="documents-list-heading">
        <h2 id="documents-list-heading">Documents ({submission.documents.length})</h2>
        <ul className="doc-list">
          {submission.documents.map((doc) => (
            <DocumentItem
              key={doc.documentId}
              doc={doc}
              fixUrl={status === 'REJECTED' && isOwner && replacedBy.length === 0 ? fixUrl : null}
              validating={status === 'VALIDATING'}
              rejected={status === 'REJECTED'}
              isOwner={isOwner}
              inReview={status === 'RECEIVED' || status === 'IN_REVIEW'}
            />
          ))}
        </ul>
      </section>
    </>
  );
}

/** What a submission looks like to its provider: confirmation, validation progress, or what to fix. */
import { Link } from 'react-router';
import { documentTypeSpec, isDocumentType } from '../../../src/domain/catalog.js';
import type { DocumentView, SubmissionView } from '../api/types.js';
import { useAuth } from '../auth/AuthProvider.js';
import { CopyButton } from '../components/CopyButton.js';
import { PageHeading } from '../components/Layout.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { formatBytes, formatDate, formatDateTime, typeLabel } from '../format.js';
import { ProcessingDelayed } from './ProcessingDelayed.js';

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
};

function DocumentItem({ doc, fixUrl, validating }: { doc: DocumentView; fixUrl: string | null; validating: boolean }) {
  const fields = isDocumentType(doc.documentType) ? documentTypeSpec(doc.documentType).fields : [];
  const hasIssues = doc.issues.length > 0;
  return (
    <li className={`doc-item${hasIssues ? ' doc-item--issue' : ''}`}>
      <div className="doc-item__head">
        <div>
          <h3 className="doc-item__title">{typeLabel(doc.documentType)}</h3>
          <p className="doc-item__file">
            {doc.fileName} <span className="muted">· {formatBytes(doc.sizeBytes)}</span>
          </p>
        </div>
        {/* Files are checked while the submission validates, even if the document record has not caught up yet. */}
        <StatusBadge status={validating && doc.status === 'PENDING_UPLOAD' ? 'VALIDATING' : doc.status} kind="document" />
      </div>
      {hasIssues && (
        <ul className="doc-item__issues" aria-label={`Problems with ${typeLabel(doc.documentType)}`}>
          {doc.issues.map((issue) => (
            <li key={issue.code}>{issue.message}</li>
          ))}
        </ul>
      )}
      {hasIssues && fixUrl && (
        <p>
          <Link to={fixUrl}>
            Choose another file<span className="visually-hidden"> for the {typeLabel(doc.documentType)}</span>
          </Link>
        </p>
      )}
      <dl className="doc-item__meta">
        <div>
          <dt>Issued</dt>
          <dd>{formatDate(doc.issueDate)}</dd>
        </div>
        {doc.expirationDate && (
          <div>
            <dt>Expires</dt>
            <dd>{formatDate(doc.expirationDate)}</dd>
          </div>
        )}
        {doc.issuingAuthority && (
          <div>
            <dt>Issued by</dt>
            <dd>{doc.issuingAuthority}</dd>
          </div>
        )}
        {fields
          .filter((field) => doc.details[field.name])
          .map((field) => (
            <div key={field.name}>
              <dt>{field.label}</dt>
              <dd>{doc.details[field.name]}</dd>
            </div>
          ))}
      </dl>
    </li>
  );
}

export function SubmissionDetails({ submission, justSubmitted }: { submission: SubmissionView; justSubmitted: boolean }) {
  const { session } = useAuth();
  const isOwner = session?.role === 'provider';
  const { status } = submission;
  const fixUrl = `/upload?from=${encodeURIComponent(submission.submissionId)}`;
  const failing = submission.documents.filter((doc) => doc.issues.length > 0 || doc.status === 'INVALID');

  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link to="/">{isOwner ? 'My submissions' : 'Review queue'}</Link> / Submission
          </p>
          <PageHeading>{HEADINGS[status] ?? 'Submission'}</PageHeading>
        </div>
        <StatusBadge status={status} />
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
            {status === 'RECEIVED' && (
              <p className="confirmation__lead">
                {justSubmitted ? 'Thank you — ' : ''}we have received your {submission.documents.length} documents. They are now waiting for
                review by the credentialing team.
              </p>
            )}
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
              <div>
                <p className="confirmation__label">Estimated review completion</p>
                <p className="confirmation__date" data-testid="estimated-date">
                  {formatDate(submission.estimatedReviewCompletionDate, 'full')}
                </p>
              </div>
            </div>
            {status === 'RECEIVED' && (
              <p className="muted">
                We sent a confirmation email with this reference number{session?.email ? ` to ${session.email}` : ''}. Quote it if you
                contact the credentialing office.
              </p>
            )}
          </section>
        )}

        {status === 'REJECTED' && (
          <section className="card rejected" aria-labelledby="rejected-heading">
            <h2 id="rejected-heading">
              {failing.length === 1 ? 'One document was not accepted' : `${failing.length} documents were not accepted`}
            </h2>
            <p>
              Nothing was submitted for review. Each problem is shown beside its document below. Choose another file for those documents and
              submit again — your other documents and their details are kept.
            </p>
            {isOwner && (
              <Link to={fixUrl} className="button">
                Replace files and submit again
              </Link>
            )}
          </section>
        )}

        {status === 'AWAITING_UPLOAD' && (
          <section className="card" aria-label="Upload not finished">
            <p>The files of this submission were never completely uploaded, so it was not submitted.</p>
            {isOwner && (
              <Link to="/upload" className="button">
                Upload documents
              </Link>
            )}
          </section>
        )}
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
              <StatusBadge status={status} />
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
            <dt>Started</dt>
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
            <DocumentItem key={doc.documentId} doc={doc} fixUrl={status === 'REJECTED' && isOwner ? fixUrl : null} validating={status === 'VALIDATING'} />
          ))}
        </ul>
      </section>
    </>
  );
}

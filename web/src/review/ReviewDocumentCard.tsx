/** One document on the review screen: its details beside its preview, and the decision on it. */
import { useState } from 'react';
import { Link } from 'react-router';
import { portalPaths } from '../../../src/contract/portal-routes.js';
import { REASON_CODE_LABELS } from '../../../src/domain/review.js';
import { isReplaced } from '../../../src/domain/submission.js';
import type { SubmissionStatus } from '../../../src/domain/status.js';
import type { DocumentView } from '../api/types.js';
import { DocumentMetadata } from '../components/DocumentMetadata.js';
import { formatBytes, formatDateTime, typeLabel } from '../format.js';
import { CrossCheckResult } from './CrossCheckResult.js';
import { DecisionForm } from './DecisionForm.js';
import { DocumentPreview } from './DocumentPreview.js';
import { EarlierVersion } from './EarlierVersion.js';
import { RefusedDecision, type Refusal } from './RefusedDecision.js';

export function DecisionSummary({ doc }: { doc: DocumentView }) {
  const review = doc.review;
  if (isReplaced(doc)) {
    return <p className="decision-summary decision-summary--none">No decision needed: replaced{review ? ` (the earlier ${review.decision === 'REJECTED' ? 'rejection' : 'verification'} does not count)` : ''}.</p>;
  }
  if (!review) return <p className="decision-summary decision-summary--none">No decision yet.</p>;
  const rejected = review.decision === 'REJECTED';
  return (
    <div className={`decision-summary decision-summary--${rejected ? 'rejected' : 'verified'}`}>
      <p className="decision-summary__head">
        <strong>{rejected ? 'Rejected' : 'Verified'}</strong>
        {rejected && review.reasonCode && <> — {REASON_CODE_LABELS[review.reasonCode]}</>}
        <span className="muted">
          {' '}
          by {review.reviewedBy?.name ?? 'the credentialing team'}, {formatDateTime(review.reviewedAt)}
        </span>
      </p>
      {review.reason && <p className="decision-summary__reason">{review.reason}</p>}
    </div>
  );
}

/**
 * `stored`: the submission was accepted, so its files are in permanent storage and can be opened.
 * A document replaced by a newer version shows no decision form: it is decided by its
 * replacement, in that version's submission, and a decision here would not count. A refused
 * decision is kept here, not in the form: the form is gone once the review is complete.
 */
export function ReviewDocumentCard({ doc, index, submissionId, status, editable, stored }: { doc: DocumentView; index: number; submissionId: string; status: SubmissionStatus; editable: boolean; stored: boolean }) {
  const headingId = `review-doc-${doc.documentId}`;
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  return (
    <section className="card review-doc" aria-labelledby={headingId} data-document-index={index}>
      <header className="review-doc__header">
        <div>
          <h2 id={headingId} className="review-doc__title">
            {typeLabel(doc.documentType)}
          </h2>
          <p className="review-doc__file">
            {doc.fileName} <span className="muted">· {formatBytes(doc.sizeBytes)}</span>
          </p>
        </div>
        <DecisionSummary doc={doc} />
      </header>
      <div className="review-doc__body">
        <div className="review-doc__details">
          <DocumentMetadata doc={doc} className="review-doc__meta" alwaysShowExpiration />
          <EarlierVersion doc={doc} />
          <CrossCheckResult doc={doc} stored={stored} />
          {doc.supersededBy && (
            <p className="notice notice--info">
              The provider has since sent a newer version of this document: <Link to={portalPaths.submission(doc.supersededBy.submissionId)}>open the submission that replaced it</Link>.
              {editable && ' No decision is needed here: the newer version is reviewed with that submission, and this review can be completed without one.'}
            </p>
          )}
          {refusal && <RefusedDecision refusal={refusal} status={status} label={typeLabel(doc.documentType)} documentId={doc.documentId} />}
          {editable && !isReplaced(doc) && <DecisionForm doc={doc} submissionId={submissionId} onRefused={setRefusal} />}
        </div>
        {stored ? <DocumentPreview doc={doc} /> : <p className="muted">This submission was not accepted, so its files were not kept: there is nothing to open.</p>}
      </div>
    </section>
  );
}

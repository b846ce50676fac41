/**
 * The review's outcome as the provider reads it on her submission: where it stands, and each
 * document's decision. A document she replaced with a newer version is reviewed with the
 * submission that carried it: no decision is shown on it and nothing is asked for it.
 */
import { Link } from 'react-router';
import { isReplaced } from '../../../src/domain/submission.js';
import type { DocumentView, SubmissionView } from '../api/types.js';
import { formatDate, formatDay, typeLabel } from '../format.js';

/** The credentialing team's decision on a document; a rejected one says why (as text) and how to replace it. */
export function DocumentDecision({ doc, isOwner }: { doc: DocumentView; isOwner: boolean }) {
  const review = doc.review;
  if (!review) return null;
  if (review.decision === 'VERIFIED') {
    return (
      <p className="doc-item__decision doc-item__decision--verified">
        Verified by the credentialing team on {formatDay(review.reviewedAt)}.
      </p>
    );
  }
  return (
    <div className="doc-item__decision doc-item__decision--rejected">
      <p>
        <strong>Not verified.</strong> The credentialing team's reason:
      </p>
      <p className="doc-item__reason">{review.reason}</p>
      {isOwner && !isReplaced(doc) && (
        <p>
          <Link to={`/upload?replaces=${encodeURIComponent(doc.documentId)}`} className="button button--small">
            Send a replacement<span className="visually-hidden"> for the {typeLabel(doc.documentType)}</span>
          </Link>
        </p>
      )}
    </div>
  );
}

function verifiedText(submission: SubmissionView): string {
  const replaced = submission.documents.filter(isReplaced).length;
  if (replaced === 0) return 'Every document is verified. Your file now goes to the credentialing committee; there is nothing more you need to send.';
  if (replaced === submission.documents.length) {
    return 'You sent a newer version of every document of this submission: each is reviewed with the submission you sent it in. There is nothing more you need to send here.';
  }
  return 'Your documents are verified, except those you replaced with a newer version: each is reviewed with the submission you sent it in. There is nothing more you need to send here.';
}

/** Where her review stands: in review, verified, or what to send again. */
export function ReviewProgress({ submission }: { submission: SubmissionView }) {
  const rejected = submission.documents.filter((doc) => doc.review?.decision === 'REJECTED' && !isReplaced(doc));
  if (submission.status === 'IN_REVIEW') {
    return <p className="confirmation__lead">The credentialing team is reviewing your documents. We will email you the decision by {formatDate(submission.reviewDueDate, 'full')}.</p>;
  }
  if (submission.status === 'VERIFIED' || (submission.status === 'ACTION_REQUIRED' && rejected.length === 0)) {
    return <p className="confirmation__lead">{verifiedText(submission)}</p>;
  }
  if (submission.status === 'ACTION_REQUIRED') {
    return (
      <p className="confirmation__lead">
        The credentialing team reviewed your documents. {rejected.length === 1 ? 'One document needs' : `${rejected.length} documents need`} a replacement: the
        reason is shown beside {rejected.length === 1 ? 'it' : 'each'} below.
      </p>
    );
  }
  return null;
}

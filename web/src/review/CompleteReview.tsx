/**
 * Completing a review: first what the provider will receive (the outcome and every decision with
 * its reason), then, on confirmation, the outcome is sent. Undecided documents are named. A
 * document the provider replaced with a newer version needs no decision: its replacement is
 * reviewed with its own submission, and she is told so.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError, describeError, useApi } from '../api/client.js';
import { isReplaced } from '../../../src/domain/submission.js';
import type { DocumentView, SubmissionView } from '../api/types.js';
import { formatDate, formatDateTime, typeLabel } from '../format.js';
import { refreshAfterReview } from './refresh.js';

function outcomeText(submission: SubmissionView): string {
  const counted = submission.documents.filter((doc) => !isReplaced(doc));
  const rejected = counted.filter((doc) => doc.review?.decision === 'REJECTED').length;
  if (counted.length === 0) return 'Verified: nothing more is needed — every document was replaced by a newer version, reviewed with its own submission.';
  if (rejected === 0) return counted.length === submission.documents.length ? 'Verified: every document is verified.' : 'Verified: every document not replaced since is verified.';
  return `Action required: ${rejected === 1 ? 'one document needs' : `${rejected} documents need`} a replacement.`;
}

function previewText(doc: DocumentView): string {
  if (isReplaced(doc)) return 'Replaced by the newer version they sent — reviewed with that submission';
  return doc.review?.decision === 'REJECTED' ? 'Not verified — please send a replacement' : 'Verified';
}

export function CompleteReview({ submission }: { submission: SubmissionView }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const replaced = submission.documents.filter(isReplaced);
  const toDecide = submission.documents.length - replaced.length;
  const undecided = submission.documents.filter((doc) => !doc.review && !isReplaced(doc));
  const provider = submission.provider;
  const complete = useMutation({
    mutationFn: () => api.completeReview(submission.submissionId),
    // On success the panel stays until the page shows the outcome (focus then moves to it); on error it closes to show why.
    onError: () => setConfirming(false),
    onSettled: () => refreshAfterReview(queryClient, submission.submissionId),
  });

  // A double click's second click comes before the re-render that shows it pending: a ref, set at once, keeps it to one request.
  const sending = useRef(false);
  const send = () => {
    if (sending.current) return;
    sending.current = true;
    complete.mutate(undefined, { onSettled: () => (sending.current = false) });
  };

  const done = submission.status === 'VERIFIED' || submission.status === 'ACTION_REQUIRED';
  // Focus follows the panel that replaces the control just used, so a keyboard user stays in place.
  useEffect(() => {
    if (confirming) headingRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (done && complete.isSuccess) doneRef.current?.focus();
  }, [done, complete.isSuccess]);

  if (done) {
    return (
      <section className="card complete complete--done" aria-labelledby="complete-heading">
        <h2 id="complete-heading" ref={doneRef} tabIndex={-1}>
          Review completed
        </h2>
        <p role="status">
          <strong>{submission.status === 'VERIFIED' ? 'Verified' : 'Action required'}.</strong> Completed {formatDateTime(submission.decidedAt)},{' '}
          {submission.daysToDecision === 1 ? '1 day' : `${submission.daysToDecision ?? 0} days`} after submission. The outcome was emailed to {provider?.email} and is shown in
          their portal.
        </p>
      </section>
    );
  }

  return (
    <section className="card complete" aria-labelledby="complete-heading">
      <h2 id="complete-heading">Complete the review</h2>
      <p>
        {toDecide - undecided.length} of {toDecide} {toDecide === 1 ? 'document' : 'documents'} decided. The decision is due by {formatDate(submission.reviewDueDate, 'full')}.
      </p>
      {replaced.length > 0 && (
        <p className="muted">
          Replaced by a newer version, no decision needed: {replaced.map((doc) => typeLabel(doc.documentType)).join(', ')}.
        </p>
      )}
      {undecided.length > 0 && (
        <p className="muted">Still to decide: {undecided.map((doc) => typeLabel(doc.documentType)).join(', ')}.</p>
      )}
      {complete.isError && (
        <div className="notice notice--error" role="alert">
          <p>{describeError(complete.error)}</p>
          {complete.error instanceof ApiError && complete.error.details.length > 0 && (
            <ul>
              {complete.error.details.map((detail) => (
                <li key={detail.path}>{detail.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {!confirming ? (
        <button type="button" className="button" ref={startRef} onClick={() => setConfirming(true)} disabled={undecided.length > 0}>
          Complete review…
        </button>
      ) : (
        <div className="complete__preview" aria-labelledby="complete-preview-heading">
          <h3 id="complete-preview-heading" ref={headingRef} tabIndex={-1}>
            What {provider?.name ?? 'the provider'} will receive
          </h3>
          <p>
            An email to <strong>{provider?.email}</strong>, and the same in their portal:
          </p>
          <p className="complete__outcome">{outcomeText(submission)}</p>
          <ul className="complete__decisions">
            {submission.documents.map((doc) => (
              <li key={doc.documentId}>
                <strong>{typeLabel(doc.documentType)}</strong> ({doc.fileName}): {previewText(doc)}
                {doc.review?.decision === 'REJECTED' && !isReplaced(doc) && <p className="decision-summary__reason">Reason: {doc.review.reason}</p>}
              </li>
            ))}
          </ul>
          <div className="complete__actions">
            <button type="button" className="button" onClick={send} aria-disabled={complete.isPending}>
              {complete.isPending ? 'Sending…' : 'Send the outcome'}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setConfirming(false);
                setTimeout(() => startRef.current?.focus(), 0);
              }}
              disabled={complete.isPending}
            >
              Go back
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

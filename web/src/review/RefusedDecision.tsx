/**
 * A decision the API refused with 409 because the submission changed meanwhile (another reviewer
 * completed the review, or kept changing decisions): by the time this shows, the page holds the
 * submission as it now is. It says what changed in words, and keeps what she typed to copy —
 * the decision form itself is gone once the review is complete.
 */
import { useEffect, useRef } from 'react';
import type { ReviewDecision } from '../../../src/domain/review.js';
import type { SubmissionStatus } from '../../../src/domain/status.js';
import { fieldId } from '../components/Field.js';
import { SUBMISSION_STATUS } from '../format.js';

export interface Refusal {
  decision: ReviewDecision;
  /** What she typed as the reason (empty for a verification). */
  reason: string;
  /** The API's own words. */
  message: string;
}

function whatChanged(refusal: Refusal, status: SubmissionStatus): string {
  if (status === 'VERIFIED' || status === 'ACTION_REQUIRED') {
    return `another reviewer completed this review while you were deciding, so its decisions can no longer be changed. The page now shows the review as completed: ${SUBMISSION_STATUS[status].label}.`;
  }
  return `${refusal.message} The page now shows the latest decisions.`;
}

export function RefusedDecision({ refusal, status, label, documentId }: { refusal: Refusal; status: SubmissionStatus; label: string; documentId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // The form she used may be gone: focus comes here, not to the top of the page.
  useEffect(() => ref.current?.focus(), [refusal]);
  const typedId = fieldId('refused', documentId, 'reason');
  return (
    <div ref={ref} className="notice notice--warning" role="alert" tabIndex={-1}>
      <p>
        Your {refusal.decision === 'REJECTED' ? 'rejection' : 'verification'} of the {label} was not saved: {whatChanged(refusal, status)}
      </p>
      {refusal.reason && (
        <>
          <label htmlFor={typedId} className="field__label">
            What you wrote
          </label>
          <textarea id={typedId} readOnly rows={3} value={refusal.reason} />
        </>
      )}
    </div>
  );
}

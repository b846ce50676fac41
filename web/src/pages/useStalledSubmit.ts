/**
 * Her submission page sends her submit again while the submission stays VALIDATING past the
 * usual time (`resubmitAt`): a submit that stopped before starting the workflow is then started
 * within a minute of her looking, not at the reconciler's next run. The API starts nothing while
 * a workflow runs, so the repeat is safe; its answer only refreshes the page.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { resubmitAt } from '../../../src/domain/status-polling.js';
import { useApi } from '../api/client.js';
import type { SubmissionView } from '../api/types.js';

export function useStalledSubmit(submission: SubmissionView, isOwner: boolean): void {
  const api = useApi();
  const queryClient = useQueryClient();
  const lastSentAt = useRef<number | null>(null);
  // A status poll that brings nothing new does not render the page: a timer wakes it when one is due.
  const [wakeUps, setWakeUps] = useState(0);
  const { submissionId, status, submittedAt } = submission;
  useEffect(() => {
    if (!isOwner || status !== 'VALIDATING') return;
    const due = resubmitAt(submittedAt, lastSentAt.current);
    if (due === null) return;
    if (Date.now() >= due) {
      lastSentAt.current = Date.now();
      api.submit(submissionId).then(
        () => queryClient.invalidateQueries({ queryKey: ['submission', submissionId] }),
        // Unanswered now, sent again a minute later; the page's own polling says what it sees.
        () => undefined,
      );
    }
    const next = resubmitAt(submittedAt, lastSentAt.current)!;
    const timer = setTimeout(() => setWakeUps((count) => count + 1), Math.max(0, next - Date.now()));
    return () => clearTimeout(timer);
  }, [api, queryClient, isOwner, status, submissionId, submittedAt, wakeUps]);
}

import type { QueryClient } from '@tanstack/react-query';

/** What a decision or a completion makes stale: the submission, its audit trail and the queue's counts. Settles once the shown ones are refetched. */
export function refreshAfterReview(queryClient: QueryClient, submissionId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ['submission', submissionId] }),
    queryClient.invalidateQueries({ queryKey: ['audit', submissionId] }),
    queryClient.invalidateQueries({ queryKey: ['review-queue'] }),
  ]);
}

/** A workflow attempt failed on our side: say plainly that nothing is lost and it is being retried. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { describeError, useApi } from '../api/client.js';

export function ProcessingDelayed({ submissionId, isOwner }: { submissionId: string; isOwner: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => api.submit(submissionId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['submission', submissionId] }),
  });
  return (
    <section className="card delayed" role="status" aria-labelledby="delayed-heading">
      <h2 id="delayed-heading">Processing is delayed</h2>
      <p>
        Something went wrong on our side while we were checking your documents. Nothing is lost: your files and the details you entered are
        safe, and we will try again automatically. You do not need to upload anything again; this page updates by itself.
      </p>
      {isOwner && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => retry.mutate()} disabled={retry.isPending}>
            {retry.isPending ? 'Trying again…' : 'Try again now'}
          </button>
        </p>
      )}
      {retry.isError && (
        <p className="notice notice--error" role="alert">
          {describeError(retry.error)}
        </p>
      )}
    </section>
  );
}

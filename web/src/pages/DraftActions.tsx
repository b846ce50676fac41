/** A submission that was never submitted: what happened, when it goes away by itself, and how to discard it now. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { DRAFT_LIFETIME_HOURS } from '../../../src/domain/status.js';
import { describeError, useApi } from '../api/client.js';
import type { SubmissionView } from '../api/types.js';
import { useAuth } from '../auth/AuthProvider.js';
import { formatDateTime } from '../format.js';
import { forgetDraft, loadDraft } from '../upload/device-store.js';
import { uploadEnded, uploadUnderway, type UploadUnderway } from '../upload/upload-lock.js';

/** Whether this browser is uploading this very draft right now, and where; looked at again when that upload ends. */
function useUploadingNow(submissionId: string, username: string | undefined): UploadUnderway {
  const queryClient = useQueryClient();
  const underway = useQuery({
    queryKey: ['upload-underway', submissionId],
    enabled: username !== undefined,
    queryFn: async () => {
      const local = await loadDraft(username!);
      return local?.form.pendingSubmissionId === submissionId ? await uploadUnderway(username!) : null;
    },
  });
  const where = underway.data ?? null;
  useEffect(() => {
    if (!where || !username) return;
    const stop = new AbortController();
    uploadEnded(username, stop.signal)
      .then(() => queryClient.invalidateQueries({ queryKey: ['submission', submissionId] }))
      .then(() => queryClient.invalidateQueries({ queryKey: ['upload-underway', submissionId] }))
      .catch(() => undefined);
    return () => stop.abort();
  }, [where, username, submissionId, queryClient]);
  return where;
}

export function DraftActions({ submission, isOwner }: { submission: SubmissionView; isOwner: boolean }) {
  const api = useApi();
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const uploadingNow = useUploadingNow(submission.submissionId, isOwner ? session?.username : undefined);
  const discard = useMutation({
    mutationFn: async () => {
      const result = await api.discard(submission.submissionId);
      // The form on this device was this draft's: it goes with it.
      const local = session ? await loadDraft(session.username) : null;
      if (session && local?.form.pendingSubmissionId === submission.submissionId) await forgetDraft(session.username, { kind: 'discarded' });
      return result;
    },
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['submission', submission.submissionId] }), queryClient.invalidateQueries({ queryKey: ['submissions'] }), queryClient.invalidateQueries({ queryKey: ['device-draft'] })]),
  });

  if (submission.status === 'DISCARDED') {
    return (
      <section className="card" aria-label="Draft discarded">
        <p>This draft was never submitted and has been discarded. Nothing in it was sent for review.</p>
        {isOwner && (
          <Link to="/upload" className="button">
            Upload documents
          </Link>
        )}
      </section>
    );
  }
  if (uploadingNow) {
    return (
      <section className="card" aria-label="Uploading now">
        <p role="status">
          These files are being uploaded right now {uploadingNow === 'here' ? 'from this tab' : 'in another tab of this browser'}. This page shows
          the submission once they are submitted.
        </p>
      </section>
    );
  }
  const removedAt = new Date(Date.parse(submission.createdAt) + DRAFT_LIFETIME_HOURS * 3_600_000).toISOString();
  return (
    <section className="card" aria-label="Upload not finished">
      <p>
        The upload of these files did not finish, so nothing was submitted. This draft is removed automatically {DRAFT_LIFETIME_HOURS} hours
        after it was started ({formatDateTime(removedAt)}).
      </p>
      {isOwner && (
        <div className="actions">
          <Link to="/upload" className="button">
            Continue in the upload form
          </Link>
          <button type="button" className="button button--secondary" disabled={discard.isPending} onClick={() => discard.mutate()}>
            {discard.isPending ? 'Discarding…' : 'Discard this draft'}
          </button>
        </div>
      )}
      {discard.isError && (
        <p className="notice notice--error" role="alert">
          {describeError(discard.error)}
        </p>
      )}
    </section>
  );
}

/**
 * This tab's side of one draft that several tabs may show: it saves the form only over its own
 * version (`keepDraft`), hears what another tab did to the draft, and knows whether another tab is
 * uploading it right now (and looks again when that upload ends without a word).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { UseFormWatch } from 'react-hook-form';
import { useApi } from '../api/client.js';
import { keepDraft, type DraftChange, type DraftKeeper } from './device-store.js';
import type { DraftForm } from './draft.js';
import { uploadEnded } from './upload-lock.js';

interface Options {
  username: string;
  /** The saved version the form started from. */
  revision: string | null;
  /** The submission another tab was uploading this draft as when the page opened, if any. */
  uploadingAtStart: string | undefined;
  watch: UseFormWatch<DraftForm>;
  /** The submission this tab is submitting right now, if any: another tab's word that it went in is no news here. */
  submitting(): string | undefined;
}

export function useOtherTabs({ username, revision, uploadingAtStart, watch, submitting }: Options) {
  const queryClient = useQueryClient();
  const api = useApi();
  const keeper = useRef<DraftKeeper | null>(null);
  const [elsewhere, setElsewhere] = useState<DraftChange | null>(null);
  const uploadingElsewhere = uploadingAtStart !== undefined && elsewhere === null;
  const ownSubmission = useRef(submitting);
  ownSubmission.current = submitting;

  useEffect(() => {
    const kept = keepDraft(username, revision, (change) => {
      if (change.kind === 'submitted' && change.submissionId === ownSubmission.current()) return;
      setElsewhere(change);
    });
    keeper.current = kept;
    const subscription = watch((values) => kept.save(values as DraftForm));
    return () => {
      subscription.unsubscribe();
      kept.close();
    };
  }, [watch, username, revision]);

  // The other tab's upload ended: submitted (that tab may have forgotten the draft already, so
  // its submission says), or not (it failed, or the tab closed): then the draft is read again.
  useEffect(() => {
    if (!uploadingAtStart) return;
    const stop = new AbortController();
    uploadEnded(username, stop.signal)
      .then(async () => {
        const submission = await api.getSubmission(uploadingAtStart).catch(() => null);
        if (stop.signal.aborted) return;
        if (submission && submission.status !== 'AWAITING_UPLOAD' && submission.status !== 'DISCARDED') setElsewhere({ kind: 'submitted', submissionId: uploadingAtStart });
        else void queryClient.invalidateQueries({ queryKey: ['device-draft'] });
      })
      .catch(() => undefined);
    return () => stop.abort();
  }, [uploadingAtStart, username, api, queryClient]);

  return { keeper, elsewhere, uploadingElsewhere };
}

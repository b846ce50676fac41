/**
 * What her form keeps of a run as it goes (kept on this device with the draft): the create's
 * token before the create is sent, then the submission it made and what each document was sent as.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { UseFormGetValues, UseFormSetValue } from 'react-hook-form';
import type { CreateDocumentBody } from '../api/types.js';
import { storeSentFiles } from './device-store.js';
import { pendingCreateFor, type DraftForm } from './draft.js';
import type { SentDocument } from './resume.js';
import type { RunHooks } from './useUploadRun.js';

export function useDraftRunHooks(username: string, getValues: UseFormGetValues<DraftForm>, setValue: UseFormSetValue<DraftForm>): RunHooks {
  const queryClient = useQueryClient();
  return useMemo(
    () => ({
      clientTokenFor(bodies: CreateDocumentBody[]) {
        const kept = getValues('pendingCreate');
        const pending = pendingCreateFor(kept, bodies);
        // Saved with the draft only when it is new: the same Submit's resends keep it as it is.
        if (pending !== kept) setValue('pendingCreate', pending);
        return pending.clientToken;
      },
      forgetClientToken() {
        setValue('pendingCreate', undefined);
      },
      onCreated(submissionId: string, files: File[], sent: SentDocument[]) {
        setValue('pendingCreate', undefined);
        setValue('pendingSubmissionId', submissionId);
        setValue('pendingSent', { submissionId, documents: sent });
        void storeSentFiles(username, submissionId, files);
        // Her list shows the new draft at once, should she leave this page while it uploads.
        void queryClient.invalidateQueries({ queryKey: ['submissions'] });
      },
    }),
    [getValues, setValue, username, queryClient],
  );
}

/** Upload documents: the checklist, one card per document, and the upload/submit run. */
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { describeError, useApi, type Api } from '../api/client.js';
import { useAuth } from '../auth/AuthProvider.js';
import { PageHeading } from '../components/Layout.js';
import { loadDraft, loadSentFiles, storeDraft } from './device-store.js';
import { draftFromRejected, freshDraft, withHeldFiles, type DraftForm } from './draft.js';
import { UploadForm } from './UploadForm.js';

/** Her draft as this device kept it, or one rebuilt from the REJECTED submission she is fixing. */
async function initialDraft(api: Api, username: string, from: string | null): Promise<DraftForm> {
  const saved = await loadDraft(username);
  const restored = saved ? withHeldFiles(saved.form, saved.files) : null;
  if (!from) return restored && !restored.origin ? restored : freshDraft();
  if (restored?.origin?.submissionId === from) return restored;
  const draft = draftFromRejected(await api.getSubmission(from), await loadSentFiles(username, from));
  await storeDraft(username, draft);
  return draft;
}

export function UploadPage() {
  const { session } = useAuth();
  const username = session!.username;
  const [params] = useSearchParams();
  const from = params.get('from');
  const api = useApi();
  const draft = useQuery({
    queryKey: ['device-draft', username, from],
    queryFn: () => initialDraft(api, username, from),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });

  if (!draft.data) {
    return (
      <>
        <PageHeading>Upload documents</PageHeading>
        {draft.isError ? (
          <p className="notice notice--error" role="alert">
            We could not load your previous submission: {describeError(draft.error)}
          </p>
        ) : (
          <p className="loading" role="status">
            Loading your documents…
          </p>
        )}
      </>
    );
  }
  return <UploadForm key={`${from ?? 'new'}-${draft.dataUpdatedAt}`} initial={draft.data} username={username} />;
}

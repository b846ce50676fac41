/** Upload documents: the checklist, one card per document, and the upload/submit run. */
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { describeError, useApi, type Api } from '../api/client.js';
import { useAuth } from '../auth/AuthProvider.js';
import { PageHeading } from '../components/Layout.js';
import { loadDraft, loadSentFiles, storeDraft } from './device-store.js';
import { draftForReplacement, draftFromRejected, freshDraft, withHeldFiles, type DraftForm } from './draft.js';
import { findOwnDocument } from './replacement.js';
import { UploadForm } from './UploadForm.js';

interface InitialDraft {
  form: DraftForm;
  /** `?replaces=` named a document that is not hers (or no longer exists). */
  replacementMissing: boolean;
}

/**
 * Her draft as this device kept it, one rebuilt from the REJECTED submission she is fixing, or
 * one prefilled to replace a document the credentialing team could not verify.
 */
async function initialDraft(api: Api, username: string, from: string | null, replaces: string | null): Promise<InitialDraft> {
  const saved = await loadDraft(username);
  const restored = saved ? withHeldFiles(saved.form, saved.files) : null;
  const draft = (form: DraftForm): InitialDraft => ({ form, replacementMissing: false });
  if (replaces && !from) {
    if (restored?.replacing?.documentId === replaces) return draft(restored);
    const found = await findOwnDocument(api, replaces);
    if (!found) return { form: freshDraft(), replacementMissing: true };
    const replacement = draftForReplacement(found.submission, found.document);
    await storeDraft(username, replacement);
    return draft(replacement);
  }
  if (!from) return draft(restored && !restored.origin && !restored.replacing ? restored : freshDraft());
  if (restored?.origin?.submissionId === from) return draft(restored);
  const rebuilt = draftFromRejected(await api.getSubmission(from), await loadSentFiles(username, from));
  await storeDraft(username, rebuilt);
  return draft(rebuilt);
}

export function UploadPage() {
  const { session } = useAuth();
  const username = session!.username;
  const [params] = useSearchParams();
  const from = params.get('from');
  const replaces = params.get('replaces');
  const api = useApi();
  const draft = useQuery({
    queryKey: ['device-draft', username, from, replaces],
    queryFn: () => initialDraft(api, username, from, replaces),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });

  if (!draft.data) {
    const what = replaces && !from ? 'the document to replace' : 'your documents';
    return (
      <>
        <PageHeading>Upload documents</PageHeading>
        {draft.isError ? (
          <p className="notice notice--error" role="alert">
            We could not load {what}: {describeError(draft.error)}
          </p>
        ) : (
          <p className="loading" role="status">
            Loading {what}…
          </p>
        )}
      </>
    );
  }
  return (
    <>
      {draft.data.replacementMissing && (
        <p className="notice notice--warning" role="alert">
          We could not find the document to replace in your account. You can still upload documents below.
        </p>
      )}
      <UploadForm key={`${from ?? replaces ?? 'new'}-${draft.dataUpdatedAt}`} initial={draft.data.form} username={username} />
    </>
  );
}

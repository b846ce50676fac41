/** Upload Documents: the checklist, one card per document, and the upload/submit run. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { describeError, useApi } from '../api/client.js';
import { useAuth } from '../auth/AuthProvider.js';
import { PageHeading } from '../components/Layout.js';
import { draftForReplacement, draftFromRejected, freshDraft, loadDraft, saveDraft } from './draft.js';
import { findOwnDocument } from './replacement.js';
import { UploadForm } from './UploadForm.js';

export function UploadPage() {
  const { session } = useAuth();
  const username = session!.username;
  const [params] = useSearchParams();
  const from = params.get('from');
  const replaces = params.get('replaces');
  const api = useApi();
  const rejected = useQuery({
    queryKey: ['submission', from],
    queryFn: () => api.getSubmission(from!),
    enabled: Boolean(from),
    staleTime: Infinity,
  });
  const replaced = useQuery({
    queryKey: ['own-document', replaces],
    queryFn: () => findOwnDocument(api, replaces!),
    enabled: Boolean(replaces) && !from,
    staleTime: Infinity,
  });

  const initial = useMemo(() => {
    const saved = loadDraft(username);
    if (replaces && !from) {
      if (saved?.replacing?.documentId === replaces) return saved;
      if (!replaced.data) return replaced.isSuccess ? freshDraft() : null;
      const draft = draftForReplacement(replaced.data.submission, replaced.data.document);
      saveDraft(username, draft);
      return draft;
    }
    if (!from) return saved?.origin || saved?.replacing ? freshDraft() : (saved ?? freshDraft());
    if (saved?.origin?.submissionId === from) return saved;
    if (!rejected.data) return null;
    const draft = draftFromRejected(rejected.data);
    saveDraft(username, draft);
    return draft;
  }, [username, from, replaces, rejected.data, replaced.data, replaced.isSuccess]);

  if (!initial) {
    const failed = rejected.isError ? rejected.error : replaced.isError ? replaced.error : null;
    return (
      <>
        <PageHeading>Upload documents</PageHeading>
        {failed ? (
          <p className="notice notice--error" role="alert">
            We could not load that {replaces ? 'document' : 'submission'}: {describeError(failed)}
          </p>
        ) : (
          <p className="loading" role="status">
            {replaces ? 'Loading the document to replace…' : 'Loading your previous submission…'}
          </p>
        )}
      </>
    );
  }
  return (
    <>
      {replaces && replaced.isSuccess && !replaced.data && !initial.replacing && (
        <p className="notice notice--warning" role="alert">
          We could not find the document to replace in your account. You can still upload documents below.
        </p>
      )}
      <UploadForm key={from ?? replaces ?? 'new'} initial={initial} username={username} />
    </>
  );
}

/** Upload Documents: the checklist, one card per document, and the upload/submit run. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { describeError, useApi } from '../api/client.js';
import { useAuth } from '../auth/AuthProvider.js';
import { PageHeading } from '../components/Layout.js';
import { draftFromRejected, freshDraft, loadDraft, saveDraft } from './draft.js';
import { UploadForm } from './UploadForm.js';

export function UploadPage() {
  const { session } = useAuth();
  const username = session!.username;
  const [params] = useSearchParams();
  const from = params.get('from');
  const api = useApi();
  const rejected = useQuery({
    queryKey: ['submission', from],
    queryFn: () => api.getSubmission(from!),
    enabled: Boolean(from),
    staleTime: Infinity,
  });

  const initial = useMemo(() => {
    const saved = loadDraft(username);
    if (!from) return saved?.origin ? freshDraft() : (saved ?? freshDraft());
    if (saved?.origin?.submissionId === from) return saved;
    if (!rejected.data) return null;
    const draft = draftFromRejected(rejected.data);
    saveDraft(username, draft);
    return draft;
  }, [username, from, rejected.data]);

  if (!initial) {
    return (
      <>
        <PageHeading>Upload documents</PageHeading>
        {rejected.isError ? (
          <p className="notice notice--error" role="alert">
            We could not load that submission: {describeError(rejected.error)}
          </p>
        ) : (
          <p className="loading" role="status">
            Loading your previous submission…
          </p>
        )}
      </>
    );
  }
  return <UploadForm key={from ?? 'new'} initial={initial} username={username} />;
}

/** Upload Documents: the checklist, one card per document, and the upload/submit run. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { REPLACES_PARAMETER, portalPaths } from '../../../src/contract/portal-routes.js';
import { describeError, isNotFound, useApi } from '../api/client.js';
import { useAuth } from '../auth/AuthProvider.js';
import { PageHeading } from '../components/Layout.js';
import { formatDateTime } from '../format.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { draftForReplacement, draftFromRejected, freshDraft, loadDraft, saveDraft, type DraftForm } from './draft.js';
import { UploadForm } from './UploadForm.js';

export function UploadPage() {
  const { session } = useAuth();
  const username = session!.username;
  const [params] = useSearchParams();
  const from = params.get('from');
  const replaces = params.get(REPLACES_PARAMETER);
  const api = useApi();
  const rejected = useQuery({
    queryKey: ['submission', from],
    queryFn: () => api.getSubmission(from!),
    enabled: Boolean(from),
    staleTime: Infinity,
  });
  const history = useQuery({
    queryKey: ['history', replaces],
    queryFn: () => api.getDocumentHistory(replaces!),
    enabled: Boolean(replaces),
    retry: (count, error) => !isNotFound(error) && count < 2,
  });
  const replaced = history.data?.credential.versions.find((version) => version.documentId === replaces);

  const initial = useMemo((): DraftForm | null => {
    const saved = loadDraft(username);
    if (replaces) {
      if (saved?.origin?.replaces === replaces) return saved;
      if (!history.data || !replaced || replaced.supersededBy || !history.data.credential.action) return null;
      const draft = draftForReplacement(history.data, replaced);
      saveDraft(username, draft);
      return draft;
    }
    if (!from) return saved?.origin ? freshDraft() : (saved ?? freshDraft());
    if (saved?.origin?.submissionId === from) return saved;
    if (!rejected.data) return null;
    const draft = draftFromRejected(rejected.data);
    saveDraft(username, draft);
    return draft;
  }, [username, from, replaces, rejected.data, history.data, replaced]);

  if (replaces && history.isError && isNotFound(history.error)) return <NotFoundPage what="document" />;
  if (!initial) {
    const current = history.data?.credential.current;
    return (
      <>
        <PageHeading>Upload documents</PageHeading>
        {rejected.isError || history.isError ? (
          <p className="notice notice--error" role="alert">
            We could not load that {replaces ? 'document' : 'submission'}: {describeError(rejected.error ?? history.error)}
          </p>
        ) : replaced?.supersededBy ? (
          <div className="notice notice--info" role="status">
            <p>
              <strong>This document was already replaced</strong>
              {replaced.supersededAt ? ` on ${formatDateTime(replaced.supersededAt)}` : ''} by a newer version, which is the one on file now.
            </p>
            {current && history.data?.credential.action ? (
              <Link to={portalPaths.replaceDocument(current.documentId)} className="button button--small">
                {history.data.credential.action === 'RENEW' ? 'Renew the current version' : 'Replace the current version'}
              </Link>
            ) : (
              <Link to="/">See your credentials</Link>
            )}
          </div>
        ) : history.data ? (
          <div className="notice notice--info" role="status">
            <p>This document cannot be renewed or replaced now: {history.data.credential.standing === 'CHECKING' ? 'it is still being checked.' : 'it does not expire and needs nothing.'}</p>
            <Link to="/">See your credentials</Link>
          </div>
        ) : (
          <p className="loading" role="status">
            {replaces ? 'Loading the document to renew…' : 'Loading your previous submission…'}
          </p>
        )}
      </>
    );
  }
  return <UploadForm key={replaces ?? from ?? 'new'} initial={initial} username={username} />;
}

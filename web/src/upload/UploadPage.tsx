/** Upload documents: the checklist, one card per document, and the upload/submit run. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { REPLACES_PARAMETER, portalPaths } from '../../../src/contract/portal-routes.js';
import { describeError, isNotFound, useApi, type Api } from '../api/client.js';
import type { CredentialVersionView, DocumentHistory, SubmissionView } from '../api/types.js';
import { useAuth } from '../auth/AuthProvider.js';
import { PageHeading } from '../components/Layout.js';
import { formatDateTime } from '../format.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { checkedDraft } from './checked-draft.js';
import { loadSentFiles, storeDraft } from './device-store.js';
import { CORRECT_PARAMETER, draftForReplacement, draftFromRejected, freshDraft, withHeldFiles, type DraftForm } from './draft.js';
import { SubmittedDraft } from './SubmittedDraft.js';
import type { LastRun } from './DraftNotices.js';
import { UploadForm } from './UploadForm.js';

/** What the page starts from: a draft, or why the document named in `?replaces=` cannot be replaced now. */
type Start =
  | { kind: 'draft'; form: DraftForm; revision: string | null; lastRun?: LastRun }
  /** The draft this device kept was submitted after all (a reload while Submit was on its way, another tab). */
  | { kind: 'submitted'; submissionId: string; submission: SubmissionView | null }
  | { kind: 'already-replaced'; history: DocumentHistory; replaced: CredentialVersionView }
  | { kind: 'nothing-to-replace'; history: DocumentHistory };

/**
 * Her draft as this device kept it, one rebuilt from the REJECTED submission she is fixing, or
 * one prefilled to renew or replace a document (the reminder's link, "Send a replacement").
 */
async function start(api: Api, username: string, from: string | null, replaces: string | null, correcting: boolean): Promise<Start> {
  const kept = await checkedDraft(api, username);
  // The kept draft is the one this address opens: her plain draft, or the one fixing `from` or replacing `replaces`.
  const opens = (form: DraftForm) =>
    replaces ? form.origin?.replaces === replaces && Boolean(form.origin.correcting) === correcting : from ? form.origin?.submissionId === from : !form.origin;
  if (kept?.kind === 'submitted' && opens(kept.form)) return { kind: 'submitted', submissionId: kept.submissionId, submission: kept.submission };
  if (kept?.kind === 'draft' && opens(kept.form)) return { kind: 'draft', form: withHeldFiles(kept.form, kept.files), revision: kept.revision, lastRun: kept.lastRun };
  const draft = (form: DraftForm, revision: string | null): Start => ({ kind: 'draft', form, revision });
  if (replaces) {
    const history = await api.getDocumentHistory(replaces);
    const replaced = history.credential.versions.find((version) => version.documentId === replaces);
    if (replaced?.supersededBy) return { kind: 'already-replaced', history, replaced };
    if (!replaced || !history.credential.action) return { kind: 'nothing-to-replace', history };
    const form = draftForReplacement(history, replaced, correcting);
    return draft(form, await storeDraft(username, form));
  }
  // A fresh form replaces, at her first change, any other draft kept here (one draft per provider).
  if (!from) return draft(freshDraft(), kept?.kind === 'draft' ? kept.revision : null);
  const rebuilt = draftFromRejected(await api.getSubmission(from), await loadSentFiles(username, from));
  return draft(rebuilt, await storeDraft(username, rebuilt));
}

function CannotReplace({ start: state }: { start: Extract<Start, { kind: 'already-replaced' | 'nothing-to-replace' }> }) {
  const { credential } = state.history;
  const current = credential.current;
  if (state.kind === 'already-replaced') {
    return (
      <div className="notice notice--info" role="status">
        <p>
          <strong>This document was already replaced</strong>
          {state.replaced.supersededAt ? ` on ${formatDateTime(state.replaced.supersededAt)}` : ''} by a newer version, which is the one on file now.
        </p>
        {credential.action ? (
          <Link to={portalPaths.replaceDocument(current.documentId)} className="button button--small">
            {credential.action === 'RENEW' ? 'Renew the current version' : 'Replace the current version'}
          </Link>
        ) : (
          <Link to="/">See your credentials</Link>
        )}
      </div>
    );
  }
  return (
    <div className="notice notice--info" role="status">
      <p>This document cannot be renewed or replaced now: {credential.standing === 'CHECKING' ? 'it is still being checked.' : 'it does not expire and needs nothing.'}</p>
      <Link to="/">See your credentials</Link>
    </div>
  );
}

export function UploadPage() {
  const { session } = useAuth();
  const username = session!.username;
  const [params] = useSearchParams();
  const from = params.get('from');
  const replaces = params.get(REPLACES_PARAMETER);
  const correcting = params.get(CORRECT_PARAMETER) === '1';
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initial = useQuery({
    queryKey: ['device-draft', username, from, replaces, correcting],
    queryFn: () => start(api, username, from, replaces, correcting),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: (count, error) => !isNotFound(error) && count < 2,
  });

  if (replaces && initial.isError && isNotFound(initial.error)) return <NotFoundPage what="document" />;
  if (initial.data?.kind === 'draft') {
    return <UploadForm key={`${replaces ?? from ?? 'new'}-${initial.dataUpdatedAt}`} initial={initial.data.form} revision={initial.data.revision} lastRun={initial.data.lastRun ?? null} username={username} />;
  }
  const newUpload = () => {
    navigate('/upload', { replace: true });
    void queryClient.invalidateQueries({ queryKey: ['device-draft'] });
  };
  return (
    <>
      <PageHeading>Upload documents</PageHeading>
      {initial.data?.kind === 'submitted' ? (
        <SubmittedDraft submissionId={initial.data.submissionId} submission={initial.data.submission} onNewUpload={newUpload} />
      ) : initial.data ? (
        <CannotReplace start={initial.data} />
      ) : initial.isError ? (
        <p className="notice notice--error" role="alert">
          We could not load {replaces ? 'that document' : 'your documents'}: {describeError(initial.error)}
        </p>
      ) : (
        <p className="loading" role="status">
          {replaces ? 'Loading the document to renew…' : 'Loading your documents…'}
        </p>
      )}
    </>
  );
}

/** What the upload form says about where her draft stands beyond this tab: another tab's doing, or how her last Submit ended. */
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { portalPaths } from '../../../src/contract/portal-routes.js';
import type { DraftChange } from './device-store.js';
import type { UploadUnderway } from './upload-lock.js';

const WHAT: Record<DraftChange['kind'], { said: string; action: string }> = {
  changed: { said: 'This draft was changed in another tab.', action: 'Load the latest version' },
  cleared: { said: 'This draft was cleared in another tab.', action: 'Start again' },
  discarded: { said: 'This draft was discarded in another tab.', action: 'Start again' },
  submitted: { said: 'These documents were submitted in another tab.', action: 'Upload other documents' },
};

/**
 * Told to a tab whose draft another tab of this browser changed, cleared, discarded or submitted:
 * what happened, and the way on. `byThisTab`: the upload she left this page during went in.
 */
export function ChangedElsewhere({ change, byThisTab = false }: { change: DraftChange; byThisTab?: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { said, action } = WHAT[change.kind];
  // The page reads the draft again from this device: the version the other tab left, or none.
  const reload = () => {
    if (change.kind !== 'changed') navigate('/upload', { replace: true });
    void queryClient.invalidateQueries({ queryKey: ['device-draft'] });
  };
  if (byThisTab && change.kind === 'submitted') {
    return (
      <div className="notice notice--success" role="alert">
        <p>
          <strong>Your documents were submitted</strong> while you were away from this page.
        </p>
        <div className="actions">
          <Link to={portalPaths.submission(change.submissionId)}>See the submission</Link>
          <button type="button" className="button button--small button--secondary" onClick={reload}>
            {action}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="notice notice--warning" role="alert">
      <p>
        <strong>{said}</strong> This tab saves nothing more, so it cannot overwrite what you did there.
      </p>
      <div className="actions">
        <button type="button" className="button button--small" onClick={reload}>
          {action}
        </button>
        {change.kind === 'submitted' && <Link to={portalPaths.submission(change.submissionId)}>See the submission</Link>}
      </div>
    </div>
  );
}

/**
 * How her last Submit of this draft stood when the page opened: it did not finish, it is still
 * uploading (`here`: from this page, which she left mid-upload; `elsewhere`: in another tab), or we could not tell.
 */
export type LastRun = 'unfinished' | UploadUnderway | 'unknown';

/**
 * Her last Submit of this draft: still uploading in another tab, not finished (nothing was
 * submitted), or not known (the status could not be read; submitting again never sends twice).
 */
export function LastRunNotice({ state }: { state: Exclude<LastRun, null> }) {
  if (state === 'here' || state === 'elsewhere') {
    return (
      <p className="notice notice--info" role="status">
        {state === 'here' ? 'Your documents are still being uploaded from when you left this page.' : 'Your documents are being uploaded in another tab.'} When
        they are submitted, this page says so: nothing here is sent again.
      </p>
    );
  }
  return (
    <p className="notice notice--info">
      {state === 'unknown'
        ? 'We could not check whether your last Submit went through. Your documents are below: submitting them again never sends them twice.'
        : 'Your last upload did not finish, so nothing was submitted. Your documents are below: submit them when you are ready.'}
    </p>
  );
}

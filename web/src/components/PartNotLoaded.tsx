/**
 * Where a page's part could not load (web/src/new-version.ts): inside the portal's frame, never
 * React Router's error screen or a blank page. Any other error goes on to the router as before.
 */
import { useEffect, useState } from 'react';
import { useRouteError } from 'react-router';
import { useAuth } from '../auth/AuthProvider.js';
import { currentBuild, isChunkLoadError, lastReloadedFrom, mayReloadBySelf, rememberReloadFrom } from '../new-version.js';
import { uploadingHere } from '../upload/upload-lock.js';
import { PageHeading } from './Layout.js';

export function RouteError() {
  const error = useRouteError();
  if (!isChunkLoadError(error)) throw error;
  return <PartNotLoaded />;
}

/** Set once this page has started reloading itself: a page rendered meanwhile waits for it too. */
let reloadStarted = false;

function PartNotLoaded() {
  const { session } = useAuth();
  const [uploading] = useState(uploadingHere);
  const [thisBuild] = useState(currentBuild);
  // Rendering decides nothing for good (React may render and discard): the effect notes the build, then reloads.
  const [reloading, setReloading] = useState(() => reloadStarted || mayReloadBySelf({ uploadingHere: uploading, thisBuild, reloadedFrom: lastReloadedFrom() }));
  useEffect(() => {
    if (!reloading || reloadStarted) return;
    if (!rememberReloadFrom(thisBuild)) return setReloading(false);
    reloadStarted = true;
    window.location.reload();
  }, [reloading, thisBuild]);

  if (reloading) {
    return (
      <p className="loading" role="status">
        Loading the new version of the portal…
      </p>
    );
  }
  return (
    <div className="card empty-state">
      <PageHeading>This page needs a reload</PageHeading>
      <p>The portal was updated since you opened it, and this page could not load its part of it.</p>
      {uploading ? (
        <p className="notice notice--info" role="status">
          Your documents are still being uploaded from this tab. Reload once they are received: reloading now would stop the upload.
        </p>
      ) : (
        <p>
          {session?.role === 'staff'
            ? 'A decision you typed and have not saved is kept in this tab: reloading loses none of it.'
            : 'What you entered and the files you chose are kept on this device: reloading loses none of it.'}
        </p>
      )}
      <p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </p>
    </div>
  );
}

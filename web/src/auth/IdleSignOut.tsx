/**
 * Staff see every provider's documents: a staff session left without activity for
 * IDLE_LIMIT_MINUTES ends itself (HIPAA's automatic logoff), after a warning a minute before.
 * Only her own input counts (keys, clicks, touches, the wheel); the page's polling does not.
 * Providers see only their own documents and may leave the form to find a file, so they are not
 * signed out. Each tab keeps its own session (sessionStorage), so each keeps its own time.
 */
import { useEffect, useRef, useState } from 'react';
import { useAuth } from './AuthProvider.js';

export const IDLE_LIMIT_MINUTES = 15;
const LIMIT_MS = IDLE_LIMIT_MINUTES * 60_000;
const WARNING_MS = 60_000;
const CHECK_EVERY_MS = 1_000;
const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export function IdleSignOut() {
  const { session, signOutIdle } = useAuth();
  const lastActivity = useRef(Date.now());
  const [warning, setWarning] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const staff = session?.role === 'staff';

  useEffect(() => {
    if (!staff) return;
    lastActivity.current = Date.now();
    // While the warning shows, only "Stay signed in" keeps the session: a stray key press should not.
    const onActivity = () => {
      if (Date.now() - lastActivity.current < LIMIT_MS - WARNING_MS) lastActivity.current = Date.now();
    };
    // A timer can be late (a background tab, a sleeping laptop): the elapsed time decides, not the tick count.
    const check = () => {
      const idle = Date.now() - lastActivity.current;
      if (idle >= LIMIT_MS) signOutIdle(IDLE_LIMIT_MINUTES);
      else setWarning(idle >= LIMIT_MS - WARNING_MS);
    };
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { capture: true, passive: true });
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity, { capture: true });
      setWarning(false);
    };
  }, [staff, signOutIdle]);

  // A modal <dialog>: the page behind it is inert, so keys and clicks reach only the warning.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (warning && !dialog.open) dialog.showModal();
    if (!warning && dialog.open) dialog.close();
  }, [warning]);

  if (!staff) return null;
  const stay = () => {
    lastActivity.current = Date.now();
    setWarning(false);
  };
  return (
    <dialog
      ref={dialogRef}
      className="idle-warning"
      role="alertdialog"
      aria-labelledby="idle-warning-title"
      aria-describedby="idle-warning-text"
      onCancel={(event) => {
        event.preventDefault(); // Escape is an answer too: she is there
        stay();
      }}
    >
      <h2 id="idle-warning-title">Still there?</h2>
      <p id="idle-warning-text">
        Nothing has happened on this page for {IDLE_LIMIT_MINUTES - 1} minutes. To keep providers' documents private, you will be signed out in less than a minute.
      </p>
      <button type="button" className="button" onClick={stay}>
        Stay signed in
      </button>
    </dialog>
  );
}

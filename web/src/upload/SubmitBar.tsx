/** The form's last word and its buttons: submit and clear, or after a failed upload, retry and edit. */
import type { Phase } from './useUploadRun.js';

interface Props {
  documentCount: number;
  phase: Phase;
  /** A run is under way or interrupted, or another tab owns the draft: nothing new can start here. */
  locked: boolean;
  canRetry: boolean;
  /** Some file failed to upload (otherwise every file is there and only submitting failed). */
  uploadsFailed: boolean;
  onRetry(): void;
  onEdit(): void;
  onClear(): void;
}

export function SubmitBar({ documentCount, phase, locked, canRetry, uploadsFailed, onRetry, onEdit, onClear }: Props) {
  const busy = phase !== 'idle' && phase !== 'failed';
  return (
    <div className="submit-bar">
      <p id="submit-note" className="submit-bar__note">
        By submitting you confirm these documents are yours and current. You will get a reference number and an email confirmation.
      </p>
      <div className="submit-bar__actions">
        {phase === 'failed' ? (
          <>
            {canRetry && (
              <button type="button" className="button" onClick={onRetry}>
                {uploadsFailed ? 'Retry failed uploads' : 'Try submitting again'}
              </button>
            )}
            <button type="button" className="button button--secondary" onClick={onEdit}>
              Edit documents
            </button>
          </>
        ) : (
          <>
            <button type="submit" className="button" disabled={locked}>
              {busy ? 'Working…' : `Submit ${documentCount} document${documentCount === 1 ? '' : 's'}`}
            </button>
            <button type="button" className="button button--link" onClick={onClear} disabled={locked}>
              Clear form
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/** Progress of an upload run: a bar per file and one overall, announced politely. */
import { useEffect, useRef } from 'react';
import { ProgressBar } from '../components/ProgressBar.js';
import type { FileProgress, Phase } from './useUploadRun.js';
import { formatBytes } from '../format.js';

const PHASE_TEXT: Record<Phase, string> = {
  idle: '',
  hashing: 'Preparing your files…',
  creating: 'Creating your submission…',
  uploading: 'Uploading your files…',
  submitting: 'Submitting for validation…',
  failed: 'Upload interrupted',
};

const STATE_TEXT: Record<FileProgress['state'], string> = {
  waiting: 'Waiting',
  uploading: '',
  retrying: 'Retrying…',
  offline: 'Waiting for a connection',
  done: 'Uploaded',
  failed: 'Failed',
};

/** `waitingForConnection`: a request of the sequence (create, new links, submit) waits for the browser's connection. */
export function UploadProgress({ phase, files, waitingForConnection = false }: { phase: Phase; files: FileProgress[]; waitingForConnection?: boolean }) {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const loaded = files.reduce((sum, file) => sum + Math.min(file.loaded, file.size), 0);
  const done = files.filter((file) => file.state === 'done').length;
  // Every file is there and only submitting failed: nothing about it was interrupted.
  const heading = phase === 'failed' && files.length > 0 && done === files.length ? 'Uploaded, not submitted yet' : PHASE_TEXT[phase];
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <section ref={ref} className="card upload-progress" aria-labelledby="upload-progress-heading">
      <h2 id="upload-progress-heading">{heading}</h2>
      <p className="visually-hidden" aria-live="polite">
        {heading} {done} of {files.length} files uploaded.
      </p>
      {files.some((file) => file.state === 'offline') ? (
        <p className="notice notice--warning" role="status">
          You are offline. Your files upload by themselves as soon as your connection is back.
        </p>
      ) : (
        waitingForConnection && (
          <p className="notice notice--warning" role="status">
            You are offline. Your submission goes on by itself as soon as your connection is back.
          </p>
        )
      )}
      <ProgressBar
        label="Overall progress"
        value={loaded}
        max={total}
        detail={`${done} of ${files.length} files · ${formatBytes(loaded)} of ${formatBytes(total)}`}
      />
      <ul className="upload-progress__files">
        {files.map((file) => (
          <li key={file.key} className={`upload-progress__file upload-progress__file--${file.state}`}>
            <ProgressBar
              label={file.name}
              value={file.loaded}
              max={file.size}
              detail={(file.arrivedEarlier ? 'Already uploaded' : STATE_TEXT[file.state]) || `${Math.round((file.loaded / Math.max(file.size, 1)) * 100)}%`}
            />
            {file.error && <p className="field__error">{file.error}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

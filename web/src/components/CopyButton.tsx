import { useState } from 'react';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 4000);
  };
  return (
    <>
      <button type="button" className="button button--secondary button--small" onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : 'Copy'}
        <span className="visually-hidden"> {label}</span>
      </button>
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied' ? `${label} copied to the clipboard.` : state === 'failed' ? 'Copying failed. Select the number and copy it.' : ''}
      </span>
    </>
  );
}

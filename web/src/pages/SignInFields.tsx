/**
 * What every sign-in step shares: its one error, announced as it appears, and inputs that point
 * at it while it shows (each step checks its fields together and says what to fix in one sentence).
 */
import type { InputHTMLAttributes, ReactNode } from 'react';

export function StepError({ id, error }: { id: string; error: string | null | undefined }) {
  return (
    <div aria-live="assertive">
      {error && (
        <p className="notice notice--error" id={id}>
          {error}
        </p>
      )}
    </div>
  );
}

interface StepInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby' | 'aria-invalid'> {
  id: string;
  label: string;
  /** The step's error element while it shows an error, else undefined. */
  errorId: string | undefined;
  /** Shown between the label and the input, describing it (a password's rules). */
  hint?: { id: string; content: ReactNode };
}

export function StepInput({ id, label, errorId, hint, ...input }: StepInputProps) {
  const describedBy = [errorId, hint?.id].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && <div id={hint.id}>{hint.content}</div>}
      <input id={id} {...input} aria-describedby={describedBy || undefined} aria-invalid={Boolean(errorId)} />
    </div>
  );
}

/** A labelled form control with its hint and its error, wired for screen readers. */
import type { ReactNode } from 'react';

/** Scrolls the field holding element `target` into view and focuses it (the error summary's links, a new card). */
export function focusField(target: string): void {
  const element = document.getElementById(target);
  element?.closest('.field, .file-picker')?.scrollIntoView({ block: 'center' });
  element?.focus({ preventScroll: true });
}

export function fieldId(...parts: (string | number)[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '-');
}

interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  children: (props: { id: string; 'aria-describedby': string; 'aria-invalid': boolean }) => ReactNode;
  className?: string;
}

export function Field({ id, label, hint, error, optional, children, className }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional"> (optional)</span>}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <p id={errorId} className="field__error" aria-live="polite">
        {error && (
          <>
            <span className="visually-hidden">Error: </span>
            {error}
          </>
        )}
      </p>
      {children({ id, 'aria-describedby': `${hint ? `${hintId} ` : ''}${errorId}`, 'aria-invalid': Boolean(error) })}
    </div>
  );
}

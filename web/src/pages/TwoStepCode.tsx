/** The two-step sign-in code from her authenticator app (Cognito's SOFTWARE_TOKEN_MFA challenge). */
import { useState, type FormEvent } from 'react';

interface TwoStepCodeProps {
  pending: boolean;
  /** Cognito's refusal in words (a wrong code), if any. */
  error: string | null;
  onCode(code: string): void;
}

export function TwoStepCode({ pending, error, onCode }: TwoStepCodeProps) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const shown = problem ?? error;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    const found = /^\d{6}$/.test(digits) ? null : 'Enter the 6 digits your authenticator app shows for this portal.';
    setProblem(found);
    if (!found) onCode(digits);
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <p className="lede">You turned on two-step sign-in. Open your authenticator app and enter the code it shows for this portal.</p>
      <div aria-live="assertive">
        {shown && (
          <p className="notice notice--error" id="two-step-error">
            {shown}
          </p>
        )}
      </div>
      <div className="field">
        <label className="field__label" htmlFor="two-step-code">
          6-digit code
        </label>
        <input
          id="two-step-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          aria-describedby={shown ? 'two-step-error' : undefined}
          aria-invalid={Boolean(shown)}
        />
      </div>
      <button type="submit" className="button button--block" disabled={pending}>
        {pending ? 'Checking…' : 'Sign in'}
      </button>
    </form>
  );
}

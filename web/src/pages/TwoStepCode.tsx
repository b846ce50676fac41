/** The two-step sign-in code from her authenticator app (Cognito's SOFTWARE_TOKEN_MFA challenge). */
import { useState, type FormEvent } from 'react';
import { StepError, StepInput } from './SignInFields.js';

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
      <StepError id="two-step-error" error={shown} />
      <StepInput id="two-step-code" label="6-digit code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} value={code} onChange={(event) => setCode(event.target.value)} errorId={shown ? 'two-step-error' : undefined} />
      <button type="submit" className="button button--block" disabled={pending}>
        {pending ? 'Checking…' : 'Sign in'}
      </button>
    </form>
  );
}

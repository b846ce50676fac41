/**
 * A forgotten password (or one the office reset): her email, a code Cognito emails her, then the
 * code with a new password. Whether an account exists is never said. `onChosen` signs her in.
 */
import { useState, type FormEvent } from 'react';
import { confirmForgotPassword, forgotPassword, SignInError } from '../auth/cognito.js';
import { useAuth } from '../auth/AuthProvider.js';
import { NewPasswordForm } from './NewPasswordForm.js';
import { StepError, StepInput } from './SignInFields.js';

export type ForgotStep = { name: 'email' } | { name: 'code'; email: string; destination: string };

interface ForgotPasswordProps {
  step: ForgotStep;
  email: string;
  /** Why she is here when she did not ask (the office reset her password). */
  reason?: string | null;
  onStep(step: ForgotStep): void;
  onEmail(email: string): void;
  onChosen(email: string, password: string): Promise<void>;
  onBack(): void;
}

const messageOf = (error: unknown) => (error instanceof SignInError ? error.message : 'Something went wrong. Try again.');

export function ForgotPassword({ step, email, reason, onStep, onEmail, onChosen, onBack }: ForgotPasswordProps) {
  const { config } = useAuth();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const sendCode = async (to: string) => {
    setPending(true);
    setError(null);
    try {
      const destination = await forgotPassword(config, to);
      onStep({ name: 'code', email: to, destination });
      setCode('');
      return true;
    } catch (sendError) {
      setError(messageOf(sendError));
      return false;
    } finally {
      setPending(false);
    }
  };

  if (step.name === 'email') {
    const onSubmit = (event: FormEvent) => {
      event.preventDefault();
      if (!email.trim()) {
        setError('Enter the email address you sign in with.');
        return;
      }
      void sendCode(email.trim());
    };
    return (
      <>
        <p className="lede">Enter the email address you sign in with. We will email you a code to choose a new password.</p>
        <StepError id="forgot-error" error={error} />
        <form onSubmit={onSubmit} noValidate>
          <StepInput id="forgot-email" label="Email address" type="email" autoComplete="username" value={email} onChange={(event) => onEmail(event.target.value)} errorId={error ? 'forgot-error' : undefined} />
          <button type="submit" className="button button--block" disabled={pending}>
            {pending ? 'Sending…' : 'Email me a code'}
          </button>
        </form>
        <p>
          <button type="button" className="button--link" onClick={onBack}>
            Back to sign in
          </button>
        </p>
      </>
    );
  }

  const choose = (password: string) => {
    setPending(true);
    setError(null);
    setInfo(null);
    void confirmForgotPassword(config, step.email, code.trim(), password)
      .then(() => onChosen(step.email, password))
      .catch((confirmError: unknown) => {
        setError(messageOf(confirmError));
        setPending(false);
      });
  };
  const sendAgain = async () => {
    setInfo(null);
    if (await sendCode(step.email)) setInfo('We sent a new code. Use the newest email: earlier codes no longer work.');
  };

  return (
    <>
      {reason && <p className="notice notice--info">{reason}</p>}
      <p className="lede" role="status">
        If an account exists for {step.email}, we sent a code to {step.destination}. It works for 1 hour.
      </p>
      {info && (
        <p className="notice notice--info" role="status">
          {info}
        </p>
      )}
      <NewPasswordForm
        submitLabel="Save password and sign in"
        pendingLabel="Saving…"
        pending={pending}
        error={error}
        onChoose={choose}
        checkOtherFields={() => (/^\d{6}$/.test(code.trim()) ? null : 'Enter the 6-digit code from the email we sent you.')}
      >
        <StepInput id="reset-code" label="Code from the email" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(event) => setCode(event.target.value)} errorId={undefined} />
      </NewPasswordForm>
      <p>
        <button type="button" className="button--link" onClick={() => void sendAgain()} disabled={pending}>
          Send the code again
        </button>{' '}
        <button type="button" className="button--link" onClick={onBack}>
          Back to sign in
        </button>
      </p>
    </>
  );
}

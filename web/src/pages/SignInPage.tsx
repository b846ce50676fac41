/**
 * Signing in, one step at a time: email and password, then whatever Cognito asks first — a
 * password of her own after an invitation's temporary one, or her authenticator's code. A step
 * that times out (Cognito's 3-minute session) goes back to the email and password, saying why. A
 * forgotten password, or one the office reset, is chosen again with an emailed code, and then she
 * is signed in with it.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { forgotPassword, SignInError, type Challenge, type SignInOutcome } from '../auth/cognito.js';
import { useAuth } from '../auth/AuthProvider.js';
import { CHALLENGE_EXPIRED } from '../auth/sign-in-errors.js';
import { PageHeading } from '../components/Layout.js';
import { ForgotPassword, type ForgotStep } from './ForgotPassword.js';
import { NewPasswordForm } from './NewPasswordForm.js';
import { StepError, StepInput } from './SignInFields.js';
import { TwoStepCode } from './TwoStepCode.js';

type Step = { name: 'password' } | { name: 'challenge'; challenge: Challenge } | { name: 'forgot'; forgot: ForgotStep; reason: string | null };

export function SignInPage() {
  const { config, session, signIn, answerChallenge, notice, lastUsername } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [step, setStep] = useState<Step>({ name: 'password' });
  const [email, setEmail] = useState(lastUsername ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  if (session && !pending) return <Navigate to={from} replace />;

  /** Runs one call to Cognito and goes where its answer leads. */
  const run = async (call: () => Promise<SignInOutcome>) => {
    setPending(true);
    setError(null);
    try {
      const outcome = await call();
      if (outcome.kind === 'signedIn') {
        navigate(from, { replace: true });
        return;
      }
      setStep({ name: 'challenge', challenge: outcome.challenge });
      setPassword('');
    } catch (signInError) {
      if (signInError instanceof SignInError && signInError.code === 'PasswordResetRequiredException') {
        await startReset(signInError.message);
        return;
      }
      setError(signInError instanceof SignInError ? signInError.message : 'Sign-in failed. Try again.');
      if (signInError instanceof SignInError && signInError.code === CHALLENGE_EXPIRED) {
        setStep({ name: 'password' });
        setPassword('');
      }
    }
    setPending(false);
  };

  /** The office reset her password: a fresh code is emailed at once (the newest one is the one that works). */
  const startReset = async (reason: string) => {
    try {
      const destination = await forgotPassword(config, email.trim());
      setStep({ name: 'forgot', forgot: { name: 'code', email: email.trim(), destination }, reason });
    } catch (sendError) {
      setError(sendError instanceof SignInError ? sendError.message : 'Sign-in failed. Try again.');
    }
    setPending(false);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email address and your password.');
      return;
    }
    void run(() => signIn(email.trim(), password));
  };

  if (step.name === 'challenge' && step.challenge.kind === 'newPassword') {
    const { challenge } = step;
    return (
      <SignInCard heading="Choose your password">
        <p className="lede">Welcome. The password from your invitation email works only once: choose the password you will sign in with from now on.</p>
        <NewPasswordForm submitLabel="Save password and sign in" pendingLabel="Saving…" pending={pending} error={error} onChoose={(chosen) => void run(() => answerChallenge(challenge, chosen))} />
      </SignInCard>
    );
  }

  if (step.name === 'challenge' && step.challenge.kind === 'mfaCode') {
    const { challenge } = step;
    return (
      <SignInCard heading="Enter your sign-in code">
        <TwoStepCode pending={pending} error={error} onCode={(code) => void run(() => answerChallenge(challenge, code))} />
      </SignInCard>
    );
  }

  if (step.name === 'forgot') {
    const back = () => {
      setError(null);
      setStep({ name: 'password' });
    };
    return (
      <SignInCard heading="Choose a new password">
        <ForgotPassword
          step={step.forgot}
          email={email}
          reason={step.reason}
          onEmail={setEmail}
          onStep={(forgot) => setStep({ ...step, forgot })}
          onBack={back}
          onChosen={async (resetEmail, chosen) => {
            setStep({ name: 'password' });
            await run(() => signIn(resetEmail, chosen));
          }}
        />
      </SignInCard>
    );
  }

  return (
    <SignInCard heading="Sign in">
      <p className="lede">Upload and track your credentialing documents.</p>
      {notice && !error && (
        <p className="notice notice--info" role="status">
          {notice}
        </p>
      )}
      <StepError id="sign-in-error" error={error} />
      <form onSubmit={onSubmit} noValidate>
        <StepInput id="email" label="Email address" type="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} errorId={error ? 'sign-in-error' : undefined} />
        <StepInput id="password" label="Password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} errorId={error ? 'sign-in-error' : undefined} />
        <button type="submit" className="button button--block" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        <button
          type="button"
          className="button--link"
          onClick={() => {
            setError(null);
            setStep({ name: 'forgot', forgot: { name: 'email' }, reason: null });
          }}
        >
          Forgot your password?
        </button>
      </p>
    </SignInCard>
  );
}

function SignInCard({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <div className="sign-in">
      <div className="card sign-in__card">
        <PageHeading>{heading}</PageHeading>
        {children}
      </div>
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { SignInError } from '../auth/cognito.js';
import { useAuth } from '../auth/AuthProvider.js';
import { PageHeading } from '../components/Layout.js';

export function SignInPage() {
  const { session, signIn, notice, lastUsername } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState(lastUsername ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  if (session && !pending) return <Navigate to={from} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email address and your password.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate(from, { replace: true });
    } catch (signInError) {
      setError(signInError instanceof SignInError ? signInError.message : 'Sign-in failed. Try again.');
      setPending(false);
    }
  };

  return (
    <div className="sign-in">
      <div className="card sign-in__card">
        <PageHeading>Sign in</PageHeading>
        <p className="lede">Upload and track your credentialing documents.</p>
        {notice && !error && (
          <p className="notice notice--info" role="status">
            {notice}
          </p>
        )}
        <div aria-live="assertive">
          {error && (
            <p className="notice notice--error" id="sign-in-error">
              {error}
            </p>
          )}
        </div>
        <form onSubmit={onSubmit} noValidate>
          <div className="field">
            <label className="field__label" htmlFor="email">
              Email address
            </label>
            <input
              id="email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-describedby={error ? 'sign-in-error' : undefined}
              aria-invalid={Boolean(error)}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="password">
              Password
            </label>
            <input
              id="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-describedby={error ? 'sign-in-error' : undefined}
              aria-invalid={Boolean(error)}
            />
          </div>
          <button type="submit" className="button button--block" disabled={pending}>
            {pending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </div>
  );
}

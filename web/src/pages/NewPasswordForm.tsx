/**
 * Choosing a password (first sign-in, forgotten password): the pool's rules shown before she
 * types and ticked off as she does, checked here before Cognito is asked, and typed twice.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { PASSWORD_POLICY } from '../../../src/contract/password-policy.js';
import { passwordRules, unmetPasswordRules } from '../../../src/domain/password-rules.js';
import { StepError, StepInput } from './SignInFields.js';

const RULES = passwordRules(PASSWORD_POLICY);

interface NewPasswordFormProps {
  /** Fields asked before the password (the emailed code). */
  children?: ReactNode;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** The refusal to show (Cognito's, in words), if any. */
  error: string | null;
  /** Called with a password that meets every rule, typed the same twice. */
  onChoose(password: string): void;
  /** A problem with the fields in `children` found before sending, or null. */
  checkOtherFields?: () => string | null;
}

export function NewPasswordForm({ children, submitLabel, pendingLabel, pending, error, onChoose, checkOtherFields }: NewPasswordFormProps) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const shown = problem ?? error;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const unmet = unmetPasswordRules(PASSWORD_POLICY, password);
    const found =
      checkOtherFields?.() ??
      (unmet.length > 0
        ? `Your new password does not meet every rule yet. It still needs: ${unmet.map((rule) => rule.toLowerCase()).join('; ')}.`
        : password !== confirm
          ? 'The two passwords are not the same. Type the same new password in both boxes.'
          : null);
    setProblem(found);
    if (!found) onChoose(password);
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <StepError id="new-password-error" error={shown} />
      {children}
      <StepInput
        id="new-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        errorId={shown ? 'new-password-error' : undefined}
        hint={{ id: 'password-rules', content: <PasswordRules password={password} /> }}
      />
      <StepInput id="confirm-password" label="Type the new password again" type="password" autoComplete="new-password" value={confirm} onChange={(event) => setConfirm(event.target.value)} errorId={undefined} />
      <button type="submit" className="button button--block" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}

/** The pool's rules, each ticked off as the password she types meets it. */
function PasswordRules({ password }: { password: string }) {
  return (
    <>
      <p className="field__hint">Your password needs:</p>
      <ul className="password-rules">
        {RULES.map((rule) => {
          const met = rule.isMet(password);
          return (
            <li key={rule.text} className={met ? 'password-rules__met' : undefined}>
              <span aria-hidden="true">{met ? '✓ ' : '• '}</span>
              {rule.text}
              {met && <span className="visually-hidden"> (done)</span>}
            </li>
          );
        })}
      </ul>
    </>
  );
}

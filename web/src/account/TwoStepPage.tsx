/**
 * /account/security: every signed-in user can turn two-step sign-in (an authenticator app's
 * 6-digit code after her password) on and off. Loaded only when opened: the QR encoder comes with it.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { SessionExpired, useAuth } from '../auth/AuthProvider.js';
import { AccessTokenRefused, confirmTwoStep, groupSecret, otpauthUri, readTwoStep, startTwoStep, TwoStepError, turnOffTwoStep, type TwoStepStatus } from '../auth/two-step.js';
import { Field } from '../components/Field.js';
import { PageHeading } from '../components/Layout.js';
import { QueryState } from '../components/QueryState.js';
import { QrCode } from './QrCode.js';

const STATUS_KEY = ['two-step-status'];
const APP_FALLBACK = 'your authenticator app';

function messageOf(error: unknown): string {
  return error instanceof TwoStepError || error instanceof SessionExpired ? error.message : 'Something unexpected happened. Try again.';
}

/** Runs a Cognito call with a fresh access token; one refused as expired is refreshed once through the session's own path. */
function useWithAccessToken() {
  const { getAccessToken, expire } = useAuth();
  return useCallback(
    async <T,>(work: (accessToken: string) => Promise<T>): Promise<T> => {
      try {
        return await work(await getAccessToken());
      } catch (error) {
        if (!(error instanceof AccessTokenRefused)) throw error;
      }
      try {
        return await work(await getAccessToken({ forceRefresh: true }));
      } catch (error) {
        if (!(error instanceof AccessTokenRefused)) throw error;
        expire();
        throw new SessionExpired();
      }
    },
    [getAccessToken, expire],
  );
}

/** A heading that takes focus when its step appears, so a screen reader says where she is now. */
function StepHeading({ id, focus = true, children }: { id: string; focus?: boolean; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h2 id={id} ref={ref} tabIndex={-1}>
      {children}
    </h2>
  );
}

function Enrolment({ secret, onDone, onCancel }: { secret: string; onDone: (app: string) => void; onCancel: () => void }) {
  const { config, session } = useAuth();
  const withAccessToken = useWithAccessToken();
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const issuer = config.office.organizationName ?? config.office.officeName;
  const uri = otpauthUri({ issuer, account: session?.email ?? '', secret });
  const grouped = groupSecret(secret);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setCodeError(undefined);
    setProblem(undefined);
    try {
      await withAccessToken((token) => confirmTwoStep(config, token, code, deviceName));
      onDone(deviceName.trim() || APP_FALLBACK);
    } catch (error) {
      if (error instanceof TwoStepError && error.field === 'code') {
        setCodeError(error.message);
        document.getElementById('two-step-code')?.focus();
      } else setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card two-step" aria-labelledby="two-step-setup">
      <StepHeading id="two-step-setup">Set up your authenticator app</StepHeading>
      <ol className="two-step__steps">
        <li>Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or 1Password) and add an account.</li>
        <li>
          Scan this QR code, or type the key below into the app.
          <div className="two-step__key">
            <QrCode text={uri} label={`QR code for ${issuer}. The same key as text: ${grouped}`} />
            <p>
              Key: <code className="two-step__secret">{grouped}</code>
              <br />
              <span className="field__hint">Account: {session?.email}. Time-based, 6 digits, every 30 seconds.</span>
            </p>
          </div>
        </li>
        <li>Type the 6-digit code the app shows.</li>
      </ol>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field id="two-step-code" label="6-digit code" error={codeError}>
          {(props) => (
            <input {...props} type="text" className="two-step__code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} value={code} onChange={(event) => setCode(event.target.value)} />
          )}
        </Field>
        <Field id="two-step-device" label="Name of the app or phone" optional hint="So you know which app to open when we ask for a code, e.g. “Authenticator on my iPhone”.">
          {(props) => <input {...props} type="text" maxLength={60} value={deviceName} onChange={(event) => setDeviceName(event.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Checking…' : 'Turn on two-step sign-in'}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

export function TwoStepPage() {
  const { config } = useAuth();
  const withAccessToken = useWithAccessToken();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: () => withAccessToken((token) => readTwoStep(config, token)), staleTime: 0 });
  const [secret, setSecret] = useState<string>();
  const [turnedOnWith, setTurnedOnWith] = useState<string>();
  const [confirmingOff, setConfirmingOff] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  // After she turns it on, off or cancels, focus goes to the state she is now in (not when the page first opens: the h1 has it).
  const [focusState, setFocusState] = useState(false);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await work();
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  // Each start asks Cognito for a new secret: one from a reloaded or cancelled setup is never reused.
  const start = () => act(async () => setSecret(await withAccessToken((token) => startTwoStep(config, token))));
  const turnOff = () =>
    act(async () => {
      await withAccessToken((token) => turnOffTwoStep(config, token));
      setConfirmingOff(false);
      setTurnedOnWith(undefined);
      setFocusState(true);
      showStatus({ on: false, preferred: false });
    });
  // What Cognito just answered is shown at once; the read after it confirms it.
  const showStatus = (next: TwoStepStatus) => {
    queryClient.setQueryData(STATUS_KEY, next);
    void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
  };
  const done = (app: string) => {
    showStatus({ on: true, preferred: true });
    setSecret(undefined);
    setTurnedOnWith(app);
    setFocusState(true);
  };

  return (
    <>
      <PageHeading>Two-step sign-in</PageHeading>
      <p>
        After your password, we also ask for a 6-digit code from an app on your phone, so a stolen password alone does not open your account.
      </p>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      {secret ? (
        <Enrolment secret={secret} onDone={done} onCancel={() => {
            setSecret(undefined);
            setFocusState(true);
          }} />
      ) : (
        <QueryState query={status} loading="Checking your two-step sign-in…" failed="We could not check your two-step sign-in.">
          {({ on }) =>
            on ? (
              <section key="on" className="card" aria-labelledby="two-step-state">
                <StepHeading id="two-step-state" focus={focusState}>
                  Two-step sign-in: <span className="badge badge--success">On</span>
                </StepHeading>
                <p role="status">{`On. From your next sign-in we will ask for a code from ${turnedOnWith ?? APP_FALLBACK}.`}</p>
                {confirmingOff ? (
                  <div className="notice notice--warning" role="alertdialog" aria-labelledby="two-step-off" aria-describedby="two-step-off-why">
                    <StepHeading id="two-step-off">Turn off two-step sign-in?</StepHeading>
                    <p id="two-step-off-why">Your password alone will open your account again.</p>
                    <div className="actions">
                      <button type="button" className="button" disabled={busy} onClick={() => void turnOff()}>
                        Turn off
                      </button>
                      <button type="button" className="button button--secondary" disabled={busy} onClick={() => setConfirmingOff(false)}>
                        Keep it on
                      </button>
                    </div>
                  </div>
                ) : (
                  <button type="button" className="button button--secondary" onClick={() => setConfirmingOff(true)}>
                    Turn off two-step sign-in
                  </button>
                )}
              </section>
            ) : (
              <section key="off" className="card" aria-labelledby="two-step-state">
                <StepHeading id="two-step-state" focus={focusState}>
                  Two-step sign-in: <span className="badge badge--neutral">Off</span>
                </StepHeading>
                <p>You need an authenticator app on your phone. Setting it up takes about two minutes.</p>
                <button type="button" className="button" disabled={busy} onClick={() => void start()}>
                  {busy ? 'Starting…' : 'Set up two-step sign-in'}
                </button>
              </section>
            )
          }
        </QueryState>
      )}
    </>
  );
}

/**
 * The signed-in session: kept in sessionStorage (gone when the tab closes), refreshed shortly
 * before the ID token expires. When refreshing fails the session ends with a notice, and the
 * route guard sends her to sign-in; drafts live in their own storage and survive that (signing
 * out removes them).
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PortalConfig } from '../config.js';
import { forgetDecisionDrafts } from '../review/decision-drafts.js';
import { forgetQueueFilters } from '../review/queue-filters.js';
import { forgetUser, signedIn } from '../upload/device-store.js';
import { answerChallenge as cognitoAnswerChallenge, NETWORK_ERROR, refreshSession, signIn as cognitoSignIn, SignInError, type Challenge, type Session, type SignInOutcome } from './cognito.js';

const STORAGE_KEY = 'credentialing.session';
const REFRESH_MARGIN_MS = 60_000;

export class SessionExpired extends Error {
  constructor() {
    super('Your session has expired. Sign in again to continue.');
    this.name = 'SessionExpired';
  }
}

interface AuthContextValue {
  config: PortalConfig;
  session: Session | null;
  /** Why she was sent to sign-in (expired session, signed out), shown there once. */
  notice: string | null;
  /** Her email after a session expired, so signing in again is one password away. */
  lastUsername: string | null;
  /** Signs her in, or names the step Cognito asks for first (a new password, a two-step code). */
  signIn(username: string, password: string): Promise<SignInOutcome>;
  answerChallenge(challenge: Challenge, answer: string): Promise<SignInOutcome>;
  signOut(): void;
  /** Ends the session after time without activity (see IdleSignOut), saying so on the sign-in page. */
  signOutIdle(minutes: number): void;
  /** A valid ID token, refreshed if it is about to expire; ends the session if that fails. */
  getIdToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** Her access token, for Cognito calls about her own account; refreshed with the ID token (same lifetime). */
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
  expire(): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

function readStoredSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function storeSession(session: Session | null): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
}

export function AuthProvider({ config, children }: { config: PortalConfig; children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readStoredSession);
  const [notice, setNotice] = useState<string | null>(null);
  const [lastUsername, setLastUsername] = useState<string | null>(null);
  const sessionRef = useRef(session);
  const refreshing = useRef<Promise<Session> | null>(null);

  const update = useCallback((next: Session | null) => {
    sessionRef.current = next;
    storeSession(next);
    setSession(next);
  }, []);

  const expire = useCallback(() => {
    if (!sessionRef.current) return;
    setLastUsername(sessionRef.current.email || sessionRef.current.username);
    setNotice('Your session has expired. Sign in again to continue — what you entered has been kept.');
    update(null);
  }, [update]);

  const established = useCallback(
    (outcome: SignInOutcome) => {
      if (outcome.kind !== 'signedIn') return outcome;
      const next = outcome.session;
      signedIn(next.username);
      // A reviewer's unsent decisions are hers alone: kept for her return, not shown to anyone else.
      forgetDecisionDrafts(next.username);
      setNotice(null);
      update(next);
      return outcome;
    },
    [update],
  );

  const signIn = useCallback(
    async (username: string, password: string) => established(await cognitoSignIn(config, username, password)),
    [config, established],
  );

  const answerChallenge = useCallback(
    async (challenge: Challenge, answer: string) => established(await cognitoAnswerChallenge(config, challenge, answer)),
    [config, established],
  );

  const signOut = useCallback(() => {
    // Nothing of hers stays on this device: her draft and the files she chose go with her.
    if (sessionRef.current) void forgetUser(sessionRef.current.username);
    forgetDecisionDrafts();
    forgetQueueFilters();
    setNotice('You have signed out.');
    setLastUsername(null);
    update(null);
  }, [update]);

  const signOutIdle = useCallback(
    (minutes: number) => {
      if (!sessionRef.current) return;
      forgetDecisionDrafts();
      forgetQueueFilters();
      setLastUsername(sessionRef.current.email || sessionRef.current.username);
      setNotice(`You were signed out after ${minutes} minutes without activity, so that no one else at this computer can see providers' documents. Sign in again to continue.`);
      update(null);
    },
    [update],
  );

  const getIdToken = useCallback(
    async (options?: { forceRefresh?: boolean }) => {
      const current = sessionRef.current;
      if (!current) throw new SessionExpired();
      if (!options?.forceRefresh && current.expiresAt - Date.now() > REFRESH_MARGIN_MS) return current.idToken;
      if (!current.refreshToken) {
        expire();
        throw new SessionExpired();
      }
      refreshing.current ??= refreshSession(config, current).finally(() => {
        refreshing.current = null;
      });
      try {
        const next = await refreshing.current;
        update(next);
        return next.idToken;
      } catch (refreshError) {
        // Not reaching Cognito (hospital Wi-Fi dropping) says nothing about her session: she stays
        // signed in, and what asked for the token says to check the connection and try again.
        if (refreshError instanceof SignInError && refreshError.code === NETWORK_ERROR) throw refreshError;
        expire();
        throw new SessionExpired();
      }
    },
    [config, expire, update],
  );

  const getAccessToken = useCallback(
    async (options?: { forceRefresh?: boolean }) => {
      await getIdToken(options);
      if (!sessionRef.current) throw new SessionExpired();
      return sessionRef.current.accessToken;
    },
    [getIdToken],
  );

  const value = useMemo<AuthContextValue>(
    () => ({ config, session, notice, lastUsername, signIn, answerChallenge, signOut, signOutIdle, getIdToken, getAccessToken, expire }),
    [config, session, notice, lastUsername, signIn, answerChallenge, signOut, signOutIdle, getIdToken, getAccessToken, expire],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

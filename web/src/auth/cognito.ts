/**
 * Cognito sign-in (InitiateAuth, USER_PASSWORD_AUTH / REFRESH_TOKEN_AUTH, and the challenges a
 * real pool asks: a new password after an invitation, a two-step code), through `cognito-api.ts`.
 */
import type { PortalConfig } from '../config.js';
import { cognitoRequest, CognitoUnreachable } from './cognito-api.js';
import { CHALLENGE_EXPIRED, NETWORK_ERROR, signInSentence, type SignInStepName } from './sign-in-errors.js';

export { NETWORK_ERROR } from './sign-in-errors.js';

export type Role = 'provider' | 'staff' | 'unknown';

export interface Session {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which the ID token expires. */
  expiresAt: number;
  username: string;
  name: string;
  email: string;
  role: Role;
}

export class SignInError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

interface AuthenticationResult {
  IdToken?: string;
  AccessToken?: string;
  RefreshToken?: string;
  ExpiresIn?: number;
}

function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new SignInError('The sign-in service returned an unreadable token.', 'BadToken');
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export function sessionFromTokens(result: AuthenticationResult, refreshToken: string, fallbackUsername: string): Session {
  if (!result.IdToken || !result.AccessToken) {
    throw new SignInError('The sign-in service asked for an extra step this portal does not support. Contact support.', 'ChallengeRequired');
  }
  const claims = decodeJwtPayload(result.IdToken);
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]).map(String) : [];
  const role: Role = groups.includes('credentialing-staff') ? 'staff' : groups.includes('providers') ? 'provider' : 'unknown';
  // The token's lifetime counted on this browser's clock from now: a clock minutes off (Cognito's
  // `exp` is its own time) would otherwise take every fresh token for expired and refresh it.
  const lifetimeSeconds = typeof claims.exp === 'number' && typeof claims.iat === 'number' ? claims.exp - claims.iat : (result.ExpiresIn ?? 3600);
  const exp = Date.now() + lifetimeSeconds * 1000;
  const email = typeof claims.email === 'string' ? claims.email : fallbackUsername;
  const given = [claims.given_name, claims.family_name].filter((part) => typeof part === 'string' && part).join(' ');
  const name = given || (typeof claims.name === 'string' && claims.name ? claims.name : email);
  const username = typeof claims['cognito:username'] === 'string' ? (claims['cognito:username'] as string) : fallbackUsername;
  return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken, expiresAt: exp, username, name, email, role };
}

/**
 * Cognito's ID tokens carry given_name/family_name; where a token lacks them (cognito-local puts
 * only email there) the name comes from GetUser, which any signed-in user may call for herself.
 */
async function withDisplayName(config: PortalConfig, session: Session): Promise<Session> {
  if (session.name !== session.email) return session;
  try {
    const reply = await cognitoRequest<{ UserAttributes?: { Name: string; Value?: string }[] }>(config.cognitoEndpoint, 'GetUser', { AccessToken: session.accessToken });
    if (!reply.ok) return session;
    const { UserAttributes = [] } = reply.body;
    const value = (name: string) => UserAttributes.find((attribute) => attribute.Name === name)?.Value ?? '';
    const name = [value('given_name'), value('family_name')].filter(Boolean).join(' ') || value('name');
    return name ? { ...session, name } : session;
  } catch {
    return session; // the email is a fine name to show
  }
}

interface CognitoAnswer {
  AuthenticationResult?: AuthenticationResult;
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  CodeDeliveryDetails?: { Destination?: string };
}

/** One Cognito call; a refusal becomes a SignInError worded for `step`. */
async function callCognito(config: PortalConfig, action: string, step: SignInStepName, body: Record<string, unknown>): Promise<CognitoAnswer> {
  const reply = await cognitoRequest<CognitoAnswer>(config.cognitoEndpoint, action, { ClientId: config.userPoolClientId, ...body }).catch((error: unknown) => {
    throw error instanceof CognitoUnreachable ? new SignInError(signInSentence(step, NETWORK_ERROR), NETWORK_ERROR) : error;
  });
  if (reply.ok) return reply.body;
  // Answering a challenge whose session ended (3 minutes): she starts again from her password.
  const code = (step === 'newPassword' || step === 'mfaCode') && reply.code === 'NotAuthorizedException' ? CHALLENGE_EXPIRED : reply.code;
  throw new SignInError(signInSentence(step, code, reply.message), code);
}

/** A challenge she answers before Cognito gives tokens; `session` is Cognito's, valid 3 minutes. */
export interface Challenge {
  kind: 'newPassword' | 'mfaCode';
  /** The username Cognito knows her by (with email sign-in, not her email). */
  username: string;
  /** Her email as she typed it, to sign in again if the step times out. */
  email: string;
  session: string;
}

export type SignInOutcome = { kind: 'signedIn'; session: Session } | { kind: 'challenge'; challenge: Challenge };

const CHALLENGES: Record<string, Challenge['kind']> = { NEW_PASSWORD_REQUIRED: 'newPassword', SOFTWARE_TOKEN_MFA: 'mfaCode' };

async function outcomeOf(config: PortalConfig, answer: CognitoAnswer, email: string, username: string): Promise<SignInOutcome> {
  if (answer.AuthenticationResult) {
    const result = answer.AuthenticationResult;
    return { kind: 'signedIn', session: await withDisplayName(config, sessionFromTokens(result, result.RefreshToken ?? '', email)) };
  }
  const kind = CHALLENGES[answer.ChallengeName ?? ''];
  if (!kind || !answer.Session) {
    throw new SignInError('The sign-in service asked for an extra step this portal does not support. Contact support.', 'ChallengeRequired');
  }
  return { kind: 'challenge', challenge: { kind, username: answer.ChallengeParameters?.USER_ID_FOR_SRP ?? username, email, session: answer.Session } };
}

export async function signIn(config: PortalConfig, username: string, password: string): Promise<SignInOutcome> {
  const answer = await callCognito(config, 'InitiateAuth', 'signIn', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  return outcomeOf(config, answer, username, username);
}

/** Answers a challenge: her new password (NEW_PASSWORD_REQUIRED) or her authenticator's code (SOFTWARE_TOKEN_MFA). */
export async function answerChallenge(config: PortalConfig, challenge: Challenge, answer: string): Promise<SignInOutcome> {
  const [challengeName, field] = challenge.kind === 'newPassword' ? ['NEW_PASSWORD_REQUIRED', 'NEW_PASSWORD'] : ['SOFTWARE_TOKEN_MFA', 'SOFTWARE_TOKEN_MFA_CODE'];
  const result = await callCognito(config, 'RespondToAuthChallenge', challenge.kind, {
    ChallengeName: challengeName,
    Session: challenge.session,
    ChallengeResponses: { USERNAME: challenge.username, [field]: answer },
  });
  return outcomeOf(config, result, challenge.email, challenge.username);
}

export async function refreshSession(config: PortalConfig, session: Session): Promise<Session> {
  const answer = await callCognito(config, 'InitiateAuth', 'signIn', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    AuthParameters: { REFRESH_TOKEN: session.refreshToken },
  });
  if (!answer.AuthenticationResult) throw new SignInError('The sign-in service asked for an extra step this portal does not support. Contact support.', 'ChallengeRequired');
  const result = answer.AuthenticationResult;
  // Cognito does not return a new refresh token on refresh; keep the one we have.
  return withDisplayName(config, sessionFromTokens(result, result.RefreshToken ?? session.refreshToken, session.username));
}

/**
 * Asks Cognito to email a code for choosing a new password; answers where it went (AWS masks it:
 * "e***@e***"). The app client prevents user-existence errors, so AWS answers alike for an
 * unknown email; cognito-local does not, and its refusal is taken as the same answer, so the
 * portal never tells whether an account exists.
 */
export async function forgotPassword(config: PortalConfig, email: string): Promise<string> {
  try {
    const answer = await callCognito(config, 'ForgotPassword', 'forgotPassword', { Username: email });
    return answer.CodeDeliveryDetails?.Destination ?? email;
  } catch (error) {
    if (error instanceof SignInError && error.code === 'UserNotFoundException') return email;
    throw error;
  }
}

export async function confirmForgotPassword(config: PortalConfig, email: string, code: string, password: string): Promise<void> {
  await callCognito(config, 'ConfirmForgotPassword', 'confirmForgotPassword', { Username: email, ConfirmationCode: code, Password: password });
}

/**
 * Cognito sign-in with plain fetch (InitiateAuth, USER_PASSWORD_AUTH / REFRESH_TOKEN_AUTH):
 * the same JSON protocol works against AWS and cognito-local, and keeps the SDK out of the bundle.
 */
import type { PortalConfig } from '../config.js';

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
    const response = await fetch(config.cognitoEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.GetUser' },
      body: JSON.stringify({ AccessToken: session.accessToken }),
    });
    if (!response.ok) return session;
    const { UserAttributes = [] } = (await response.json()) as { UserAttributes?: { Name: string; Value?: string }[] };
    const value = (name: string) => UserAttributes.find((attribute) => attribute.Name === name)?.Value ?? '';
    const name = [value('given_name'), value('family_name')].filter(Boolean).join(' ') || value('name');
    return name ? { ...session, name } : session;
  } catch {
    return session; // the email is a fine name to show
  }
}

async function initiateAuth(config: PortalConfig, body: Record<string, unknown>): Promise<AuthenticationResult> {
  let response: Response;
  try {
    response = await fetch(config.cognitoEndpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({ ClientId: config.userPoolClientId, ...body }),
    });
  } catch {
    throw new SignInError('We could not reach the sign-in service. Check your connection and try again.', 'NetworkError');
  }
  const payload = (await response.json().catch(() => ({}))) as {
    AuthenticationResult?: AuthenticationResult;
    __type?: string;
    message?: string;
  };
  if (!response.ok) {
    const code = (payload.__type ?? 'UnknownError').split('#').pop() ?? 'UnknownError';
    // AWS answers a wrong password with NotAuthorizedException; cognito-local with InvalidPasswordException.
    if (code === 'NotAuthorizedException' || code === 'UserNotFoundException' || code === 'InvalidPasswordException') {
      throw new SignInError('The email or password is not correct. Check them and try again.', code);
    }
    if (code === 'PasswordResetRequiredException') {
      throw new SignInError('You need to reset your password before signing in. Contact the credentialing office.', code);
    }
    if (code === 'TooManyRequestsException' || code === 'LimitExceededException') {
      throw new SignInError('Too many attempts. Wait a minute and try again.', code);
    }
    throw new SignInError('Sign-in is not available right now. Try again in a few minutes.', code);
  }
  if (!payload.AuthenticationResult) {
    throw new SignInError('The sign-in service asked for an extra step this portal does not support. Contact support.', 'ChallengeRequired');
  }
  return payload.AuthenticationResult;
}

export async function signIn(config: PortalConfig, username: string, password: string): Promise<Session> {
  const result = await initiateAuth(config, {
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  return withDisplayName(config, sessionFromTokens(result, result.RefreshToken ?? '', username));
}

export async function refreshSession(config: PortalConfig, session: Session): Promise<Session> {
  const result = await initiateAuth(config, {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    AuthParameters: { REFRESH_TOKEN: session.refreshToken },
  });
  // Cognito does not return a new refresh token on refresh; keep the one we have.
  return withDisplayName(config, sessionFromTokens(result, result.RefreshToken ?? session.refreshToken, session.username));
}

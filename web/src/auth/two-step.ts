/**
 * Two-step sign-in (TOTP) enrolment through `cognito-api.ts`, like sign-in: GetUser says whether it is
 * on, AssociateSoftwareToken → VerifySoftwareToken → SetUserMFAPreference turns it on, and
 * SetUserMFAPreference turns it off. Each call takes her access token (scope
 * aws.cognito.signin.user.admin, which every USER_PASSWORD_AUTH sign-in carries).
 */
import type { PortalConfig } from '../config.js';
import { cognitoRequest, CognitoUnreachable } from './cognito-api.js';

export const SOFTWARE_TOKEN_MFA = 'SOFTWARE_TOKEN_MFA';

/** Why a call failed, in words she can act on; `field: 'code'` when the code she typed is the problem. */
export class TwoStepError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: 'code',
  ) {
    super(message);
    this.name = 'TwoStepError';
  }
}

/** An access token Cognito refused as expired or revoked: the caller refreshes the session and asks once more. */
export class AccessTokenRefused extends TwoStepError {
  constructor(code: string) {
    super('Your session has expired. Sign in again to continue.', code);
    this.name = 'AccessTokenRefused';
  }
}

export interface TwoStepStatus {
  on: boolean;
  preferred: boolean;
}

/** The standard key URI authenticator apps read from the QR code (Google Authenticator's "Key Uri Format"). */
export function otpauthUri({ issuer, account, secret }: { issuer: string; account: string; secret: string }): string {
  // The label's colon separates issuer from account, so each part is encoded on its own (a colon in either becomes %3A).
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${encodeURIComponent(secret)}&issuer=${encodeURIComponent(issuer)}`;
}

/** The secret in groups of four ("JBSW Y3DP EHPK 3PXP"), for typing into an app by hand. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

/** A code as authenticator apps show it: six digits, perhaps with a space in the middle. */
export function normalizeCode(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

const CODE_MISMATCH = ['CodeMismatchException', 'EnableSoftwareTokenMFAException'];

async function call<T>(config: PortalConfig, operation: string, body: Record<string, unknown>): Promise<T> {
  const reply = await cognitoRequest<T>(config.cognitoEndpoint, operation, body).catch((error: unknown) => {
    throw error instanceof CognitoUnreachable ? new TwoStepError('We could not reach the sign-in service. Check your connection and try again.', 'NetworkError') : error;
  });
  if (reply.ok) return reply.body;
  const { code } = reply;
  if (CODE_MISMATCH.includes(code)) {
    throw new TwoStepError('That code is not right. Type the 6-digit code your app shows now; codes change every 30 seconds.', code, 'code');
  }
  if (code === 'NotAuthorizedException') throw new AccessTokenRefused(code);
  if (code === 'InvalidParameterException' && operation === 'VerifySoftwareToken') {
    throw new TwoStepError('Type the 6 digits your app shows, numbers only.', code, 'code');
  }
  if (code === 'TooManyRequestsException' || code === 'LimitExceededException') {
    throw new TwoStepError('Too many attempts. Wait a minute and try again.', code);
  }
  throw new TwoStepError('Two-step sign-in cannot be changed right now. Try again in a few minutes.', code);
}

export async function readTwoStep(config: PortalConfig, accessToken: string): Promise<TwoStepStatus> {
  const user = await call<{ UserMFASettingList?: string[]; PreferredMfaSetting?: string }>(config, 'GetUser', { AccessToken: accessToken });
  return { on: (user.UserMFASettingList ?? []).includes(SOFTWARE_TOKEN_MFA), preferred: user.PreferredMfaSetting === SOFTWARE_TOKEN_MFA };
}

/** A new secret for her app; it replaces any earlier one that was never verified (a reload mid-enrolment). */
export async function startTwoStep(config: PortalConfig, accessToken: string): Promise<string> {
  const { SecretCode } = await call<{ SecretCode?: string }>(config, 'AssociateSoftwareToken', { AccessToken: accessToken });
  if (!SecretCode) throw new TwoStepError('The sign-in service did not send a secret. Try again.', 'NoSecret');
  return SecretCode;
}

/** Checks her first code against the new secret, then makes the app her way of signing in. */
export async function confirmTwoStep(config: PortalConfig, accessToken: string, code: string, deviceName?: string): Promise<void> {
  const userCode = normalizeCode(code);
  if (!/^\d{6}$/.test(userCode)) throw new TwoStepError('Type the 6 digits your app shows, numbers only.', 'InvalidCode', 'code');
  const name = deviceName?.trim();
  const verified = await call<{ Status?: string }>(config, 'VerifySoftwareToken', { AccessToken: accessToken, UserCode: userCode, ...(name ? { FriendlyDeviceName: name } : {}) });
  if (verified.Status !== 'SUCCESS') {
    throw new TwoStepError('That code is not right. Type the 6-digit code your app shows now; codes change every 30 seconds.', 'VerifyError', 'code');
  }
  await call(config, 'SetUserMFAPreference', { AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
}

export async function turnOffTwoStep(config: PortalConfig, accessToken: string): Promise<void> {
  await call(config, 'SetUserMFAPreference', { AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } });
}

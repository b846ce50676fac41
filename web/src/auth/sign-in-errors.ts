/**
 * What each Cognito error code means to her, in words, at each step of signing in. The same code
 * means different things at different steps: NotAuthorizedException is a wrong password when
 * signing in, and a timed-out step (Cognito's 3-minute session) when answering a challenge.
 */
import { PASSWORD_POLICY } from '../../../src/contract/password-policy.js';

export type SignInStepName = 'signIn' | 'newPassword' | 'mfaCode' | 'forgotPassword' | 'confirmForgotPassword';

/** The code of a SignInError thrown when the sign-in service could not be reached at all. */
export const NETWORK_ERROR = 'NetworkError';
/** The code given to a challenge answered after its session ended: she starts again from her email and password. */
export const CHALLENGE_EXPIRED = 'ChallengeExpired';

const WRONG_EMAIL_OR_PASSWORD = 'The email or password is not correct. Check them and try again.';
const TOO_MANY = 'Too many attempts. Wait a minute and try again.';

const EVERY_STEP: Record<string, string> = {
  [NETWORK_ERROR]: 'We could not reach the sign-in service. Check your connection and try again.',
  TooManyRequestsException: TOO_MANY,
  LimitExceededException: TOO_MANY,
  [CHALLENGE_EXPIRED]: 'That step timed out: it has to be finished within 3 minutes. Sign in again to continue.',
};

const BY_STEP: Record<SignInStepName, Record<string, string>> = {
  signIn: {
    NotAuthorizedException: WRONG_EMAIL_OR_PASSWORD,
    UserNotFoundException: WRONG_EMAIL_OR_PASSWORD,
    // cognito-local answers a wrong password with this code.
    InvalidPasswordException: WRONG_EMAIL_OR_PASSWORD,
    PasswordResetRequiredException: 'The credentialing office reset your password. Choose a new one with a code we email you.',
  },
  newPassword: {},
  mfaCode: {
    CodeMismatchException: 'That code is not right. Enter the 6-digit code your authenticator app shows now.',
    // AWS refuses a code already used once.
    ExpiredCodeException: 'That code was already used. Wait for the next code in your authenticator app and enter it.',
  },
  forgotPassword: {
    LimitExceededException: 'Too many codes were asked for. Wait a while (up to an hour) and try again.',
  },
  confirmForgotPassword: {
    CodeMismatchException: 'That code is not right. Check the code in the newest email from us and try again.',
    ExpiredCodeException: 'That code has expired. Use "Send the code again" and enter the new code.',
    LimitExceededException: 'Too many attempts. Wait a while (up to an hour), then use "Send the code again".',
  },
};

/**
 * The sentence for `code` at `step`. Cognito's own message is used for two refusals whose reason
 * only it knows: a password it does not accept, and a temporary password past its 3 days.
 */
export function signInSentence(step: SignInStepName, code: string, cognitoMessage = ''): string {
  if (code === 'InvalidPasswordException' && (step === 'newPassword' || step === 'confirmForgotPassword')) {
    const reason = cognitoMessage.replace(/^.*?policy:\s*/i, '').replace(/\.$/, '');
    return `The sign-in service did not accept this password${reason ? ` (${reason})` : ''}. Choose one that meets every rule listed.`;
  }
  if (step === 'signIn' && code === 'NotAuthorizedException' && /temporary password has expired/i.test(cognitoMessage)) {
    return `Your temporary password has expired (it lasts ${PASSWORD_POLICY.tempPasswordValidityDays} days). Ask the credentialing office to invite you again.`;
  }
  if (step === 'signIn' && code === 'NotAuthorizedException' && /disabled/i.test(cognitoMessage)) {
    return 'This account is turned off. Contact the credentialing office.';
  }
  return BY_STEP[step][code] ?? EVERY_STEP[code] ?? 'Sign-in is not available right now. Try again in a few minutes.';
}

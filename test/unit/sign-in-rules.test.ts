/** The password rules the portal shows and checks, and what each Cognito refusal says at each sign-in step. */
import { describe, expect, it } from 'vitest';
import { PASSWORD_POLICY } from '../../src/contract/password-policy.js';
import { passwordRules, unmetPasswordRules } from '../../src/domain/password-rules.js';
import { CHALLENGE_EXPIRED, signInSentence } from '../../web/src/auth/sign-in-errors.js';

describe('the password rules', () => {
  it('lists the pool policy as sentences, before anything is typed', () => {
    expect(passwordRules(PASSWORD_POLICY).map((rule) => rule.text)).toEqual([
      'At least 12 characters',
      'A capital letter (A–Z)',
      'A small letter (a–z)',
      'A number (0–9)',
      'A symbol, such as ! @ # $ % or -',
      'No space at the start or end',
    ]);
  });

  it.each([
    ['', ['At least 12 characters', 'A capital letter (A–Z)', 'A small letter (a–z)', 'A number (0–9)', 'A symbol, such as ! @ # $ % or -']],
    ['password', ['At least 12 characters', 'A capital letter (A–Z)', 'A number (0–9)', 'A symbol, such as ! @ # $ % or -']],
    ['Longpassword2026', ['A symbol, such as ! @ # $ % or -']],
    ['Long-password', ['A number (0–9)']],
    ['Short-Pw-1', ['At least 12 characters']],
    [' Long-password-1', ['No space at the start or end']],
    ['Long password 1', []],
    ['Chosen-Password-2026!', []],
    ['çhosen_pässwörd~9', ['A capital letter (A–Z)']],
  ])('%j still needs %j', (password, unmet) => {
    expect(unmetPasswordRules(PASSWORD_POLICY, password)).toEqual(unmet);
  });
});

describe('what a Cognito refusal says', () => {
  it.each([
    ['signIn', 'NotAuthorizedException', 'Incorrect username or password.', 'The email or password is not correct. Check them and try again.'],
    ['signIn', 'UserNotFoundException', '', 'The email or password is not correct. Check them and try again.'],
    ['signIn', 'InvalidPasswordException', '', 'The email or password is not correct. Check them and try again.'],
    ['signIn', 'NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.', 'Your temporary password has expired (it lasts 3 days). Ask the credentialing office to invite you again.'],
    ['signIn', 'NotAuthorizedException', 'User is disabled.', 'This account is turned off. Contact the credentialing office.'],
    ['signIn', 'TooManyRequestsException', '', 'Too many attempts. Wait a minute and try again.'],
    ['signIn', 'InternalErrorException', '', 'Sign-in is not available right now. Try again in a few minutes.'],
    ['newPassword', 'InvalidPasswordException', 'Password does not conform to policy: Password not long enough', 'The sign-in service did not accept this password (Password not long enough). Choose one that meets every rule listed.'],
    ['newPassword', CHALLENGE_EXPIRED, 'Invalid session for the user, session is expired.', 'That step timed out: it has to be finished within 3 minutes. Sign in again to continue.'],
    ['mfaCode', 'CodeMismatchException', 'Invalid code received for user', 'That code is not right. Enter the 6-digit code your authenticator app shows now.'],
    ['mfaCode', 'ExpiredCodeException', '', 'That code was already used. Wait for the next code in your authenticator app and enter it.'],
    ['forgotPassword', 'LimitExceededException', 'Attempt limit exceeded, please try after some time.', 'Too many codes were asked for. Wait a while (up to an hour) and try again.'],
    ['confirmForgotPassword', 'CodeMismatchException', '', 'That code is not right. Check the code in the newest email from us and try again.'],
    ['confirmForgotPassword', 'ExpiredCodeException', '', 'That code has expired. Use "Send the code again" and enter the new code.'],
    ['confirmForgotPassword', 'InvalidPasswordException', 'Password does not conform to policy: Password must have symbol characters', 'The sign-in service did not accept this password (Password must have symbol characters). Choose one that meets every rule listed.'],
  ] as const)('%s, %s (%j) → %j', (step, code, message, sentence) => {
    expect(signInSentence(step, code, message)).toBe(sentence);
  });
});

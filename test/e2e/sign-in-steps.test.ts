/**
 * Signing in as a real deployment asks: a physician invited by the office (AdminCreateUser, the
 * invitation read from the mailbox) chooses her own password at her first sign-in; a forgotten
 * password is chosen again with the code emailed to her; two-step sign-in asks her authenticator's
 * code. Users are made here, never the demo accounts, so the other files' sign-ins stay as they were.
 */
import { AssociateSoftwareTokenCommand, CognitoIdentityProviderClient, InitiateAuthCommand, SetUserMFAPreferenceCommand, VerifySoftwareTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws.js';
import type { Page } from 'playwright-core';
import { codeIn, inviteUser, temporaryPasswordIn } from '../../testkit/invite.js';
import { addProviders, type OfficeUser } from '../../testkit/office.js';
import { axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { signIn } from './support/portal.js';
import { useBrowserSession } from './support/session.js';
import { mailbox, until, type E2eStack } from './support/stack.js';

const session = useBrowserSession();
const { stack } = session;
const run = Date.now().toString(36);
const STRONG_PASSWORD = 'Chosen-Password-2026!';
const pool = { userPoolId: stack.userPoolId, endpoints: { cognito: stack.cognitoUrl } };
const office = { ...stack, endpoints: { ...stack.endpoints, cognito: stack.cognitoUrl } };

async function emailsTo(target: E2eStack, address: string) {
  return (await mailbox(target)).filter((email) => email.destination.to.includes(address));
}

async function chooseNewPassword(page: Page, password: string, confirm = password): Promise<void> {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Type the new password again').fill(confirm);
  await page.getByRole('button', { name: 'Save password and sign in' }).click();
}

describe('first sign-in after an invitation', () => {
  it('asks her to choose a password, names the rule a weak one misses, and signs her in as herself', async () => {
    // Prepare: the office invites her; Cognito emails her a temporary password
    const email = `nadia.rahman.${run}@example.org`;
    await inviteUser(pool, { email, givenName: 'Nadia', familyName: 'Rahman', role: 'provider' });
    const [invitation] = await until(() => emailsTo(stack, email), (emails) => emails.length > 0);
    const temporaryPassword = temporaryPasswordIn(invitation!.body.text ?? '');
    expect(invitation!.subject).toBe('Your Riverside Medical Group credentialing portal account');
    expect(temporaryPassword).toBeTruthy();
    const { context, page } = await newPage(session.browser);

    // Act: her first sign-in
    await signIn(page, stack, email, temporaryPassword!);

    // Assess: the rules are there before she types
    await page.getByRole('heading', { name: 'Choose your password', level: 1 }).waitFor();
    expect(await page.locator('#password-rules li').allTextContents()).toEqual([
      '• At least 12 characters',
      '• A capital letter (A–Z)',
      '• A small letter (a–z)',
      '• A number (0–9)',
      '• A symbol, such as ! @ # $ % or -',
      '✓ No space at the start or end (done)',
    ]);
    expect(await axeViolations(page)).toEqual([]);

    // Act: one too weak first, then two that differ
    await chooseNewPassword(page, 'Longpassword2026');
    // Assess
    expect(await page.locator('#new-password-error').textContent()).toBe('Your new password does not meet every rule yet. It still needs: a symbol, such as ! @ # $ % or -.');
    expect(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'sign-in-choose-password');
    expect(await axeViolations(page)).toEqual([]);
    await chooseNewPassword(page, STRONG_PASSWORD, `${STRONG_PASSWORD}x`);
    expect(await page.locator('#new-password-error').textContent()).toBe('The two passwords are not the same. Type the same new password in both boxes.');

    // Act: a good one, typed twice
    await chooseNewPassword(page, STRONG_PASSWORD);

    // Assess: her home page, signed in as her; the chosen password is hers from now on
    await page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).locator('.site-nav__user').textContent()).toBe('Nadia Rahman');
    expect(await page.getByText('Signed in as Nadia Rahman.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, stack, email, STRONG_PASSWORD);
    await page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('a forgotten password', () => {
  it('emails her a code without saying whether the account exists, refuses a wrong code, and signs her in with the new password', async () => {
    // Prepare: a provider with a password she forgot
    const [provider] = (await addProviders(office, 1, `forgot${run}`, [{ givenName: 'Ines', familyName: 'Duarte' }])) as [OfficeUser];
    const { context, page } = await newPage(session.browser);
    await page.goto(stack.portalUrl);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();

    // Act: "Forgot your password?" → her email
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Choose a new password', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Email address').fill(provider.username);
    await page.getByRole('button', { name: 'Email me a code' }).click();

    // Assess: the same sentence whoever asks; the code is in her mailbox
    await page.getByText(`If an account exists for ${provider.username}, we sent a code to ${provider.username}.`).waitFor();
    const [codeEmail] = await until(() => emailsTo(stack, provider.username), (emails) => emails.length > 0);
    expect(codeEmail!.subject).toBe('Your Riverside Medical Group portal code');
    const code = codeIn(codeEmail!.body.text ?? '')!;
    expect(await axeViolations(page)).toEqual([]);

    // Act: a wrong code first
    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByLabel('Code from the email').fill(wrong);
    await chooseNewPassword(page, STRONG_PASSWORD);
    // Assess: said in words, she stays on the step
    await page.getByText('That code is not right. Check the code in the newest email from us and try again.').waitFor();
    await screenshot(page, 'sign-in-forgot-password');

    // Act: the right one
    await page.getByLabel('Code from the email').fill(code);
    await chooseNewPassword(page, STRONG_PASSWORD);

    // Assess: signed in as her, and the new password is hers from now on
    await page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
    expect(await page.getByText('Signed in as Ines Duarte.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, stack, provider.username, STRONG_PASSWORD);
    await page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('answers an unknown email with the same sentence as a known one', async () => {
    // Prepare
    const { context, page } = await newPage(session.browser);
    await page.goto(stack.portalUrl);
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    const nobody = `nobody.${run}@example.org`;

    // Act
    await page.getByLabel('Email address').fill(nobody);
    await page.getByRole('button', { name: 'Email me a code' }).click();

    // Assess
    await page.getByText(`If an account exists for ${nobody}, we sent a code to ${nobody}.`).waitFor();
    expect(await emailsTo(stack, nobody)).toEqual([]);
    await context.close();
  });
});

/** What the enrolment page (another change) does: her authenticator app set up through the SDK, as in AWS. */
async function turnOnTwoStep(provider: OfficeUser): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({ endpoint: stack.cognitoUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const signedIn = await cognito.send(new InitiateAuthCommand({ ClientId: stack.userPoolClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: provider.username, PASSWORD: provider.password } }));
    const AccessToken = signedIn.AuthenticationResult!.AccessToken!;
    const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp(SecretCode!), FriendlyDeviceName: 'Phone' }));
    await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    return SecretCode!;
  } finally {
    cognito.destroy();
  }
}
/** Her authenticator app's code now (Cognito's TOTP: SHA-1, 6 digits, 30 seconds). */
const totp = (secret: string) => generateSync({ secret, algorithm: 'sha1', digits: 6, period: 30 });

describe('two-step sign-in', () => {
  it('asks for her authenticator code, refuses a wrong one in words, and signs her in with the right one', async () => {
    // Prepare: a provider who turned on two-step sign-in
    const [provider] = (await addProviders(office, 1, `totp${run}`, [{ givenName: 'Tomas', familyName: 'Lindqvist' }])) as [OfficeUser];
    const secret = await turnOnTwoStep(provider);
    const { context, page } = await newPage(session.browser);

    // Act: email and password
    await signIn(page, stack, provider.username, provider.password);

    // Assess: the code step, with a field phones fill from the app
    await page.getByRole('heading', { name: 'Enter your sign-in code', level: 1 }).waitFor();
    const field = page.getByLabel('6-digit code');
    expect([await field.getAttribute('inputmode'), await field.getAttribute('autocomplete')]).toEqual(['numeric', 'one-time-code']);
    expect(await axeViolations(page)).toEqual([]);

    // Act: a wrong code (every digit of the right one moved by one)
    const wrong = [...totp(secret)].map((digit) => (Number(digit) + 1) % 10).join('');
    await field.fill(wrong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Assess: said in words; she stays on the step
    await page.getByText('That code is not right. Enter the 6-digit code your authenticator app shows now.').waitFor();
    expect(await page.getByRole('heading', { name: 'Enter your sign-in code', level: 1 }).isVisible()).toBe(true);
    await screenshot(page, 'sign-in-two-step-code');
    expect(await axeViolations(page)).toEqual([]);

    // Act: the right code
    await field.fill(totp(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Assess
    await page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
    expect(await page.getByText('Signed in as Tomas Lindqvist.').isVisible()).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

/**
 * Signing in as a real deployment asks: a physician invited by the office (AdminCreateUser, the
 * invitation read from the mailbox) chooses her own password at her first sign-in. Users are made
 * here, never the demo accounts, so the other files' sign-ins stay as they were.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inviteUser, temporaryPasswordIn } from '../../testkit/invite.js';
import { axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { useBrowserSession } from './support/session.js';
import { mailbox, until, type E2eStack } from './support/stack.js';

const session = useBrowserSession();
const { stack } = session;
const run = Date.now().toString(36);
const STRONG_PASSWORD = 'Chosen-Password-2026!';
const pool = { userPoolId: stack.userPoolId, endpoints: { cognito: stack.cognitoUrl } };

async function emailsTo(target: E2eStack, address: string) {
  return (await mailbox(target)).filter((email) => email.destination.to.includes(address));
}

async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto(stack.portalUrl);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
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
    await signInWith(page, email, temporaryPassword!);

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
    await signInWith(page, email, STRONG_PASSWORD);
    await page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

/**
 * Two-step sign-in, turned on and off from the portal by a user the office has just added (never
 * the demo users: other files sign them in): a reload mid-setup starts over with a new key, a
 * wrong code is refused on the code field and leaves it off, the app's real code turns it on and
 * Cognito then asks for a code at password sign-in, which she passes on the portal's sign-in page;
 * turned off, a password alone signs her in again.
 * A new member of the credentialing staff has the same page.
 */
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { generateSync } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_GROUP, STAFF_GROUP } from '../../src/contract/vocabulary.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws.js';
import { officeUserAttributes } from '../../testkit/office.js';
import { axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { signIn } from './support/portal.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession();
const { stack } = session;
const tag = Date.now();
const provider = { username: `nadia.ferreira.${tag}@example.org`, password: 'Provider-Nadia-2026!', given: 'Nadia', family: 'Ferreira', group: PROVIDER_GROUP };
const staff = { username: `owen.price.${tag}@example.org`, password: 'Staff-Owen-2026!', given: 'Owen', family: 'Price', group: STAFF_GROUP };
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  // Added as the office's IT would: no invitation email, a permanent password, a group for her role.
  cognito = new CognitoIdentityProviderClient({ endpoint: stack.cognitoUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  for (const person of [provider, staff]) {
    const UserPoolId = stack.userPoolId;
    await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username: person.username, MessageAction: 'SUPPRESS', UserAttributes: officeUserAttributes(person.username, person.given, person.family) }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: person.username, Password: person.password, Permanent: true }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: person.username, GroupName: person.group }));
  }
});
afterAll(() => cognito?.destroy());

/** What a password sign-in of `person` answers now: tokens, or the step Cognito asks for. */
async function passwordSignIn(person: { username: string; password: string }) {
  const answer = await cognito.send(new InitiateAuthCommand({ ClientId: stack.userPoolClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: person.username, PASSWORD: person.password } }));
  return { challenge: answer.ChallengeName, tokens: Boolean(answer.AuthenticationResult?.AccessToken) };
}

const codeOf = (secret: string, at = Date.now()) => generateSync({ secret, epoch: Math.floor(at / 1000) });
/** The codes Cognito accepts for `secret` around now (one 30-second step either side). */
const acceptedCodes = (secret: string) => [-30_000, 0, 30_000].map((offset) => codeOf(secret, Date.now() + offset));

async function openTwoStepPage(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Two-step sign-in' }).click();
  await page.getByRole('heading', { name: 'Two-step sign-in', level: 1 }).waitFor();
}

const state = (page: Page) => page.getByRole('heading', { name: /^Two-step sign-in: (On|Off)$/, level: 2 });

async function startSetup(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  await page.getByRole('heading', { name: 'Set up your authenticator app', level: 2 }).waitFor();
  return ((await page.locator('.two-step__secret').textContent()) ?? '').replace(/\s+/g, '');
}

describe('two-step sign-in from the portal', () => {
  it('a new provider turns it on with her app (a wrong code refused first) and off again; Cognito asks for the code only while it is on', async () => {
    // Prepare: she signs in and opens the page from the header
    const { page } = session;
    await signIn(page, stack, provider.username, provider.password);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await openTwoStepPage(page);
    expect(await state(page).textContent()).toBe('Two-step sign-in: Off');
    expect(await axeViolations(page)).toEqual([]);

    // Act: she starts, then reloads mid-setup (her ID and access tokens meanwhile expired: the page refreshes them first)
    const firstSecret = await startSetup(page);
    await page.evaluate(() => {
      const stored = JSON.parse(sessionStorage.getItem('credentialing.session')!) as { expiresAt: number; accessToken: string };
      sessionStorage.setItem('credentialing.session', JSON.stringify({ ...stored, expiresAt: 0, accessToken: 'expired' }));
    });
    await page.reload();
    // Assess: still off, and setting up again gives a new key
    await state(page).waitFor();
    expect(await state(page).textContent()).toBe('Two-step sign-in: Off');
    const secret = await startSetup(page);
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(secret).not.toBe(firstSecret);
    // The QR code's text alternative is the key she can type, in groups of four.
    const grouped = secret.match(/.{1,4}/g)!.join(' ');
    expect(await page.getByRole('img', { name: `QR code for Riverside Medical Group. The same key as text: ${grouped}` }).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Set up your authenticator app');
    expect(await axeViolations(page)).toEqual([]);

    // Act: a code from the abandoned key (what an app scanned before the reload would show)
    const stale = codeOf(firstSecret);
    const wrong = acceptedCodes(secret).includes(stale) ? String((Number(stale) + 500_000) % 1_000_000).padStart(6, '0') : stale;
    const code = page.getByLabel('6-digit code');
    await code.fill(wrong);
    await page.getByLabel('Name of the app or phone').fill('Authenticator on my phone');
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    // Assess: said on the code field, which has focus; still off in Cognito
    await page.getByText('That code is not right.').waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#two-step-code-error').textContent()).toBe('Error: That code is not right. Type the 6-digit code your app shows now; codes change every 30 seconds.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('two-step-code');
    await screenshot(page, 'two-step-wrong-code');
    expect(await passwordSignIn(provider)).toEqual({ challenge: undefined, tokens: true });

    // Act: the code her app shows now
    await code.fill(codeOf(secret));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    // Assess
    await page.getByText('On. From your next sign-in we will ask for a code from Authenticator on my phone.').waitFor();
    expect(await state(page).textContent()).toBe('Two-step sign-in: On');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('two-step-state');
    expect(await axeViolations(page)).toEqual([]);
    expect(await passwordSignIn(provider)).toEqual({ challenge: 'SOFTWARE_TOKEN_MFA', tokens: false });

    // Act: she signs out, then in again through the portal: her password, then her app's code
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, stack, provider.username, provider.password);
    await page.getByRole('heading', { name: 'Enter your sign-in code', level: 1 }).waitFor();
    await page.getByLabel('6-digit code').fill(codeOf(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Assess: signed in as herself, and the page still says on
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getByText('Nadia Ferreira').count()).toBeGreaterThan(0);
    await openTwoStepPage(page);
    expect(await state(page).textContent()).toBe('Two-step sign-in: On');

    // Act: she turns it off (asked first)
    await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
    const question = page.getByRole('alertdialog', { name: 'Turn off two-step sign-in?' });
    await question.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await question.getByRole('button', { name: 'Turn off' }).click();
    // Assess
    await page.getByRole('heading', { name: 'Two-step sign-in: Off', level: 2 }).waitFor();
    expect(await passwordSignIn(provider)).toEqual({ challenge: undefined, tokens: true });
    await page.reload();
    await state(page).waitFor();
    expect(await state(page).textContent()).toBe('Two-step sign-in: Off');
    expect(pageErrors(page)).toEqual([]);
  });

  it('a new member of the credentialing staff has the same page', async () => {
    // Prepare
    const { context, page } = await newPage(session.browser);
    await signIn(page, stack, staff.username, staff.password);
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    // Act
    await openTwoStepPage(page);
    // Assess
    expect(await state(page).textContent()).toBe('Two-step sign-in: Off');
    expect(await page.getByRole('button', { name: 'Set up two-step sign-in' }).isEnabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

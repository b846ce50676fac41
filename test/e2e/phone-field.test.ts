/**
 * On her phone, between patients, on hospital Wi-Fi: a sign-in service she cannot reach for a
 * moment does not sign her out of an upload, and her phone's larger text is honoured without
 * anything running off the screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REFERENCE_PATTERN } from '../../src/domain/reference-number.js';
import { addProviders, type OfficeUser } from '../../testkit/office.js';
import { axeViolations, newPage, pageErrors, PHONE, screenshot } from './support/browser.js';
import { card, documentItem, field, fiveDocuments, fillDocument, openUpload, signIn, submissionIdFromUrl, waitForOutcome } from './support/portal.js';
import { mailbox, until } from './support/stack.js';
import { leaveQueueAsFound } from './support/review.js';
import { useBrowserSession } from './support/session.js';

const created: string[] = [];
const session = useBrowserSession({
  viewport: PHONE,
  prepare: async (page) => {
    // The page's clock, moved forward by the test, makes her ID token due for refresh mid-upload.
    await page.clock.install();
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/submissions')) created.push(request.url());
    });
  },
});
const { stack } = session;

// A provider of her own: her credentials and her place in the shared review queue touch no other file's.
let provider: OfficeUser;
beforeAll(async () => {
  [provider] = (await addProviders({ ...stack, endpoints: { ...stack.endpoints, cognito: stack.cognitoUrl } }, 1, `phone${Date.now()}`, [{ givenName: 'Amara', familyName: 'Nwosu' }])) as [OfficeUser];
  await signInAs(session.page, provider);
});
const signInAs = async (page: Page, user: OfficeUser) => {
  await signIn(page, stack, user.username, user.password);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
};

// Her submissions leave the shared review queue once the tests are done: other files look for theirs among its 25 oldest.
const received: string[] = [];
afterAll(async () => {
  for (const submissionId of received) await leaveQueueAsFound(stack, submissionId);
});

/** Every request to Cognito fails as on a dead connection, until the returned function is called. */
async function cutOffSignIn(page: Page): Promise<() => Promise<void>> {
  const cognito = new URL(stack.cognitoUrl).origin;
  const matches = (url: URL) => url.origin === cognito;
  await page.route(matches, (route) => route.abort('internetdisconnected'));
  return () => page.unroute(matches);
}

/** Holds the upload of one file until `release()`; `started` resolves once its request was sent. */
async function holdUploadOf(page: Page, fileName: string): Promise<{ started: Promise<void>; release: () => Promise<void> }> {
  let open!: () => void;
  let sent!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const started = new Promise<void>((resolve) => (sent = resolve));
  const pattern = `${stack.s3Url}/**`;
  await page.route(pattern, async (route) => {
    if (!(route.request().postDataBuffer()?.toString('latin1') ?? '').includes(`filename="${fileName}"`)) return route.continue();
    sent();
    await gate;
    await route.continue().catch(() => undefined);
  });
  return {
    started,
    async release() {
      open();
      await page.unroute(pattern);
    },
  };
}

describe('a provider on her phone', () => {
  it('stays signed in when her token is refreshed mid-upload without a connection to sign-in, and submits once when she tries again', async () => {
    // Prepare: five documents; the last file to start takes long, as on a slow connection
    const { page } = session;
    await openUpload(page);
    for (const fixture of fiveDocuments()) await fillDocument(page, fixture);
    const lastFile = await holdUploadOf(page, 'malpractice-certificate.pdf');
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await lastFile.started;
    const tokenLifetime = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('credentialing.session')!) as { expiresAt: number }).expiresAt - Date.now());

    // Act: the upload outlasts her ID token, and the Wi-Fi drops as it ends
    await page.clock.fastForward(tokenLifetime - 30_000);
    const reconnect = await cutOffSignIn(page);
    await lastFile.release();

    // Assess: still signed in on the form, told what happened and how to go on
    const problem = page.getByRole('alert').filter({ hasText: 'submitting failed' });
    await problem.waitFor();
    expect(await problem.textContent()).toBe('Your files are uploaded, but submitting failed: We could not reach the sign-in service. Check your connection and try again.');
    expect(await page.getByRole('heading', { level: 2, name: 'Uploaded, not submitted yet' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Upload documents', level: 1 }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await screenshot(page, 'phone-submit-unreachable');
    expect(await axeViolations(page)).toEqual([]);

    // Act: back on the network, she tries again
    await reconnect();
    await page.getByRole('button', { name: 'Try submitting again' }).click();

    // Assess: one submission, received, with one confirmation email
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    received.push(submissionIdFromUrl(page));
    const reference = (await page.getByTestId('reference-number').textContent()) ?? '';
    expect(reference).toMatch(REFERENCE_PATTERN);
    expect(created).toHaveLength(1);
    const confirmations = await until(
      async () => (await mailbox(stack)).filter((email) => email.destination.to.some((to) => to.includes(provider.username)) && `${email.subject} ${email.body.text ?? ''}`.includes(reference)),
      (found) => found.length > 0,
    );
    expect(confirmations).toHaveLength(1);
    expect(pageErrors(page)).toEqual([]);
  });

  it('sends a file whose upload link expired while it waited its turn with a new link, and submits once', async () => {
    // Prepare: S3 refuses the malpractice certificate's first link as expired (it waited behind the others)
    const { page } = session;
    created.length = 0;
    const refusedPolicies = new Set<string>();
    const policyOf = (body: string) => /name="Policy"\r\n\r\n([^\r]+)/.exec(body)?.[1] ?? '';
    await page.route(`${stack.s3Url}/**`, async (route) => {
      const body = route.request().postDataBuffer()?.toString('latin1') ?? '';
      const policy = policyOf(body);
      if (body.includes('filename="malpractice-certificate.pdf"') && refusedPolicies.size === 0) refusedPolicies.add(policy);
      if (!refusedPolicies.has(policy)) return route.continue();
      return route.fulfill({
        status: 403,
        contentType: 'application/xml',
        body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>',
      });
    });
    await openUpload(page);
    for (const fixture of fiveDocuments()) await fillDocument(page, fixture);

    // Act
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();

    // Assess: received, one submission, one email, the refused link never sent again
    await page.waitForURL(/\/submissions\//, { timeout: 30_000 });
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    received.push(submissionIdFromUrl(page));
    await page.unroute(`${stack.s3Url}/**`);
    const reference = (await page.getByTestId('reference-number').textContent()) ?? '';
    expect(await documentItem(page, 'Malpractice Insurance').getByText('malpractice-certificate.pdf').isVisible()).toBe(true);
    expect(created).toHaveLength(1);
    expect(refusedPolicies.size).toBe(1);
    const confirmations = await until(
      async () => (await mailbox(stack)).filter((email) => email.destination.to.some((to) => to.includes(provider.username)) && `${email.subject} ${email.body.text ?? ''}`.includes(reference)),
      (found) => found.length > 0,
    );
    expect(confirmations).toHaveLength(1);
  });

  it('keeps her confirmation and her list on screen when the Wi-Fi drops as she comes back to the tab, with a way to try again', async () => {
    // Prepare: her confirmation, read a while ago (the previous test left her there)
    const { page } = session;
    const reference = (await page.getByTestId('reference-number').textContent()) ?? '';
    expect(reference).toMatch(REFERENCE_PATTERN);
    const api = (url: URL) => url.pathname.startsWith(new URL(stack.apiUrl).pathname);
    const comeBack = () => page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));

    for (const [name, shown, says] of [
      ['confirmation', () => page.getByTestId('reference-number'), 'We could not reach the server'],
      ['list', () => page.getByRole('row').filter({ hasText: reference }), 'We could not load your submissions. We could not reach the server'],
    ] as const) {
      await page.clock.fastForward('01:00');
      await page.route(api, (route) => route.abort('internetdisconnected'));

      // Act: she switches back from another app; the page refreshes without a connection
      await comeBack();

      // Assess: told, with what she saw still there
      const problem = page.getByRole('alert').filter({ hasText: says });
      await problem.waitFor();
      expect(await problem.textContent()).toContain('What you see is what we last heard.');
      expect(await shown().isVisible(), name).toBe(true);
      await screenshot(page, `phone-wifi-dropped-${name}`);
      expect(await axeViolations(page)).toEqual([]);

      // Act: back on the network, she tries again
      await page.unroute(api);
      await problem.getByRole('button', { name: 'Try again' }).click();

      // Assess
      await problem.waitFor({ state: 'detached' });
      expect(await shown().isVisible(), name).toBe(true);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
      await page.getByRole('row').filter({ hasText: reference }).waitFor();
    }
  });

  it('types license, DEA and policy numbers as printed: capitals on, no autocorrect, no suggestions from other forms', async () => {
    // Prepare
    const { page } = session;
    await openUpload(page);

    // Act: the number fields as her phone's keyboard reads them
    const numbers = await Promise.all(
      [
        ['Medical License', 'License number'],
        ['DEA Registration', 'DEA number'],
        ['Malpractice Insurance', 'Policy number'],
      ].map(async ([title, label]) => {
        const input = field(card(page, title!), label!);
        const attributes = await input.evaluate((element) =>
          Object.fromEntries(['type', 'inputmode', 'autocapitalize', 'autocorrect', 'autocomplete', 'spellcheck'].map((name) => [name, element.getAttribute(name)])),
        );
        return [label, attributes] as const;
      }),
    );

    // Assess
    const asPrinted = { type: 'text', inputmode: 'text', autocapitalize: 'characters', autocorrect: 'off', autocomplete: 'off', spellcheck: 'false' };
    expect(Object.fromEntries(numbers)).toEqual({ 'License number': asPrinted, 'DEA number': asPrinted, 'Policy number': asPrinted });
  });

  it('reads her documents in her larger text (200%) on a 375 px phone, with nothing wider than the screen', async () => {
    // Prepare: her phone (the narrower of the two common sizes) set to text twice the default size
    const { context, page } = await newPage(session.browser, { width: 375, height: 812 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    await signInAs(page, provider);
    const fitsTheScreen = async (name: string) => {
      const sizes = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: document.documentElement.clientWidth,
        text: Number.parseFloat(getComputedStyle(document.querySelector('main p') ?? document.body).fontSize),
      }));
      expect(sizes.text, `${name}: body text at least 200% (${sizes.text}px)`).toBeGreaterThanOrEqual(26);
      expect(sizes.page, `${name}: no horizontal scrolling`).toBe(sizes.screen);
      expect(await axeViolations(page), name).toEqual([]);
      await screenshot(page, `phone-large-text-${name}`, { fullPage: true });
      // Playwright's full-page screenshot resets the emulated text size.
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    };

    // Act and Assess: her list and credentials, the form with its problems, the confirmation
    await page.getByRole('heading', { name: 'My credentials' }).waitFor();
    await fitsTheScreen('home');
    await openUpload(page);
    const [license, ...others] = fiveDocuments();
    await fillDocument(page, license!);
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await page.getByRole('alert').filter({ hasText: 'to fix before submitting' }).waitFor();
    await fitsTheScreen('upload-problems');
    for (const fixture of others) await fillDocument(page, fixture);
    expect(await card(page, 'Malpractice Insurance').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    received.push(submissionIdFromUrl(page));
    expect(await documentItem(page, 'DEA Registration').isVisible()).toBe(true);
    await fitsTheScreen('confirmation');
    await context.close();
  });
});

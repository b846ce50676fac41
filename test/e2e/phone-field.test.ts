/**
 * On her phone, between patients, on hospital Wi-Fi: a sign-in service she cannot reach for a
 * moment does not sign her out of an upload, and her phone's larger text is honoured without
 * anything running off the screen.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REFERENCE_PATTERN } from '../../src/domain/reference-number.js';
import { axeViolations, newPage, pageErrors, PHONE, screenshot } from './support/browser.js';
import { card, documentItem, fiveDocuments, fillDocument, holdUploads, openUpload, signInAndWait, waitForOutcome } from './support/portal.js';
import { EMILY, mailbox, until } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const created: string[] = [];
const session = useBrowserSession({
  viewport: PHONE,
  signedInAs: EMILY,
  prepare: async (page) => {
    // The page's clock, moved forward by the test, makes her ID token due for refresh mid-upload.
    await page.clock.install();
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/submissions')) created.push(request.url());
    });
  },
});
const { stack } = session;

/** Every request to Cognito fails as on a dead connection, until the returned function is called. */
async function cutOffSignIn(page: Page): Promise<() => Promise<void>> {
  const cognito = new URL(stack.cognitoUrl).origin;
  const matches = (url: URL) => url.origin === cognito;
  await page.route(matches, (route) => route.abort('internetdisconnected'));
  return () => page.unroute(matches);
}

describe('a provider on her phone', () => {
  it('stays signed in when her token is refreshed mid-upload without a connection to sign-in, and submits once when she tries again', async () => {
    // Prepare: five documents, uploads held as on a slow connection
    const { page } = session;
    await openUpload(page);
    for (const fixture of fiveDocuments()) await fillDocument(page, fixture);
    const uploads = await holdUploads(page, stack);
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await page.getByRole('heading', { name: 'Uploading your files…' }).waitFor();
    const tokenLifetime = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('credentialing.session')!) as { expiresAt: number }).expiresAt - Date.now());

    // Act: the upload outlasts her ID token, and the Wi-Fi drops as it ends
    await page.clock.fastForward(tokenLifetime - 30_000);
    const reconnect = await cutOffSignIn(page);
    await uploads.release();

    // Assess: still signed in on the form, told what happened and how to go on
    const problem = page.getByRole('alert').filter({ hasText: 'submitting failed' });
    await problem.waitFor();
    expect(await problem.textContent()).toBe('Your files are uploaded, but submitting failed: We could not reach the sign-in service. Check your connection and try again.');
    expect(await page.getByRole('heading', { name: 'Upload documents', level: 1 }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await screenshot(page, 'phone-submit-unreachable');
    expect(await axeViolations(page)).toEqual([]);

    // Act: back on the network, she tries again
    await reconnect();
    await page.getByRole('button', { name: 'Try submitting again' }).click();

    // Assess: one submission, received, with one confirmation email
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    const reference = (await page.getByTestId('reference-number').textContent()) ?? '';
    expect(reference).toMatch(REFERENCE_PATTERN);
    expect(created).toHaveLength(1);
    const confirmations = await until(
      async () => (await mailbox(stack)).filter((email) => email.destination.to.some((to) => to.includes(EMILY)) && `${email.subject} ${email.body.text ?? ''}`.includes(reference)),
      (found) => found.length > 0,
    );
    expect(confirmations).toHaveLength(1);
    expect(pageErrors(page)).toEqual([]);
  });

  it('reads her documents in her larger text (200%), with nothing wider than the screen', async () => {
    // Prepare: her phone set to text twice the default size
    const { context, page } = await newPage(session.browser, PHONE);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    await signInAndWait(page, stack, EMILY);
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
    expect(await documentItem(page, 'DEA Registration').isVisible()).toBe(true);
    await fitsTheScreen('confirmation');
    await context.close();
  });
});

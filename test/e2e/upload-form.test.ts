/**
 * The upload form's own checks, before anything is sent: field rules from the shared schema shown
 * next to their fields (and blocking submission), files refused by size or format with the accepted
 * formats named, and a session that expires mid-form without losing what she typed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../testkit/files.js';
import { axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { BAD_DEA, VALID_DEA, card, chooseFile, docx, errorText, field, fiveDocuments, fillDocument, fillFields, isoDaysFromToday, openUpload, signIn, signInAndWait } from './support/portal.js';
import { EMILY } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const createRequests: string[] = [];
const session = useBrowserSession({
  signedInAs: EMILY,
  prepare: (page) =>
    void page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().startsWith(`${session.stack.apiUrl}/submissions`)) createRequests.push(request.url());
    }),
});
const { stack } = session;
beforeAll(() => openUpload(session.page));

describe('field rules', () => {
  it('shows an expiration date before the issue date and a bad DEA check digit next to their fields when she submits, and blocks submission', async () => {
    for (const fixture of fiveDocuments()) await fillDocument(session.page, fixture);
    const dea = card(session.page, 'DEA Registration');
    await fillFields(session.page, 'DEA Registration', { 'Issue date': isoDaysFromToday(-100), 'Expiration date': isoDaysFromToday(-200), 'DEA number': BAD_DEA });
    await field(dea, 'Issuing authority').focus();

    const expiration = field(dea, 'Expiration date');
    const deaNumber = field(dea, 'DEA number');
    // Nothing is called wrong while she is still typing.
    expect(await errorText(deaNumber)).toBe('');
    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();
    const summary = session.page.getByRole('alert').filter({ hasText: 'problems to fix before submitting' });
    await summary.waitFor();
    await expect.poll(() => errorText(expiration)).toBe('Expiration date must be after the issue date.');
    await expect.poll(() => errorText(deaNumber)).toContain('check digit does not match');
    expect(await expiration.getAttribute('aria-invalid')).toBe('true');
    expect(await deaNumber.getAttribute('aria-describedby')).toContain(`${await deaNumber.getAttribute('id')}-error`);
    // The messages sit in live regions, so screen readers announce them.
    expect(await session.page.locator(`[id="${await deaNumber.getAttribute('id')}-error"]`).getAttribute('aria-live')).toBe('polite');
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'DEA Registration: Expiration date must be after the issue date.',
      expect.stringContaining('DEA Registration: This DEA number is not valid'),
    ]);
    expect(await session.page.evaluate(() => document.activeElement?.className)).toContain('error-summary');
    await screenshot(session.page, 'field-errors');
    expect(await axeViolations(session.page)).toEqual([]);

    // The summary's links take her to the field.
    await summary.getByRole('link', { name: /DEA number is not valid/ }).click();
    expect(await session.page.evaluate(() => document.activeElement?.id)).toBe(await deaNumber.getAttribute('id'));
    expect(createRequests).toEqual([]);

    await fillFields(session.page, 'DEA Registration', { 'Expiration date': isoDaysFromToday(300), 'DEA number': VALID_DEA });
    await expect.poll(() => errorText(expiration)).toBe('');
    await expect.poll(() => errorText(deaNumber)).toBe('');
    expect(createRequests).toEqual([]);
  });

  it('refuses a file of a format the document does not accept, or too big, before any upload', async () => {
    const license = card(session.page, 'Medical License');
    const file = license.locator('input[type="file"]');
    await chooseFile(session.page, 'Medical License', docx('license.docx'));
    await expect.poll(() => errorText(file)).toBe('This file type is not accepted for a Medical License. Accepted formats for a Medical License: PDF, JPEG, PNG, TIFF.');

    await chooseFile(session.page, 'Medical License', { name: 'license-scan.pdf', mimeType: 'application/pdf', buffer: makePdf({ padToBytes: 11 * 1024 * 1024 }) });
    await expect.poll(() => errorText(file)).toBe('This file is 11.0 MB; the limit is 10.0 MB. Upload a smaller scan or PDF.');
    expect(await license.getByText('license-scan.pdf').isVisible()).toBe(true);

    await chooseFile(session.page, 'Medical License', { name: 'license.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await expect.poll(() => errorText(file)).toContain('is not a file type we accept. Accepted formats for a Medical License: PDF, JPEG, PNG, TIFF.');

    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await session.page.getByRole('alert').filter({ hasText: 'to fix before submitting' }).waitFor();
    expect(createRequests).toEqual([]);
    await screenshot(session.page, 'file-refused');

    await chooseFile(session.page, 'Medical License', fiveDocuments()[0]!.file);
    await expect.poll(() => errorText(file)).toBe('');
  });
});

describe('the session', () => {
  it('is refreshed quietly when the ID token is about to expire', async () => {
    await session.page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('credentialing.session')!) as { expiresAt: number; idToken: string };
      sessionStorage.setItem('credentialing.session', JSON.stringify({ ...session, expiresAt: Date.now() + 1000 }));
    });
    await session.page.reload();
    const before = await session.page.evaluate(() => (JSON.parse(sessionStorage.getItem('credentialing.session')!) as { idToken: string }).idToken);
    await session.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    await session.page.getByRole('region', { name: 'Submissions' }).waitFor();
    await session.page.getByText('Loading your submissions…').waitFor({ state: 'hidden' });
    expect(await session.page.getByRole('heading', { name: 'Sign in' }).count()).toBe(0);
    const after = await session.page.evaluate(() => JSON.parse(sessionStorage.getItem('credentialing.session')!) as { idToken: string; expiresAt: number });
    expect(after.idToken).not.toBe(before);
    expect(after.expiresAt).toBeGreaterThan(Date.now() + 5 * 60_000);
  });
});

describe('a browser whose clock is wrong', () => {
  it('keeps her session without refreshing it before every call, a day fast or slow', async () => {
    // Off by more than a token's lifetime (24 hours from the local Cognito, 15 minutes in AWS).
    for (const offset of [25, -25].map((hours) => hours * 3_600_000)) {
      // Prepare: a page whose clock is a day off, counting the refreshes it asks Cognito for
      const { page, context } = await newPage(session.browser);
      await page.clock.install({ time: Date.now() + offset });
      await page.clock.resume();
      const refreshes: string[] = [];
      page.on('request', (request) => {
        if (request.url().startsWith(stack.cognitoUrl) && request.postData()?.includes('REFRESH_TOKEN_AUTH')) refreshes.push(request.url());
      });

      // Act: she signs in and moves between her pages
      await signInAndWait(page, stack, EMILY);
      await openUpload(page);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
      await page.getByRole('region', { name: 'Submissions' }).waitFor();
      await page.getByText('Loading your submissions…').waitFor({ state: 'hidden' });

      // Assess: signed in, no refresh asked for
      expect(await page.getByRole('heading', { name: 'Sign in' }).count()).toBe(0);
      expect(refreshes).toEqual([]);
      await context.close();
    }
  });
});

describe('an expired session', () => {
  it('sends her back to sign-in, and after signing in again everything she entered is still there', async () => {
    const { page: later, context } = await newPage(session.browser);
    await later.clock.install(); // lets the test move the browser's time forward
    await signInAndWait(later, stack, EMILY);
    await openUpload(later);
    for (const fixture of fiveDocuments()) await fillDocument(later, fixture);
    const creates: string[] = [];
    later.on('request', (request) => {
      if (request.method() === 'POST' && request.url().startsWith(`${stack.apiUrl}/submissions`)) creates.push(request.url());
    });

    // A day later the ID token has expired, and Cognito no longer accepts the refresh token.
    await later.route(`${stack.cognitoUrl}/**`, async (route) => {
      if (!route.request().postData()?.includes('REFRESH_TOKEN_AUTH')) return route.continue();
      await route.fulfill({
        status: 400,
        headers: { 'Access-Control-Allow-Origin': '*' },
        contentType: 'application/x-amz-json-1.1',
        body: JSON.stringify({ __type: 'NotAuthorizedException', message: 'Refresh Token has expired' }),
      });
    });
    await later.clock.fastForward('25:00:00');
    // She comes back to the open form, corrects the policy number and submits.
    await fillFields(later, 'Malpractice Insurance', { 'Policy number': 'TDC-KEEP-ME' });
    await later.getByRole('button', { name: 'Submit 5 documents' }).click();
    await later.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await later.getByText('Your session has expired.', { exact: false }).waitFor();
    await screenshot(later, 'session-expired');
    expect(creates).toEqual([]);

    // Signing in again, her refresh token is new and accepted.
    await later.unroute(`${stack.cognitoUrl}/**`);
    await signIn(later, stack, EMILY);
    await later.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
    expect(await field(card(later, 'Malpractice Insurance'), 'Policy number').inputValue()).toBe('TDC-KEEP-ME');
    expect(await field(card(later, 'DEA Registration'), 'DEA number').inputValue()).toBe(VALID_DEA);
    expect(await card(later, 'Curriculum Vitae').getByText('Emily-Johnson-CV.docx').isVisible()).toBe(true);
    expect(await later.getByRole('region', { name: 'Your documents' }).getByText('Files chosen for all five documents.').isVisible()).toBe(true);

    // Even a reload keeps what she typed and the files she chose (kept on this device until she submits).
    await later.reload();
    await later.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
    expect(await field(card(later, 'Malpractice Insurance'), 'Policy number').inputValue()).toBe('TDC-KEEP-ME');
    await card(later, 'Curriculum Vitae').getByText('Emily-Johnson-CV.docx').waitFor();
    expect(creates).toEqual([]);

    // Left alone for more than 24 hours, nothing of it stays on the device.
    await later.clock.fastForward('24:01:00');
    await later.reload();
    await later.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
    await later.getByRole('region', { name: 'Your documents' }).getByText('5 of 5 still missing').waitFor();
    expect(await field(card(later, 'Malpractice Insurance'), 'Policy number').inputValue()).toBe('');
    expect(pageErrors(later)).toEqual([]);
    await context.close();
  });
});

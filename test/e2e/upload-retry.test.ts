/**
 * Uploads go straight from the session.browser to S3 and networks fail: a failed upload is retried by
 * itself, and when it keeps failing she is told and can retry it, without a second submission.
 */
import { describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { REFERENCE_PATTERN } from '../../src/domain/reference-number.js';
import { axeViolations, pageErrors, screenshot } from './support/browser.js';
import { fiveDocuments, fillDocument, openUpload, waitForOutcome } from './support/portal.js';
import { EMILY } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: EMILY });
const { stack } = session;

/** Breaks the uploads of one file name `failures` times (connection reset), then lets them through. */
async function failUploadsOf(fileName: string, failures: number): Promise<{ attempts: () => number }> {
  let attempts = 0;
  await session.page.route(`${stack.s3Url}/**`, async (route: Route) => {
    const body = route.request().postDataBuffer()?.toString('latin1') ?? '';
    if (!body.includes(`filename="${fileName}"`)) return route.continue();
    attempts++;
    return attempts <= failures ? route.abort('connectionreset') : route.continue();
  });
  return { attempts: () => attempts };
}

async function fillAll(): Promise<void> {
  await openUpload(session.page);
  for (const fixture of fiveDocuments()) await fillDocument(session.page, fixture);
}

describe('uploads that fail', () => {
  it('wait for her connection to come back while she is offline, then finish by themselves', async () => {
    // Prepare: five documents; the DEA registration's upload is under way when the connection drops
    await fillAll();
    const { page } = session;
    let started!: () => void;
    let drop!: () => void;
    const underway = new Promise<void>((resolve) => (started = resolve));
    const dropped = new Promise<void>((resolve) => (drop = resolve));
    const deaUploads: string[] = [];
    await page.route(`${stack.s3Url}/**`, async (route: Route) => {
      if (!(route.request().postDataBuffer()?.toString('latin1') ?? '').includes('filename="DEA-registration.jpg"')) return route.continue();
      deaUploads.push(route.request().url());
      if (deaUploads.length > 1) return route.continue();
      started();
      await dropped;
      return route.abort('internetdisconnected');
    });
    const creates: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${stack.apiUrl}/submissions`) creates.push(request.url());
    });
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await underway;

    // Act: she is offline (the browser says so) for as long as it takes
    await page.context().setOffline(true);
    drop();

    // Assess: told it waits for her connection, not that it failed
    const waiting = page.getByRole('status').filter({ hasText: 'You are offline.' });
    const failed = page.getByText('Some files could not be uploaded.', { exact: false });
    await waiting.or(failed).first().waitFor({ timeout: 30_000 });
    expect(await failed.count()).toBe(0);
    expect(await waiting.textContent()).toBe('You are offline. Your files upload by themselves as soon as your connection is back.');
    expect(await page.getByRole('progressbar', { name: 'DEA-registration.jpg' }).getAttribute('aria-valuetext')).toBe('Waiting for a connection');
    await screenshot(page, 'upload-offline');
    expect(await axeViolations(page)).toEqual([]);

    // Act: her connection is back
    await page.context().setOffline(false);

    // Assess: received, one submission, the DEA registration sent once more
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    expect((await page.getByTestId('reference-number').textContent()) ?? '').toMatch(REFERENCE_PATTERN);
    expect(creates).toHaveLength(1);
    expect(deaUploads).toHaveLength(2);
    expect(await page.locator('li.doc-item').count()).toBe(5);
    expect(pageErrors(page)).toEqual([]);
    await page.unroute(`${stack.s3Url}/**`);
  });

  it('are retried automatically', async () => {
    await fillAll();
    const dea = await failUploadsOf('DEA-registration.jpg', 1);
    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();
    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
    expect(dea.attempts()).toBe(2);
    expect((await session.page.getByTestId('reference-number').textContent()) ?? '').toMatch(REFERENCE_PATTERN);
    await session.page.unroute(`${stack.s3Url}/**`);
  });

  it('can be retried by her when they keep failing, without creating a second submission', async () => {
    await fillAll();
    const cv = await failUploadsOf('Emily-Johnson-CV.docx', 3);
    const creates: string[] = [];
    session.page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${stack.apiUrl}/submissions`) creates.push(request.url());
    });
    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await session.page.getByText('Some files could not be uploaded. Check your connection, then retry them.').waitFor({ timeout: 30_000 });
    expect(cv.attempts()).toBe(3);
    expect(await session.page.getByRole('heading', { name: 'Upload interrupted' }).isVisible()).toBe(true);
    expect(await session.page.getByRole('progressbar', { name: 'Emily-Johnson-CV.docx' }).getAttribute('aria-valuetext')).toBe('Failed');
    expect(await session.page.getByRole('progressbar', { name: 'DEA-registration.jpg' }).getAttribute('aria-valuetext')).toBe('Uploaded');
    await screenshot(session.page, 'upload-failed');

    await session.page.getByRole('button', { name: 'Retry failed uploads' }).click();
    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
    expect(cv.attempts()).toBe(4);
    expect(creates).toHaveLength(1);
    expect(await session.page.locator('li.doc-item').count()).toBe(5);
    expect(pageErrors(session.page)).toEqual([]);
  });
});

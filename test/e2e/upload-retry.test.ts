/**
 * Uploads go straight from the browser to S3 and networks fail: a failed upload is retried by
 * itself, and when it keeps failing she is told and can retry it, without a second submission.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { REFERENCE_PATTERN } from '../../src/domain/reference-number.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { fiveDocuments, fillDocument, openUpload, signInAndWait, waitForOutcome } from './support/portal.js';
import { EMILY } from './support/stack.js';

const stack = inject('stack');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
  await signInAndWait(page, stack, EMILY);
});

afterAll(async () => {
  await browser?.close();
});

/** Breaks the uploads of one file name `failures` times (connection reset), then lets them through. */
async function failUploadsOf(fileName: string, failures: number): Promise<{ attempts: () => number }> {
  let attempts = 0;
  await page.route(`${stack.s3Url}/**`, async (route: Route) => {
    const body = route.request().postDataBuffer()?.toString('latin1') ?? '';
    if (!body.includes(`filename="${fileName}"`)) return route.continue();
    attempts++;
    return attempts <= failures ? route.abort('connectionreset') : route.continue();
  });
  return { attempts: () => attempts };
}

async function fillAll(): Promise<void> {
  await openUpload(page);
  for (const fixture of fiveDocuments()) await fillDocument(page, fixture);
}

describe('uploads that fail', () => {
  it('are retried automatically', async () => {
    await fillAll();
    const dea = await failUploadsOf('DEA-registration.jpg', 1);
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    expect(dea.attempts()).toBe(2);
    expect((await page.getByTestId('reference-number').textContent()) ?? '').toMatch(REFERENCE_PATTERN);
    await page.unroute(`${stack.s3Url}/**`);
  });

  it('can be retried by her when they keep failing, without creating a second submission', async () => {
    await fillAll();
    const cv = await failUploadsOf('Emily-Johnson-CV.docx', 3);
    const creates: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${stack.apiUrl}/submissions`) creates.push(request.url());
    });
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await page.getByText('Some files could not be uploaded. Check your connection, then retry them.').waitFor({ timeout: 30_000 });
    expect(cv.attempts()).toBe(3);
    expect(await page.getByRole('heading', { name: 'Upload interrupted' }).isVisible()).toBe(true);
    expect(await page.getByRole('progressbar', { name: 'Emily-Johnson-CV.docx' }).getAttribute('aria-valuetext')).toBe('Failed');
    expect(await page.getByRole('progressbar', { name: 'DEA-registration.jpg' }).getAttribute('aria-valuetext')).toBe('Uploaded');
    await screenshot(page, 'upload-failed');

    await page.getByRole('button', { name: 'Retry failed uploads' }).click();
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    expect(cv.attempts()).toBe(4);
    expect(creates).toHaveLength(1);
    expect(await page.locator('li.doc-item').count()).toBe(5);
    expect(pageErrors(page)).toEqual([]);
  });
});

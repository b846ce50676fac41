/**
 * Two reviewers on one submission in Chromium: one is typing a rejection while the other
 * completes the review. Her decision is refused (409); the page then shows the submission as it
 * now is without a reload, tells her plainly what changed, and keeps the reason she typed. Before
 * that, a reason with characters that are not text is refused under the field, with the API's words.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fiveDocuments, submitReceived } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { signInAndWait } from './support/portal.js';
import { reviewCard } from './support/review.js';
import { EMILY, STAFF, apiSignIn } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: STAFF });
const { stack } = session;
const TYPED = 'The seal is cut off at the bottom.\nPlease send a scan of the whole page.';
let reference = '';
let submissionId = '';

async function openReview(page: Page) {
  await page.goto(`${stack.portalUrl}/review/${submissionId}`);
  await page.getByRole('heading', { name: `Review ${reference}`, level: 1 }).waitFor();
}

describe('a reason that is not plain text', () => {
  it('is refused under the field before anything is sent, with the words the API would answer', async () => {
    // Prepare: Emily's license and board certification received; the other reviewer verified both (API)
    const [emily, staffToken] = [await apiSignIn(stack, EMILY), await apiSignIn(stack, STAFF)];
    const received = await submitReceived(stack, emily, fiveDocuments().slice(0, 2));
    ({ referenceNumber: reference, submissionId } = received);
    for (const { documentId } of received.documents) expect((await callApi(stack, 'POST', `/documents/${documentId}/review`, staffToken, { decision: 'VERIFIED' })).status).toBe(200);
    const page = session.page;
    await openReview(page);
    const license = reviewCard(page, 'Medical License');
    const reviewRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/review') && request.method() === 'POST') reviewRequests.push(request.url());
    });

    // Act: Reject, with a text-direction mark, then with a lone half of a UTF-16 pair (typed in by script: no keyboard makes one)
    await license.getByRole('radio', { name: 'Reject' }).check();
    await license.getByLabel('What is wrong').selectOption({ label: 'Illegible' });
    const reason = license.getByLabel('Reason the provider will read');
    await reason.fill('See file \u202Efdp.exe');
    await license.getByRole('button', { name: 'Change decision on the Medical License' }).click();
    const bidi = await license.locator('.field__error').filter({ hasText: /\S/ }).textContent();
    await reason.evaluate((element: HTMLTextAreaElement) => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setValue.call(element, `The seal ${String.fromCharCode(0xd83d)} is cut off.`);
      element.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await license.getByRole('button', { name: 'Change decision on the Medical License' }).click();
    const surrogate = await license.locator('.field__error').filter({ hasText: /\S/ }).textContent();

    // Assess
    expect(bidi).toBe('Error: The reason contains hidden text-direction characters. Retype it as plain text.');
    expect(surrogate).toBe('Error: The reason contains characters that are not valid text. Retype it as plain text.');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(reviewRequests).toEqual([]);
  });
});

describe('a decision refused because another reviewer completed the review meanwhile', () => {
  it('refreshes the page in place, says what changed and keeps what she typed', async () => {
    // Prepare: she is typing a rejection of the license; the page is marked to tell a reload from a refresh
    const page = session.page;
    const errors = pageErrors(page);
    const license = reviewCard(page, 'Medical License');
    await license.getByLabel('Reason the provider will read').fill(TYPED);
    await page.evaluate(() => ((window as Window & { notReloaded?: boolean }).notReloaded = true));
    const other = (await newPage(session.browser)).page;
    await signInAndWait(other, stack, STAFF);
    await openReview(other);

    // Act: the other reviewer completes (both documents verified); then she saves her rejection
    await other.getByRole('button', { name: 'Complete review…' }).click();
    await other.getByRole('button', { name: 'Send the outcome' }).click();
    await other.getByRole('heading', { name: 'Review completed' }).waitFor();
    await license.getByRole('button', { name: 'Change decision on the Medical License' }).click();
    const notice = license.getByRole('alert');
    await notice.waitFor();

    // Assess: what changed, in words; the page shows the completed review without a reload
    expect(await notice.textContent()).toContain('Your rejection of the Medical License was not saved: another reviewer completed this review while you were deciding, so its decisions can no longer be changed.');
    expect(await notice.textContent()).toContain('The page now shows the review as completed: Verified.');
    await page.getByRole('heading', { name: 'Review completed' }).waitFor();
    expect(await page.evaluate(() => (window as Window & { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await license.getByRole('button', { name: /decision on the Medical License/ }).count()).toBe(0);
    expect(await license.locator('.decision-summary').textContent()).toContain('Verified');
    // Assess: what she typed is still there, to copy
    expect(await notice.getByRole('textbox', { name: 'What you wrote' }).inputValue()).toBe(TYPED);
    await notice.scrollIntoViewIfNeeded();
    await screenshot(page, 'review-refused-decision');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

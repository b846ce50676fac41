/**
 * Keyboard only, for the credentialing team: from the queue to a completed review with Tab,
 * arrows, Space, typing and Enter — never the mouse — with a visible focus indicator on every
 * control used.
 */
import { describe, expect, it } from 'vitest';
import { fiveDocuments, submitReceived } from '../../testkit/intake-documents.js';
import { pageErrors, screenshot } from './support/browser.js';
import { focused, tabTo, type Focused } from './support/keyboard.js';
import { EMILY, STAFF, apiSignIn } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: STAFF });
const { stack } = session;

function expectVisibleFocus(control: Focused): void {
  expect(control.outlineStyle, `focus indicator on ${control.name}`).toBe('solid');
}

describe('keyboard-only review', () => {
  it('rejects one document with a reason, verifies the other, and completes the review without a mouse', async () => {
    // Prepare: Emily's license and board certificate, received
    const { referenceNumber } = await submitReceived(stack, await apiSignIn(stack, EMILY), fiveDocuments().slice(0, 2));
    const page = session.page;
    await page.goto(`${stack.portalUrl}/review`);
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();

    // Act: find it in the queue (which holds every other test's submissions too) and open it
    expectVisibleFocus(await tabTo(page, /^Find by reference, provider name or email$/));
    await page.keyboard.type(referenceNumber);
    // The queue loads its 25 oldest: behind the other files' submissions, Enter looks it up and its page opens the review.
    const row = page.getByRole('link', { name: referenceNumber, exact: true });
    await row.or(page.getByText(`${referenceNumber} is not among the loaded submissions`)).waitFor();
    if ((await row.count()) > 0) {
      expectVisibleFocus(await tabTo(page, new RegExp(`^${referenceNumber}$`)));
    } else {
      await page.keyboard.press('Enter');
      expectVisibleFocus(await tabTo(page, /^Open the review$/));
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Review ${referenceNumber}`, level: 1 }).waitFor();

    // Reject the license: the radio group is one Tab stop; the arrow key moves to Reject
    expectVisibleFocus(await tabTo(page, /^Verify$/));
    await page.keyboard.press('ArrowRight');
    expect((await focused(page))?.name).toBe('Reject');
    expectVisibleFocus(await tabTo(page, /^What is wrong$/));
    await page.keyboard.type('Expired');
    expectVisibleFocus(await tabTo(page, /^Reason the provider will read$/));
    await page.keyboard.type('This license expired; please send the renewed one.');
    expectVisibleFocus(await tabTo(page, /^Save decision on the Medical License$/));
    await page.keyboard.press('Enter');
    await page.getByText('Rejection of the Medical License saved.').waitFor();

    // Verify the board certificate
    expectVisibleFocus(await tabTo(page, /^Verify$/));
    await page.keyboard.press('Space');
    expectVisibleFocus(await tabTo(page, /^Save decision on the Board Certification$/));
    await page.keyboard.press('Enter');
    await page.getByText('Verification of the Board Certification saved.').waitFor();

    // Complete: see what Emily will receive, then send
    expectVisibleFocus(await tabTo(page, /^Complete review…$/));
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page))?.name).toBe('What Emily Johnson will receive');
    expectVisibleFocus(await tabTo(page, /^Send the outcome$/));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Review completed' }).waitFor();

    // Assess
    await expect.poll(async () => (await focused(page))?.name).toBe('Review completed');
    expect(await page.getByRole('region', { name: 'Review completed' }).textContent()).toContain('Action required.');
    const license = page.getByRole('region', { name: 'Medical License', exact: true });
    expect(await license.locator('.decision-summary').textContent()).toContain('Rejected — Expired');
    await screenshot(page, 'keyboard-review-completed');
    expect(pageErrors(page)).toEqual([]);
  });
});

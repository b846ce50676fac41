/**
 * A reviewer's unsent decision outlives what interrupts her: her session expiring as she presses
 * Save (the sign-in page promises "what you entered has been kept"), and a reload of the review
 * page. Signing out forgets it: nothing of it stays in the tab.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiveDocuments, submitReceived } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { addProviders, type OfficeUser } from '../../testkit/office.js';
import { axeViolations, pageErrors, screenshot } from './support/browser.js';
import { signIn } from './support/portal.js';
import { leaveQueueAsFound, reviewCard } from './support/review.js';
import { STAFF, apiSignIn } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

// The page's clock, moved forward by the test, brings her ID token to its refresh.
const session = useBrowserSession({ signedInAs: STAFF, prepare: (page) => page.clock.install() });
const { stack } = session;
const TYPED = 'The expiration date is hidden under a sticky note.\nPlease send the whole page.';

let submission: { submissionId: string; referenceNumber: string; documents: { documentId: string }[] };
beforeAll(async () => {
  const [provider] = (await addProviders({ ...stack, endpoints: { ...stack.endpoints, cognito: stack.cognitoUrl } }, 1, `draftkept${Date.now()}`, [{ givenName: 'Ines', familyName: 'Moreau' }])) as [OfficeUser];
  submission = await submitReceived(stack, provider.token, fiveDocuments().slice(0, 2));
});
// Her submission leaves the shared queue as it found it.
afterAll(() => leaveQueueAsFound(stack, submission.submissionId));

async function openReview(page: Page) {
  await page.goto(`${stack.portalUrl}/review/${submission.submissionId}`);
  await page.getByRole('heading', { name: `Review ${submission.referenceNumber}`, level: 1 }).waitFor();
}

async function typeRejection(page: Page) {
  const license = reviewCard(page, 'Medical License');
  await license.getByRole('radio', { name: 'Reject' }).check();
  await license.getByLabel('What is wrong').selectOption({ label: 'Incomplete' });
  await license.getByLabel('Reason the provider will read').fill(TYPED);
}

async function expectRejectionOnScreen(page: Page) {
  const license = reviewCard(page, 'Medical License');
  expect(await license.getByRole('radio', { name: 'Reject' }).isChecked()).toBe(true);
  expect(await license.getByLabel('What is wrong').inputValue()).toBe('INCOMPLETE');
  expect(await license.getByLabel('Reason the provider will read').inputValue()).toBe(TYPED);
}

const storedReview = async () => (await callApi(stack, 'GET', `/submissions/${submission.submissionId}`, await apiSignIn(stack, STAFF))).body.documents[0].review;

describe('her session expiring while she writes a rejection', () => {
  it('sends her to sign-in, and after signing in again the review page shows what she typed, unsent', async () => {
    // Prepare: she writes a rejection; a while later Cognito no longer accepts her refresh token
    const { page } = session;
    const errors = pageErrors(page);
    await openReview(page);
    await typeRejection(page);
    await page.clock.fastForward('10:00');
    await reviewCard(page, 'Medical License').getByLabel('Reason the provider will read').press('End'); // still at work: not idle
    await page.route(`${stack.cognitoUrl}/**`, async (route) => {
      if (!route.request().postData()?.includes('REFRESH_TOKEN_AUTH')) return route.continue();
      await route.fulfill({
        status: 400,
        headers: { 'Access-Control-Allow-Origin': '*' },
        contentType: 'application/x-amz-json-1.1',
        body: JSON.stringify({ __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' }),
      });
    });
    await page.clock.fastForward('04:30'); // her ID token (15 minutes) is due for refresh

    // Act: she presses Save; the session has ended
    await reviewCard(page, 'Medical License').getByRole('button', { name: 'Save decision on the Medical License' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await page.getByText('Your session has expired. Sign in again to continue — what you entered has been kept.').waitFor();
    expect(await storedReview()).toBeUndefined();

    // Act: she signs in again (a new refresh token, accepted)
    await page.unroute(`${stack.cognitoUrl}/**`);
    await signIn(page, stack, STAFF);
    await page.getByRole('heading', { name: `Review ${submission.referenceNumber}`, level: 1 }).waitFor();

    // Assess: back on the review, her rejection as she left it, not sent
    await expectRejectionOnScreen(page);
    expect(await storedReview()).toBeUndefined();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('a reload of the review page mid-decision', () => {
  it('keeps her unsent rejection; once saved, a reload shows the saved decision', async () => {
    // Prepare: a rejection written, not sent
    const { page } = session;
    await openReview(page);
    await typeRejection(page);

    // Act
    await page.reload();
    await page.getByRole('heading', { name: `Review ${submission.referenceNumber}`, level: 1 }).waitFor();

    // Assess
    await expectRejectionOnScreen(page);
    await screenshot(page, 'review-draft-after-reload');

    // Act: she saves it, then changes her mind about the reason without saving, and reloads
    const license = reviewCard(page, 'Medical License');
    await license.getByRole('button', { name: 'Save decision on the Medical License' }).click();
    await license.getByText('Rejection of the Medical License saved.').waitFor();
    expect(await storedReview()).toMatchObject({ decision: 'REJECTED', reasonCode: 'INCOMPLETE', reason: TYPED });
    await license.getByLabel('Reason the provider will read').fill('Half a thought');
    await page.reload();
    await page.getByRole('heading', { name: `Review ${submission.referenceNumber}`, level: 1 }).waitFor();

    // Assess: what she typed after saving is kept too; the card's summary shows what is saved
    expect(await license.getByLabel('Reason the provider will read').inputValue()).toBe('Half a thought');
    expect(await license.locator('.decision-summary').textContent()).toContain(TYPED);
  });
});

describe('signing out', () => {
  it('forgets her unsent decisions: nothing of them stays in the tab', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await signIn(page, stack, STAFF);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await openReview(page);
    expect(await reviewCard(page, 'Medical License').getByLabel('Reason the provider will read').inputValue()).toBe(TYPED);
  });
});

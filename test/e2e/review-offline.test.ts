/**
 * A reviewer's connection dropping while she works: the review screen and the queue refresh in
 * the background (coming back to the tab, after a saved decision), and a refresh that cannot reach
 * us keeps what was loaded and what she typed on screen, says so, and offers "Try again". The
 * fault is at the browser boundary (Playwright routes the API's requests to a dead connection).
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fiveDocuments, submitReceived } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { addProviders, type OfficeUser } from '../../testkit/office.js';
import { axeViolations, pageErrors, screenshot } from './support/browser.js';
import { leaveQueueAsFound, reviewCard } from './support/review.js';
import { STAFF, apiSignIn } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

// The page's clock, moved forward by the test, makes what it loaded stale, as minutes away would.
const session = useBrowserSession({ signedInAs: STAFF, prepare: (page) => page.clock.install() });
const { stack } = session;
const TYPED = 'The license number is cut off at the right edge.\nPlease send a scan of the whole page.';

// A provider of her own, so her submission is this file's alone; it leaves the shared queue afterwards.
let provider: OfficeUser;
let submission: { submissionId: string; referenceNumber: string; documents: { documentId: string }[] };
beforeAll(async () => {
  [provider] = (await addProviders({ ...stack, endpoints: { ...stack.endpoints, cognito: stack.cognitoUrl } }, 1, `offline${Date.now()}`, [{ givenName: 'Rosa', familyName: 'Delgado' }])) as [OfficeUser];
  submission = await submitReceived(stack, provider.token, fiveDocuments().slice(0, 2));
});
afterAll(() => leaveQueueAsFound(stack, submission.submissionId));

const api = (url: URL) => url.pathname.startsWith(new URL(stack.apiUrl).pathname);
// A test that fails mid-way leaves the next one a working connection.
afterEach(() => session.page.unroute(api));

/** From now on every API request fails as on a dead connection; the returned function restores it. */
async function dropConnection(page: Page): Promise<() => Promise<void>> {
  await page.route(api, (route) => route.abort('internetdisconnected'));
  return () => page.unroute(api);
}

/** She comes back to the tab minutes later: react-query refreshes what it shows. */
async function comeBack(page: Page): Promise<void> {
  await page.clock.fastForward('01:00');
  await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
}

describe('a failed background refresh of the review screen', () => {
  it('keeps the documents, the audit trail and her unsent rejection reason on screen, with a notice and Try again', async () => {
    // Prepare: she opens the review and types a rejection of the license, not sent yet
    const { page } = session;
    const errors = pageErrors(page);
    await page.goto(`${stack.portalUrl}/review/${submission.submissionId}`);
    await page.getByRole('heading', { name: `Review ${submission.referenceNumber}`, level: 1 }).waitFor();
    const license = reviewCard(page, 'Medical License');
    await license.getByRole('radio', { name: 'Reject' }).check();
    await license.getByLabel('What is wrong').selectOption({ label: 'Illegible' });
    await license.getByLabel('Reason the provider will read').fill(TYPED);
    const audit = page.getByRole('region', { name: 'Audit trail' });
    await audit.getByText('The audit trail is intact').waitFor();
    const restore = await dropConnection(page);

    // Act: she comes back to the tab; the refresh cannot reach us
    await comeBack(page);

    // Assess: told, with what she saw and what she typed still there
    const problem = page.getByRole('alert').filter({ hasText: 'The submission could not be loaded.' });
    await problem.waitFor();
    expect(await problem.textContent()).toContain('We could not reach the server. Check your connection and try again. What you see is what we last heard.');
    expect(await page.getByRole('heading', { name: `Review ${submission.referenceNumber}`, level: 1 }).isVisible()).toBe(true);
    expect(await license.getByLabel('Reason the provider will read').inputValue()).toBe(TYPED);
    expect(await license.getByRole('radio', { name: 'Reject' }).isChecked()).toBe(true);
    expect(await reviewCard(page, 'Board Certification').isVisible()).toBe(true);
    await page.getByRole('alert').filter({ hasText: 'The audit trail could not be loaded.' }).waitFor();
    expect(await audit.getByText('Started the submission').isVisible()).toBe(true);
    await screenshot(page, 'review-refresh-failed');
    expect(await axeViolations(page)).toEqual([]);

    // Act: back on the network, she tries again, then sends her rejection
    await restore();
    await problem.getByRole('button', { name: 'Try again' }).click();
    await problem.waitFor({ state: 'detached' });
    await license.getByRole('button', { name: 'Save decision on the Medical License' }).click();
    await license.getByText('Rejection of the Medical License saved.').waitFor();

    // Assess: the rejection stored as she wrote it
    const staff = await apiSignIn(stack, STAFF);
    const stored = await callApi(stack, 'GET', `/submissions/${submission.submissionId}`, staff);
    expect(stored.body.documents[0].review).toMatchObject({ decision: 'REJECTED', reasonCode: 'ILLEGIBLE', reason: TYPED });
    expect(errors).toEqual([]);
  });
});

describe('a decision saved while the page cannot refresh', () => {
  it('can be changed again at once: the page counts the decision it saved as the one it changes', async () => {
    // Prepare: the board certification undecided; from now on the page cannot read (its decisions still reach us)
    const { page } = session;
    await page.goto(`${stack.portalUrl}/review/${submission.submissionId}`);
    await page.getByRole('heading', { name: `Review ${submission.referenceNumber}`, level: 1 }).waitFor();
    const board = reviewCard(page, 'Board Certification');
    await page.route(api, (route) => (route.request().method() === 'GET' ? route.abort('internetdisconnected') : route.continue()));

    // Act: she rejects it, then changes her mind and verifies it, before the page could refresh
    await board.getByRole('radio', { name: 'Reject' }).check();
    await board.getByLabel('What is wrong').selectOption({ label: 'Other' });
    await board.getByLabel('Reason the provider will read').fill('Wrong specialty on the certificate.');
    await board.getByRole('button', { name: 'Save decision on the Board Certification' }).click();
    await board.getByText('Rejection of the Board Certification saved.').waitFor();
    await board.getByRole('radio', { name: 'Verify' }).check();
    await board.getByRole('button', { name: /decision on the Board Certification$/ }).click();

    // Assess: her change is saved, not refused as if someone else had decided
    await board.getByText('Verification of the Board Certification saved.').waitFor();
    expect(await board.getByRole('alert').filter({ hasText: 'was not saved' }).count()).toBe(0);
    const staff = await apiSignIn(stack, STAFF);
    expect((await callApi(stack, 'GET', `/submissions/${submission.submissionId}`, staff)).body.documents[1].review.decision).toBe('VERIFIED');
  });
});

describe('a failed background refresh of the review queue', () => {
  it('keeps the loaded queue on screen, with a notice and Try again', async () => {
    // Prepare: the queue, searched for her submission (wherever it is in the queue)
    const { page } = session;
    await page.goto(`${stack.portalUrl}/review`);
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    await page.getByLabel('Find by reference, provider name or email').fill(provider.username);
    const row = page.getByRole('row').filter({ hasText: submission.referenceNumber });
    await row.waitFor();
    const restore = await dropConnection(page);

    // Act
    await comeBack(page);

    // Assess
    const problem = page.getByRole('alert').filter({ hasText: 'The queue could not be loaded.' });
    await problem.waitFor();
    expect(await problem.textContent()).toContain('What you see is what we last heard.');
    expect(await row.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Act / Assess: back on the network
    await restore();
    await problem.getByRole('button', { name: 'Try again' }).click();
    await problem.waitFor({ state: 'detached' });
    expect(await row.isVisible()).toBe(true);
    expect(pageErrors(page)).toEqual([]);
  });
});

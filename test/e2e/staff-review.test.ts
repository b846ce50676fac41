/**
 * The credentialing team's journey in Chromium: Emily submits five documents in the portal; staff
 * find them in the queue, preview a PDF and an image, reject one with a reason, verify the rest,
 * see what Emily will receive, and complete; Emily sees the decision and the reason (as text),
 * gets the email, and starts a replacement. Providers get a plain "not for you" on staff pages.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { documentItem, fiveDocuments, fillDocument, openUpload, signInAndWait, submissionIdFromUrl, waitForOutcome } from './support/portal.js';
import { labelsBesideSavedMessage, reviewCard } from './support/review.js';
import { EMILY, STAFF, mailbox } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession();
const { stack } = session;
// Her license is one no other file sends (Emily's account is shared): the replacement is of this one alone.
const LICENSE_NUMBER = `A${String(Date.now()).slice(-6)}`;
const documents = () => fiveDocuments().map((fixture) => (fixture.title === 'Medical License' ? { ...fixture, fields: { ...fixture.fields, 'License number': LICENSE_NUMBER } } : fixture));
const REASON = '<b>Blurred</b> scan: the license number is unreadable. Please send a clear copy of both pages.';
const PDF_VIEWER = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';
let reference = '';
let submissionId = '';
let staff: Page;
const cspViolations: string[] = [];

async function decide(page: Page, type: string, decision: 'Verify' | 'Reject', rejection?: { code: string; reason: string }) {
  const card = reviewCard(page, type);
  await card.getByRole('radio', { name: decision }).check();
  if (rejection) {
    await card.getByLabel('What is wrong').selectOption({ label: rejection.code });
    await card.getByLabel('Reason the provider will read').fill(rejection.reason);
  }
  const labelsBesideSaved = await labelsBesideSavedMessage(card);
  await card.getByRole('button', { name: /^(Save|Change) decision/ }).click();
  await card.getByText(`${decision === 'Verify' ? 'Verification' : 'Rejection'} of the ${type} saved.`).waitFor();
  // From the moment the message shows, the button beside it reads what the saved decision makes it, never "Saving…".
  expect(new Set(await labelsBesideSaved())).toEqual(new Set([`Change decision on the ${type}`]));
}

describe('Emily submits her documents', () => {
  it('sends all five through the portal and gets a reference number', async () => {
    await signInAndWait(session.page, stack, EMILY);
    await openUpload(session.page);
    for (const fixture of documents()) await fillDocument(session.page, fixture);
    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();
    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
    reference = (await session.page.getByTestId('reference-number').textContent())!;
    submissionId = submissionIdFromUrl(session.page);
    await session.page.getByRole('button', { name: 'Sign out' }).click();
  });
});

describe('the credentialing team', () => {
  it('finds the submission in the review queue, oldest first, with days waiting and the due date', async () => {
    ({ page: staff } = await newPage(session.browser));
    staff.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    await signInAndWait(staff, stack, STAFF);
    await staff.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    const row = staff.getByRole('row').filter({ hasText: reference });
    await row.waitFor();
    expect(await row.textContent()).toContain('Emily Johnson');
    expect(await row.textContent()).toContain('emily.johnson@example.org');
    expect(await row.textContent()).toContain('0 days');
    expect(await row.getByText('Received', { exact: true }).count()).toBe(1);
    expect(await staff.getByText('Not submitted yet').count()).toBe(0);

    // Filters and search
    await staff.getByLabel('Find by reference, provider name or email').fill('emily.johnson');
    await row.waitFor();
    await staff.getByLabel('Find by reference, provider name or email').fill('nobody-by-this-name');
    await staff.getByText('No submission waiting for review matches your search.').waitFor();
    await staff.getByLabel('Find by reference, provider name or email').fill('');
    await staff.getByLabel('Status').selectOption('IN_REVIEW');
    await staff.getByRole('row').filter({ hasText: reference }).waitFor({ state: 'detached' });
    await staff.getByLabel('Status').selectOption('');
    await staff.getByLabel('Document type').selectOption('DEA_REGISTRATION');
    await row.waitFor();
    await staff.getByLabel('Document type').selectOption('');
    await row.waitFor();

    await screenshot(staff, 'review-queue', { copyTo: 'docs/review-queue.png' });
    expect(await axeViolations(staff)).toEqual([]);
  });

  it('opens the submission and previews a PDF and an image inline', async () => {
    await staff.getByRole('link', { name: reference }).click();
    await staff.getByRole('heading', { name: `Review ${reference}`, level: 1 }).waitFor();
    await staff.getByText('emily.johnson@example.org').first().waitFor();

    const license = reviewCard(staff, 'Medical License');
    await license.getByRole('button', { name: 'Show preview of the Medical License' }).click();
    const frame = license.getByTestId('pdf-preview');
    await frame.waitFor();
    // Chromium's PDF viewer loads inside the frame: the PDF is rendered, not offered as a download.
    await expect.poll(() => staff.frames().some((f) => f.url().startsWith(PDF_VIEWER)), { timeout: 15_000 }).toBe(true);
    expect(new URL((await frame.getAttribute('src'))!).searchParams.get('response-content-disposition')).toMatch(/^inline; filename="CA-medical-license.pdf"/);

    const board = reviewCard(staff, 'Board Certification');
    await board.getByRole('button', { name: 'Show preview of the Board Certification' }).click();
    const image = board.getByTestId('image-preview');
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(640);
    expect(await reviewCard(staff, 'Curriculum Vitae').getByText('This format cannot be shown in the browser. Download it to open it.').isVisible()).toBe(true);
    await license.scrollIntoViewIfNeeded();
    await screenshot(staff, 'review-preview');
    expect(cspViolations).toEqual([]);
  });

  it('rejects the license with a reason, verifies the others, and can change its mind before completing', async () => {
    await decide(staff, 'Medical License', 'Reject', { code: 'Illegible', reason: REASON });
    await decide(staff, 'Board Certification', 'Reject', { code: 'Other', reason: 'Second thoughts.' });
    await decide(staff, 'Board Certification', 'Verify');
    for (const type of ['DEA Registration', 'Curriculum Vitae', 'Malpractice Insurance']) await decide(staff, type, 'Verify');
    const summary = reviewCard(staff, 'Medical License').locator('.decision-summary');
    expect(await summary.textContent()).toContain('Rejected — Illegible');
    expect(await summary.locator('b').count()).toBe(0); // the reason is text, never markup
    expect(await summary.textContent()).toContain(REASON);
    await staff.evaluate(() => window.scrollTo(0, 0));
    // The PDF viewer repaints after scrolling.
    await screenshot(staff, 'review-screen', { copyTo: 'docs/review-screen.png', settleMs: 1000 });
    expect(await axeViolations(staff)).toEqual([]);
  });

  it('shows what Emily will receive before sending, then completes the review', async () => {
    await staff.getByRole('button', { name: 'Complete review…' }).click();
    const preview = staff.getByRole('heading', { name: 'What Emily Johnson will receive' });
    await preview.waitFor();
    const panel = staff.locator('.complete__preview');
    expect(await panel.textContent()).toContain('emily.johnson@example.org');
    expect(await panel.textContent()).toContain('Action required: one document needs a replacement.');
    expect(await panel.textContent()).toContain(`Reason: ${REASON}`);
    await staff.locator('.complete').scrollIntoViewIfNeeded();
    await screenshot(staff, 'review-complete', { copyTo: 'docs/review-complete.png' });
    expect(await axeViolations(staff)).toEqual([]);

    await staff.getByRole('button', { name: 'Send the outcome' }).click();
    await staff.getByRole('heading', { name: 'Review completed' }).waitFor();
    expect(await staff.getByRole('region', { name: 'Review completed' }).textContent()).toContain('Action required.');
    expect(await staff.getByRole('radio').count()).toBe(0); // decisions are final now

    const audit = staff.getByRole('region', { name: 'Audit trail' });
    await audit.getByText('The audit trail is intact').waitFor();
    await audit.getByText('Completed the review: action required').waitFor();
    expect(await audit.getByText(/^Rejected Medical License \(CA-medical-license\.pdf\) \(Illegible\)/).count()).toBe(1);
    expect(await audit.getByText('Previewed Medical License (CA-medical-license.pdf)').count()).toBe(1);
    await audit.getByText('Outcome email sent').waitFor();
    expect(pageErrors(staff)).toEqual([]);
  });
});

describe('Emily, after the review', () => {
  it('sees each decision and the reason as text, and gets one email with it', async () => {
    await signInAndWait(session.page, stack, EMILY);
    await session.page.goto(`${stack.portalUrl}/submissions/${submissionId}`);
    await session.page.getByRole('heading', { name: 'Action required', level: 1 }).waitFor();
    const license = documentItem(session.page, 'Medical License');
    await license.getByText('Not verified.').waitFor();
    expect(await license.locator('.doc-item__reason').textContent()).toBe(REASON);
    expect(await license.locator('.doc-item__reason b').count()).toBe(0);
    expect(await documentItem(session.page, 'DEA Registration').getByText(/^Verified by the credentialing team on/).count()).toBe(1);
    await license.scrollIntoViewIfNeeded();
    await screenshot(session.page, 'provider-decision', { copyTo: 'docs/provider-decision.png' });
    expect(await axeViolations(session.page)).toEqual([]);

    const emails = (await mailbox(stack)).filter((email) => email.subject.includes(reference) && email.subject.startsWith('Action needed'));
    expect(emails).toHaveLength(1);
    expect(emails[0]!.destination.to).toEqual([EMILY]);
    expect(emails[0]!.body.text).toContain(`Reason: ${REASON}`);
    expect(emails[0]!.body.html).not.toContain('<b>Blurred</b>');
  });

  it('starts a replacement prefilled with the rejected document\'s type and details', async () => {
    await documentItem(session.page, 'Medical License').getByRole('link', { name: 'Send a replacement for the Medical License' }).click();
    await session.page.getByRole('heading', { name: /^Replace your Medical License/, level: 1 }).waitFor();
    expect(new URL(session.page.url()).search).toMatch(/^\?replaces=[0-9a-f-]{36}$/);
    const card = session.page.getByRole('region', { name: 'Medical License', exact: true });
    await card.getByText(/^Replaces your Medical License/).waitFor();
    expect(await card.getByText(/^On file: CA-medical-license\.pdf/).count()).toBe(1);
    expect(await card.getByText(`The credentialing team's reason: ${REASON}`).count()).toBe(1);
    expect(await card.getByLabel('License number').inputValue()).toBe(LICENSE_NUMBER);
    expect(await card.getByLabel('Issuing authority').inputValue()).toBe('Medical Board of California');
    expect(await session.page.getByRole('region', { name: 'Medical License', exact: true }).count()).toBe(1);
    expect(await axeViolations(session.page)).toEqual([]);
  });

  it('is told plainly that the staff pages are not for her', async () => {
    for (const path of ['/review', '/staff', '/admin', `/review/${submissionId}`]) {
      await session.page.goto(`${stack.portalUrl}${path}`);
      await session.page.getByRole('heading', { name: 'This page is for the credentialing team', level: 1 }).waitFor();
      expect(await session.page.getByRole('link', { name: 'Go to my submissions' }).count()).toBe(1);
    }
    expect(await axeViolations(session.page)).toEqual([]);
    expect(pageErrors(session.page)).toEqual([]);
  });
});

describe('staff pages', () => {
  it('gives staff real pages at /review, /staff and /admin, and shows a submission as staff see it', async () => {
    for (const [path, heading] of [
      ['/review', 'Review queue'],
      ['/staff', 'All submissions'],
      ['/admin', 'Administration'],
    ] as const) {
      await staff.goto(`${stack.portalUrl}${path}`);
      await staff.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(await axeViolations(staff)).toEqual([]);
    }
    await staff.getByRole('link', { name: 'All submissions' }).first().click();
    await staff.getByRole('row').filter({ hasText: reference }).waitFor();
    // Every status the filter offers is one the API lists (a status it refuses would show staff an error).
    const filter = staff.getByLabel('Status', { exact: true });
    const offered = (await filter.locator('option').allTextContents()).filter((label) => label !== 'Any status');
    expect(offered).not.toContain('Discarded');
    for (const label of offered) {
      const [answer] = await Promise.all([staff.waitForResponse((response) => response.url().includes('/submissions?status=')), filter.selectOption({ label })]);
      expect({ label, status: answer.status() }).toEqual({ label, status: 200 });
    }
    await filter.selectOption({ label: 'Any status' });
    await staff.goto(`${stack.portalUrl}/submissions/${submissionId}`);
    await staff.getByRole('heading', { name: 'Action required', level: 1 }).waitFor();
    expect(await staff.getByText(/We sent a confirmation email|Thank you/).count()).toBe(0);
    expect(await staff.getByText('emily.johnson@example.org').count()).toBeGreaterThan(0);
    expect(pageErrors(staff)).toEqual([]);
  });
});

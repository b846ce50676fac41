/**
 * Emily's whole journey in Chromium against the local system: sign in, five real documents
 * (plus a second license), progress, confirmation with reference and date, the same reference in
 * the email and on her status page; Michael cannot see it; staff get their page; phone width.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { REFERENCE_PATTERN } from '../../src/domain/reference-number.js';
import { PHONE, axeViolations, launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import {
  card,
  documentItem,
  fiveDocuments,
  fillDocument,
  isoDaysFromToday,
  openUpload,
  signIn,
  signInAndWait,
  submissionIdFromUrl,
  tiff,
  waitForOutcome,
} from './support/portal.js';
import { EMILY, MICHAEL, STAFF, mailbox } from './support/stack.js';

const stack = inject('stack');
let browser: Browser;
let emily: Page;
let reference = '';
let submissionId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page: emily } = await newPage(browser));
  await emily.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.portalUrl });
});

afterAll(async () => {
  await browser?.close();
});

describe('Emily, a provider', () => {
  it('is told clearly when her password is wrong, then signs in', async () => {
    await emily.goto(stack.portalUrl);
    await screenshot(emily, 'sign-in');
    expect(await axeViolations(emily)).toEqual([]);

    await signIn(emily, stack, EMILY, 'not-her-password');
    await emily.getByText('The email or password is not correct. Check them and try again.').waitFor();
    await screenshot(emily, 'sign-in-wrong-password');

    await signIn(emily, stack, EMILY);
    await emily.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
    expect(await emily.getByRole('link', { name: 'Upload Documents' }).first().isVisible()).toBe(true);
    await emily.getByRole('navigation', { name: 'Main' }).getByText('Emily Johnson').waitFor();
    await screenshot(emily, 'home');
    expect(await axeViolations(emily)).toEqual([]);
  });

  it('fills all five documents and a second license, with the checklist tracking what is missing', async () => {
    await openUpload(emily);
    const checklist = emily.getByRole('region', { name: 'Your documents' });
    await checklist.getByText('5 of 5 still missing').waitFor();
    expect(await axeViolations(emily)).toEqual([]);

    const documents = fiveDocuments();
    for (const [index, fixture] of documents.entries()) {
      await fillDocument(emily, fixture);
      await checklist.getByText(index === 4 ? 'All five documents are ready.' : `${4 - index} of 5 still missing`).waitFor();
    }
    // Name and size of each chosen file are shown.
    const license = card(emily, 'Medical License');
    expect(await license.getByText('CA-medical-license.pdf').isVisible()).toBe(true);
    expect(await license.getByText(/\d+(\.\d)? KB|\d+ bytes/).isVisible()).toBe(true);
    // A CV has no expiration date at all; a board certificate's is optional.
    expect(await card(emily, 'Curriculum Vitae').getByLabel(/Expiration date/).count()).toBe(0);
    expect(await card(emily, 'Board Certification').getByLabel('Expiration date (optional)').count()).toBe(1);

    await emily.getByRole('button', { name: '+ Add another medical license' }).click();
    await fillDocument(emily, {
      title: 'Medical License 2',
      file: tiff('NY-medical-license.tiff'),
      fields: {
        'Issuing authority': 'New York State Education Department',
        'Issue date': isoDaysFromToday(-5 * 365),
        'Expiration date': isoDaysFromToday(300),
        'License number': '287654',
        State: 'NY',
      },
    });
    await emily.evaluate(() => window.scrollTo(0, 0));
    await screenshot(emily, 'upload-filled', { copyTo: 'docs/upload.png' });
    await screenshot(emily, 'upload-filled-full', { fullPage: true });
    expect(await axeViolations(emily)).toEqual([]);
  });

  it('sees a progress bar per file and overall, then "Validating your documents…", then the confirmation', async () => {
    // Hold each upload briefly so the progress is on screen long enough to look at.
    await emily.route(`${stack.s3Url}/**`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.continue();
    });
    await emily.getByRole('button', { name: 'Submit 6 documents' }).click();

    const overall = emily.getByRole('progressbar', { name: 'Overall progress' });
    await overall.waitFor();
    for (const name of ['CA-medical-license.pdf', 'ABIM-certificate.png', 'DEA-registration.jpg', 'Emily-Johnson-CV.docx', 'malpractice-certificate.pdf', 'NY-medical-license.tiff']) {
      expect(await emily.getByRole('progressbar', { name, exact: true }).count()).toBe(1);
    }
    await emily.getByText('Uploaded', { exact: true }).first().waitFor();
    await screenshot(emily, 'upload-progress');

    await emily.waitForURL(/\/submissions\//);
    submissionId = submissionIdFromUrl(emily);
    await emily.unroute(`${stack.s3Url}/**`);
    if (await emily.getByText('Validating your documents…').first().isVisible()) await screenshot(emily, 'validating');

    expect(await waitForOutcome(emily)).toBe('RECEIVED');
    reference = (await emily.getByTestId('reference-number').textContent()) ?? '';
    expect(reference).toMatch(REFERENCE_PATTERN);
    const estimated = (await emily.getByTestId('estimated-date').textContent()) ?? '';
    expect(estimated).toMatch(/^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, 20\d\d$/);
    expect(await emily.getByText(/We sent a confirmation email/).isVisible()).toBe(true);
    for (const type of ['Medical License', 'Board Certification', 'DEA Registration', 'Curriculum Vitae', 'Malpractice Insurance']) {
      expect(await documentItem(emily, type).first().getByText('Received').isVisible()).toBe(true);
    }
    expect(await emily.locator('li.doc-item').count()).toBe(6);
    await screenshot(emily, 'confirmation', { copyTo: 'docs/confirmation.png' });
    await screenshot(emily, 'confirmation-full', { fullPage: true });
    expect(await axeViolations(emily)).toEqual([]);

    await emily.getByRole('button', { name: 'Copy reference number' }).click();
    await emily.getByRole('button', { name: 'Copied reference number' }).waitFor();
    expect(await emily.evaluate(() => navigator.clipboard.readText())).toBe(reference);
  });

  it('gets the same reference number by email', async () => {
    let found: Awaited<ReturnType<typeof mailbox>>[number] | undefined;
    for (let attempt = 0; attempt < 40 && !found; attempt++) {
      found = (await mailbox(stack)).find((email) => email.destination.to.some((to) => to.includes(EMILY)) && `${email.subject} ${email.body.text ?? ''}`.includes(reference));
      if (!found) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(found, `an email to ${EMILY} naming ${reference}`).toBeDefined();
    expect(`${found!.body.text ?? ''}${found!.body.html ?? ''}`).toContain(reference);
  });

  it('finds the submission in her list and by reference number, on a status page with the same reference', async () => {
    await emily.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    const row = emily.getByRole('row').filter({ hasText: reference });
    await row.waitFor();
    expect(await row.getByText('Received').isVisible()).toBe(true);
    expect(await row.getByRole('cell').last().textContent()).toBe('6');
    await screenshot(emily, 'home-with-submission');

    await row.getByRole('link', { name: reference }).click();
    await emily.waitForURL(`**/submissions/${submissionId}`);
    expect(await emily.getByTestId('reference-number').textContent()).toBe(reference);

    await emily.getByRole('link', { name: 'My submissions' }).first().click();
    await emily.getByLabel('Find by reference number').fill(reference.toLowerCase().replace(/-/g, ' '));
    await emily.getByRole('button', { name: 'Find' }).click();
    await emily.waitForURL(`**/reference/${reference}`);
    expect(await emily.getByTestId('reference-number').textContent()).toBe(reference);
    expect(await documentItem(emily, 'DEA Registration').getByText('AB1234563').isVisible()).toBe(true);
    await screenshot(emily, 'status-by-reference', { fullPage: true });
    expect(await axeViolations(emily)).toEqual([]);
  });

  it('reads well at phone width', async () => {
    const { page, context } = await newPage(browser, PHONE);
    await page.goto(`${stack.portalUrl}/submissions/${submissionId}`);
    await signIn(page, stack, EMILY);
    await page.getByTestId('reference-number').waitFor();
    expect(await page.getByTestId('reference-number').textContent()).toBe(reference);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'confirmation-phone');
    await openUpload(page);
    await card(page, 'Medical License').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'upload-phone');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('never hit an uncaught error in the page', () => {
    expect(pageErrors(emily)).toEqual([]);
  });
});

describe('Michael, another provider', () => {
  it("cannot open Emily's status page, by id or by reference", async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.portalUrl}/submissions/${submissionId}`);
    await signIn(page, stack, MICHAEL);
    await page.getByRole('heading', { name: 'Submission not found', level: 1 }).waitFor();
    expect(await page.getByText(reference).count()).toBe(0);
    await screenshot(page, 'not-found');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${stack.portalUrl}/reference/${reference}`);
    await page.getByRole('heading', { name: 'Submission not found', level: 1 }).waitFor();

    await page.goto(stack.portalUrl);
    await page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Submissions' }).getByText(/not submitted any documents|Not submitted yet|CRD-/).first().waitFor();
    expect(await page.getByText(reference).count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('Credentialing staff', () => {
  it('get a clear staff page listing incoming submissions, never a broken page', async () => {
    const { page, context } = await newPage(browser);
    await signInAndWait(page, stack, STAFF);
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    expect(await page.getByText('The staff review view is coming soon.').isVisible()).toBe(true);
    await page.getByRole('row').filter({ hasText: reference }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Upload documents' }).count()).toBe(0);
    await screenshot(page, 'staff-queue');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${stack.portalUrl}/upload`);
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

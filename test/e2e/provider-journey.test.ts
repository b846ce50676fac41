/**
 * Emily's whole journey in Chromium against the local system: sign in, five real documents
 * (plus a second license), progress, confirmation with reference and date, the same reference in
 * the email and on her status page; Michael cannot see it; staff get their page; phone width.
 */
import { describe, expect, it } from 'vitest';
import { REFERENCE_PATTERN } from '../../src/domain/reference-number.js';
import { PHONE, axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import {
  card,
  documentItem,
  errorText,
  field,
  fillFields,
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
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ prepare: (page) => page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.stack.portalUrl }) });
const { stack } = session;
let reference = '';
let submissionId = '';



describe('Emily, a provider', () => {
  it('is told clearly when her password is wrong, then signs in', async () => {
    await session.page.goto(stack.portalUrl);
    await screenshot(session.page, 'sign-in');
    expect(await axeViolations(session.page)).toEqual([]);

    await signIn(session.page, stack, EMILY, 'not-her-password');
    await session.page.getByText('The email or password is not correct. Check them and try again.').waitFor();
    await screenshot(session.page, 'sign-in-wrong-password');

    await signIn(session.page, stack, EMILY);
    await session.page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
    expect(await session.page.getByRole('link', { name: 'Upload documents' }).first().isVisible()).toBe(true);
    await session.page.getByRole('navigation', { name: 'Main' }).getByText('Emily Johnson').waitFor();
    await screenshot(session.page, 'home');
    expect(await axeViolations(session.page)).toEqual([]);
  });

  it('fills all five documents and a second license, with the checklist tracking what is missing', async () => {
    await openUpload(session.page);
    const checklist = session.page.getByRole('region', { name: 'Your documents' });
    await checklist.getByText('5 of 5 still missing').waitFor();
    expect(await axeViolations(session.page)).toEqual([]);

    const documents = fiveDocuments();
    for (const [index, fixture] of documents.entries()) {
      await fillDocument(session.page, fixture);
      await checklist.getByText(index === 4 ? 'Files chosen for all five documents.' : `${4 - index} of 5 still missing`).waitFor();
    }
    // Name and size of each chosen file are shown.
    const license = card(session.page, 'Medical License');
    expect(await license.getByText('CA-medical-license.pdf').isVisible()).toBe(true);
    expect(await license.getByText(/\d+(\.\d)? KB|\d+ bytes/).isVisible()).toBe(true);
    // A CV has no expiration date at all; a board certificate's is optional.
    expect(await card(session.page, 'Curriculum Vitae').getByLabel(/Expiration date/).count()).toBe(0);
    expect(await card(session.page, 'Board Certification').getByLabel('Expiration date (optional)').count()).toBe(1);

    await session.page.getByRole('button', { name: 'Add another Medical License' }).click();
    await fillDocument(session.page, {
      title: 'Medical License 2',
      file: tiff('NY-medical-license.tiff'),
      fields: {
        'Issuing authority': 'New York State Education Department',
        'Issue date': isoDaysFromToday(-5 * 365),
        'Expiration date': isoDaysFromToday(300),
        'License number': 'a-123 456',
        State: 'CA',
      },
    });
    // The same license twice (its back, say) is refused at the later card before anything is sent.
    await session.page.getByRole('button', { name: 'Submit 6 documents' }).click();
    const message = 'Another document of this submission is this Medical License, with the same state and license number. Send each credential once: put all its pages or sides in one file.';
    const repeated = card(session.page, 'Medical License 2').getByText(message);
    await repeated.waitFor();
    expect(await errorText(field(card(session.page, 'Medical License 2'), 'License number'))).toBe(message);
    expect(session.page.url()).toMatch(/\/upload/);
    await fillFields(session.page, 'Medical License 2', { 'License number': '287654', State: 'NY' });
    await repeated.waitFor({ state: 'detached' });
    await session.page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(session.page, 'upload-filled', { copyTo: 'docs/upload.png' });
    await screenshot(session.page, 'upload-filled-full', { fullPage: true });
    expect(await axeViolations(session.page)).toEqual([]);
  });

  it('sees a progress bar per file and overall, then "Validating your documents…", then the confirmation', async () => {
    // Hold the uploads until the progress on screen has been looked at.
    let release!: () => void;
    const looked = new Promise<void>((resolve) => (release = resolve));
    await session.page.route(`${stack.s3Url}/**`, async (route) => {
      await looked;
      await route.continue();
    });
    await session.page.getByRole('button', { name: 'Submit 6 documents' }).click();

    try {
      const overall = session.page.getByRole('progressbar', { name: 'Overall progress' });
      await overall.waitFor();
      for (const name of ['CA-medical-license.pdf', 'ABIM-certificate.png', 'DEA-registration.jpg', 'Emily-Johnson-CV.docx', 'malpractice-certificate.pdf', 'NY-medical-license.tiff']) {
        expect(await session.page.getByRole('progressbar', { name, exact: true }).count()).toBe(1);
      }
    } finally {
      release(); // a failed look must not leave the uploads held for the next tests
    }
    await session.page.getByText('Uploaded', { exact: true }).first().waitFor();
    await screenshot(session.page, 'upload-progress');

    await session.page.waitForURL(/\/submissions\//);
    submissionId = submissionIdFromUrl(session.page);
    await session.page.unroute(`${stack.s3Url}/**`);
    if (await session.page.getByText('Validating your documents…').first().isVisible()) await screenshot(session.page, 'validating');

    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
    reference = (await session.page.getByTestId('reference-number').textContent()) ?? '';
    expect(reference).toMatch(REFERENCE_PATTERN);
    const estimated = (await session.page.getByTestId('estimated-date').textContent()) ?? '';
    expect(estimated).toMatch(/^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, 20\d\d$/);
    expect(await session.page.getByText(/We sent a confirmation email/).isVisible()).toBe(true);
    for (const type of ['Medical License', 'Board Certification', 'DEA Registration', 'Curriculum Vitae', 'Malpractice Insurance']) {
      expect(await documentItem(session.page, type).first().getByText('Received').isVisible()).toBe(true);
    }
    expect(await session.page.locator('li.doc-item').count()).toBe(6);
    await screenshot(session.page, 'confirmation', { copyTo: 'docs/confirmation.png' });
    await screenshot(session.page, 'confirmation-full', { fullPage: true });
    expect(await axeViolations(session.page)).toEqual([]);

    await session.page.getByRole('button', { name: 'Copy reference number' }).click();
    await session.page.getByRole('button', { name: 'Copied reference number' }).waitFor();
    expect(await session.page.evaluate(() => navigator.clipboard.readText())).toBe(reference);
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
    await session.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    const row = session.page.getByRole('row').filter({ hasText: reference });
    await row.waitFor();
    expect(await row.getByText('Received').isVisible()).toBe(true);
    expect(await row.getByRole('cell').last().textContent()).toBe('6');
    await screenshot(session.page, 'home-with-submission');

    await row.getByRole('link', { name: reference }).click();
    await session.page.waitForURL(`**/submissions/${submissionId}`);
    expect(await session.page.getByTestId('reference-number').textContent()).toBe(reference);

    await session.page.getByRole('link', { name: 'My submissions' }).first().click();
    await session.page.getByLabel('Find by reference number').fill(reference.toLowerCase().replace(/-/g, ' '));
    await session.page.getByRole('button', { name: 'Find' }).click();
    await session.page.waitForURL(`**/reference/${reference}`);
    expect(await session.page.getByTestId('reference-number').textContent()).toBe(reference);
    expect(await documentItem(session.page, 'DEA Registration').getByText('AB1234563').isVisible()).toBe(true);
    await screenshot(session.page, 'status-by-reference', { fullPage: true });
    expect(await axeViolations(session.page)).toEqual([]);
  });

  it('reads well at phone width', async () => {
    const { page, context } = await newPage(session.browser, PHONE);
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
    expect(pageErrors(session.page)).toEqual([]);
  });
});

describe('Michael, another provider', () => {
  it("cannot open Emily's status page, by id or by reference", async () => {
    const { page, context } = await newPage(session.browser);
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
  it('get the review queue listing incoming submissions, never a broken page', async () => {
    const { page, context } = await newPage(session.browser);
    await signInAndWait(page, stack, STAFF);
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
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

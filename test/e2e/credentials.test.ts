/**
 * Credentials over time in the browser: Emily is warned before submitting a license that expires
 * in 20 days; the daily job reminds her and marks her expiring-today malpractice policy expired;
 * "My credentials" shows both; she renews the license from the reminder's link (the form comes
 * prefilled) and the old license shows as replaced in its history. Staff open her page from the
 * weekly digest. Axe-clean, and at phone width.
 */
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isoDateInZone } from '../../src/domain/dates.js';
import { runExpiryDigest, runExpiryReminders } from '../../testkit/expiry-jobs.js';
import { PHONE, axeViolations, launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { card, fillDocument, fillFields, openUpload, pdf, signInAndWait, waitForOutcome } from './support/portal.js';
import { useBrowserSession } from './support/session.js';
import { EMILY, STAFF, apiSignIn, mailbox } from './support/stack.js';
import { callApi } from '../../testkit/local-api.js';

const session = useBrowserSession({ signedInAs: EMILY });
const { stack } = session;
// Days as the browser counts them (its time zone is America/Chicago); the jobs run for the same dates.
const TODAY = isoDateInZone(new Date(), 'America/Chicago');
const day = (days: number) => addDays(TODAY, days);
const LICENSE = { 'Issuing authority': 'Washington Medical Commission', 'License number': 'MD-60512345', State: 'WA' };
const written = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

const credential = (title: string) => session.page.getByTestId('credential').filter({ has: session.page.getByRole('heading', { name: title, exact: true }) });

describe('credentials over time', () => {
  it('warns before submitting a license that expires within 90 days, and accepts it', async () => {
    await openUpload(session.page);
    for (const title of ['Board Certification', 'DEA Registration', 'Curriculum Vitae']) {
      await session.page.getByRole('button', { name: `Remove ${title}` }).click();
    }
    await fillDocument(session.page, { title: 'Medical License', file: pdf('WA-license-2025.pdf'), fields: { ...LICENSE, 'Issue date': day(-710), 'Expiration date': day(20) } });
    await fillDocument(session.page, {
      title: 'Malpractice Insurance',
      file: pdf('malpractice-2025.pdf'),
      fields: { 'Issuing authority': 'The Doctors Company', 'Policy start date': day(-365), 'Expiration date': day(1), 'Policy number': 'TDC-WA-7781' },
    });

    const warning = card(session.page, 'Medical License').getByRole('status').filter({ hasText: 'expires in 20 days' });
    expect(await warning.textContent()).toBe(`This Medical License expires in 20 days (${written(day(20))}). You can submit it; we will remind you to send the renewal.`);
    expect(await card(session.page, 'Malpractice Insurance').getByText('This Malpractice Insurance expires tomorrow').isVisible()).toBe(true);
    await screenshot(session.page, 'upload-expiry-warning');
    await session.page.getByRole('button', { name: 'Submit 2 documents' }).click();
    await session.page.waitForURL(/\/submissions\//);
    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
    // Reviewers see it flagged too: the same page shows the flag beside the date.
    expect(await session.page.locator('li.doc-item').filter({ hasText: 'WA-license-2025.pdf' }).getByText('Expires in 20 days').isVisible()).toBe(true);
  });

  it('shows the expiring license and the expired policy in "My credentials" after the daily job, with the reminder and the expired notice in the mailbox', async () => {
    // Act: the daily job today — once the workflow has put the license on the schedule (a step after
    // the status the page shows) — and tomorrow. `npm run job -- expiry-reminders --date …` does the same.
    const remindedOfBoth = async () => {
      await runExpiryReminders(stack, TODAY);
      return (await mailbox(stack)).filter((email) => /^Reminder: your (Medical License \(WA\)|Malpractice Insurance) expires/.test(email.subject)).length;
    };
    await expect.poll(remindedOfBoth, { timeout: 30_000 }).toBe(2);
    await runExpiryReminders(stack, day(1));
    const mail = (await mailbox(stack)).filter((email) => email.destination.to.includes(EMILY)).map((email) => email.subject);
    expect(mail).toEqual(
      expect.arrayContaining([
        `Reminder: your Medical License (WA) expires in 20 days — ${written(day(20))}`,
        `Reminder: your Malpractice Insurance expires tomorrow — ${written(day(1))}`,
        `Your Malpractice Insurance expired on ${written(day(1))} — please upload the renewal`,
      ]),
    );
    expect(mail.filter((subject) => subject.includes('(WA)'))).toHaveLength(1);

    await session.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    await session.page.getByRole('heading', { name: 'My credentials', level: 2 }).waitFor();
    const license = credential('Medical License (WA)');
    // The first read of "My credentials" starts its function's worker; with the whole suite running beside it that can take a while.
    await license.waitFor({ timeout: 60_000 });
    // "My credentials" counts days in the organisation's time zone (the stack's default, New York).
    const daysLeft = daysBetween(isoDateInZone(new Date(), 'America/New_York'), day(20));
    // Expiring soon does not hide where the license stands in review.
    expect(await license.locator('.credential__head .badge').allTextContents()).toEqual([`Expires in ${daysLeft} days`, 'In review']);
    expect(await license.getByRole('link', { name: 'Renew your Medical License (WA)' }).isVisible()).toBe(true);
    const policy = credential('Malpractice Insurance').filter({ hasText: 'TDC-WA-7781' });
    expect(await policy.locator('.badge').first().textContent()).toBe('Expired');
    expect(await policy.getByRole('link', { name: 'Renew your Malpractice Insurance' }).isVisible()).toBe(true);
    await screenshot(session.page, 'my-credentials', { fullPage: true, copyTo: 'docs/my-credentials.png' });
    expect(await axeViolations(session.page)).toEqual([]);
  });

  it('renews the license from the reminder link: the form is prefilled, and the old license shows as replaced in its history', async () => {
    // Prepare: the link in the reminder email
    const reminder = (await mailbox(stack)).find((email) => email.subject.startsWith('Reminder: your Medical License (WA)'))!;
    const link = /(http\S+\/upload\?replaces=[0-9a-f-]+)/.exec(reminder.body.text ?? '')![1]!;
    expect(reminder.body.html).toContain(`href="${link}"`);

    // Act
    await session.page.goto(link);
    await session.page.getByRole('heading', { name: 'Renew your Medical License (WA)', level: 1 }).waitFor();
    const form = card(session.page, 'Medical License');
    expect(await form.getByText('Renews your Medical License (WA)').isVisible()).toBe(true);
    expect(await form.getByLabel('License number').inputValue()).toBe('MD-60512345');
    expect(await form.getByLabel('State').inputValue()).toBe('WA');
    expect(await form.getByLabel('Issuing authority').inputValue()).toBe('Washington Medical Commission');
    expect(await form.getByLabel('Expiration date').inputValue()).toBe('');
    expect(await form.getByLabel('Document type').count()).toBe(0);
    await screenshot(session.page, 'renewal-form');
    expect(await axeViolations(session.page)).toEqual([]);
    await fillDocument(session.page, { title: 'Medical License', file: pdf('WA-license-2027.pdf'), fields: { 'Issue date': day(-1), 'Expiration date': day(730) } });
    await session.page.getByRole('button', { name: 'Submit 1 document' }).click();
    await session.page.waitForURL(/\/submissions\//);
    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
    expect(await session.page.getByText('Thank you — we have received your document. It is now waiting for review by the credentialing team.').isVisible()).toBe(true);

    // Assess: her credentials show the renewal as current, the old license in its history as replaced
    // The workflow supersedes the old license a moment after the confirmation shows.
    await session.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    const license = credential('Medical License (WA)');
    await expect
      .poll(async () => {
        await session.page.reload();
        await license.getByText('WA-license-2027.pdf').first().waitFor();
        return license.getByText('Replaced', { exact: true }).count();
      }, { timeout: 30_000 })
      .toBe(1);
    expect(await license.locator('.badge').first().textContent()).toBe('In review');
    await license.getByText(/^History \(2 versions\)/).click();
    const versions = license.getByRole('list', { name: 'Versions of Medical License (WA), newest first' }).getByRole('listitem');
    expect(await versions.count()).toBe(2);
    expect(await versions.nth(0).textContent()).toMatch(/WA-license-2027\.pdf.*Received.*\(current\)/);
    expect(await versions.nth(1).textContent()).toMatch(/WA-license-2025\.pdf.*Replaced/);
    await screenshot(session.page, 'credential-history');
    expect(await axeViolations(session.page)).toEqual([]);
    expect(pageErrors(session.page)).toEqual([]);
  });

  it('says, before she submits, that the same license added from the plain form is the renewal she sent, still in review', async () => {
    // Prepare: the plain upload form, the license card only
    const mine = await callApi({ apiUrl: stack.apiUrl }, 'GET', '/credentials', await apiSignIn(stack, EMILY));
    const renewal = (mine.body.credentials as { current: { fileName: string; referenceNumber: string; uploadedAt: string; submissionId: string } }[]).find((c) => c.current.fileName === 'WA-license-2027.pdf')!.current;
    await openUpload(session.page);
    for (const title of ['Board Certification', 'DEA Registration', 'Curriculum Vitae', 'Malpractice Insurance']) {
      await session.page.getByRole('button', { name: `Remove ${title}` }).click();
    }
    const form = card(session.page, 'Medical License');
    const notice = form.getByRole('note').filter({ hasText: 'You already sent' });

    // Act: another state's license, then hers, its number written differently
    await fillFields(session.page, 'Medical License', { ...LICENSE, State: 'OR' });
    const otherState = await notice.count();
    await fillFields(session.page, 'Medical License', { ...LICENSE, 'License number': 'md 60512345' });

    // Assess: nothing for Oregon; for hers, the renewal she sent last, still in review, with what happens if she sends this one
    expect(otherState).toBe(0);
    await notice.waitFor();
    const sentAt = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Chicago' }).format(new Date(renewal.uploadedAt));
    // Spaces normalized: ICU versions differ in the one before AM/PM.
    const spaced = (text: string | null) => (text ?? '').replace(/\s+/g, ' ');
    expect(spaced(await notice.textContent())).toBe(
      spaced(
        `You already sent this Medical License (WA)Sent on ${sentAt} under reference ${renewal.referenceNumber}, it is waiting for review. See that submission` +
          `If you send this one too, it takes the place of the one you sent then.If it is the same document, you do not need to send it again: remove this card.`,
      ),
    );
    expect(await notice.getByRole('link', { name: 'See that submission' }).getAttribute('href')).toBe(`/submissions/${renewal.submissionId}`);
    expect(await axeViolations(session.page)).toEqual([]);
    session.page.once('dialog', (dialog) => void dialog.accept());
    await session.page.getByRole('button', { name: 'Clear form' }).click();
    await notice.waitFor({ state: 'detached' });
  });

  it('reads well at phone width', async () => {
    const browser = await launchBrowser();
    try {
      const { page } = await newPage(browser, PHONE);
      await signInAndWait(page, stack, EMILY);
      await page.getByRole('heading', { name: 'My credentials', level: 2 }).waitFor();
      await page.getByTestId('credential').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, 'my-credentials-phone', { fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("lets staff open her credentials from the weekly digest, and see what expires soon across providers", async () => {
    const digest = await runExpiryDigest(stack, day(1));
    expect(digest).toMatchObject({ sent: true, expired: 1 });
    const email = (await mailbox(stack)).filter((e) => e.destination.to.includes('credentialing@example.org') && e.subject.startsWith('Weekly credentialing digest')).at(-1)!;
    const link = /(http\S+\/staff\/providers\/[0-9a-f-]+)/.exec(email.body.text ?? '')![1]!;

    const browser = await launchBrowser();
    try {
      const { page } = await newPage(browser);
      await signInAndWait(page, stack, STAFF);
      const mainNav = page.getByRole('navigation', { name: 'Main' });
      // Signed in, she is sent on to the queue's own address (a redirect after the first render).
      await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
      expect(await mainNav.locator('[aria-current="page"]').allTextContents()).toEqual(['Review queue']);
      await page.goto(link);
      await page.getByRole('heading', { name: 'Credentials of Emily Johnson', level: 1 }).waitFor();
      const license = page.getByTestId('credential').filter({ has: page.getByRole('heading', { name: 'Medical License (WA)', exact: true }) });
      await license.waitFor();
      expect(await license.getByRole('link', { name: /Renew/ }).count()).toBe(0);
      // Her page is reached from the queue or the digest, not from "All submissions".
      expect(await mainNav.locator('[aria-current="page"]').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Review queue' }).first().click();
      // The queue flags a submission whose document expires within 90 days.
      const queued = page.getByRole('table', { name: 'Submissions waiting for review, oldest first' }).getByRole('row').filter({ hasText: 'Emily Johnson' }).filter({ hasText: /Expires (tomorrow|in \d+ days)/ });
      await queued.first().waitFor();
      const expiring = page.getByRole('table', { name: /Documents expiring in the next 90 days/ });
      await expiring.waitFor();
      expect(await expiring.getByRole('row').filter({ hasText: 'Emily Johnson' }).count()).toBeGreaterThan(0);
      await screenshot(page, 'staff-expiring');
      expect(await axeViolations(page)).toEqual([]);

      // The renewal's review shows the license it takes the place of, and what changed
      const mine = await callApi({ apiUrl: stack.apiUrl }, 'GET', '/credentials', await apiSignIn(stack, EMILY));
      const renewed = (mine.body.credentials as { current: { submissionId: string; fileName: string } }[]).find((c) => c.current.fileName === 'WA-license-2027.pdf')!;
      await page.goto(`${stack.portalUrl}/review/${renewed.current.submissionId}`);
      const earlier = page.getByRole('region', { name: 'The version it takes the place of' });
      await earlier.waitFor();
      expect(await earlier.getByRole('paragraph').first().textContent()).toMatch(/^Takes the place of the version on file \(CRD-[A-Z0-9-]+\), replaced before its review was completed\.$/);
      expect(await earlier.getByRole('list', { name: 'What changed' }).getByRole('listitem').allTextContents()).toEqual([
        `Issue date: ${written(day(-710))} → ${written(day(-1))}`,
        `Expires: ${written(day(20))} → ${written(day(730))}`,
      ]);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

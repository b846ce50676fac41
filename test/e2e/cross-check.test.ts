/**
 * The cross-check as people see it, in Chromium (issue 12 §1): Michael sent his license PDF as his
 * DEA registration. The reviewer sees, beside each document, which details the file shows — the
 * license's all found, the DEA number not found, the blank scan unreadable. Michael sees a gentle
 * warning for the DEA number only, sends the right file as a newer version before review, and the
 * reviewer is told the document was replaced.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { crossCheckCorpus } from '../../testkit/cross-check-corpus.js';
import { submitReceived, testDocument } from '../../testkit/intake-documents.js';
import { axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { card, documentItem, field, signInAndWait, waitForOutcome } from './support/portal.js';
import { reviewCard } from './support/review.js';
import { MICHAEL, STAFF, apiSignIn } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: MICHAEL });
const { stack } = session;
const corpus = crossCheckCorpus();
const corpusDocument = (id: string) => corpus.find((doc) => doc.id.startsWith(id))!;
const WARNING = 'We could not find your DEA number FC3456781 in the file you uploaded — check that it is the right document.';
let submissionId = '';
let referenceNumber = '';
let staff: Page;
const dea = corpusDocument('07-dea');

const checkOn = (page: Page, type: string) => reviewCard(page, type).getByRole('region', { name: 'Checked against the file' });

describe('a file that does not show what she typed', () => {
  it('is shown to the reviewer per field, beside the preview: found, not found, or unreadable', async () => {
    // Prepare: the license PDF sent as the DEA registration, the license itself, a blank scan as the malpractice policy
    const [license, , malpractice, blank] = [corpusDocument('06-medical'), corpusDocument('07-dea'), corpusDocument('09-malpractice'), corpusDocument('43-blank')];
    const licenseBytes = await license.build();
    const asDocument = (facts: typeof license.facts, fileName: string, contentType: string, bytes: Uint8Array) => {
      const { documentType, ...details } = facts;
      return testDocument(documentType, fileName, contentType, bytes, details);
    };
    const received = await submitReceived(stack, await apiSignIn(stack, MICHAEL), [
      asDocument(dea.facts, 'DEA-registration.pdf', 'application/pdf', licenseBytes),
      asDocument(license.facts, 'NY-medical-license.pdf', 'application/pdf', licenseBytes),
      asDocument(malpractice.facts, 'malpractice-declarations.pdf', 'application/pdf', await blank.build()),
    ]);
    ({ submissionId, referenceNumber } = received);

    // Act
    ({ page: staff } = await newPage(session.browser));
    await signInAndWait(staff, stack, STAFF);
    await staff.goto(`${stack.portalUrl}/review/${submissionId}`);
    await staff.getByRole('heading', { name: `Review ${referenceNumber}`, level: 1 }).waitFor();

    // Assess (the checks finish within seconds of the submission; the page shows them on load)
    const unread = async () => {
      await staff.reload();
      await checkOn(staff, 'DEA Registration').waitFor();
      return staff.getByText('The file has not been read yet').count();
    };
    await expect.poll(unread, { timeout: 60_000, interval: 500 }).toBe(0);
    const deaCheck = checkOn(staff, 'DEA Registration');
    expect(await deaCheck.locator('.cross-check__field--not-found').filter({ hasText: 'DEA number' }).textContent()).toContain('FC3456781Not found in the file: check it yourself');
    // The license prints its own expiration date, labelled: a different one from the DEA registration's.
    expect(await deaCheck.getByText('The file shows something different from what was entered.').count()).toBe(1);
    expect(await deaCheck.locator('.cross-check__field--mismatch').filter({ hasText: 'Expires' }).textContent()).toMatch(/July 31, 2027The file shows “[^”]*2027” instead/);
    expect(await deaCheck.locator('.cross-check__field--match').filter({ hasText: 'Name' }).textContent()).toContain('Found in the file');
    expect(await checkOn(staff, 'Medical License').textContent()).toContain('Every detail below is printed in the file.');
    expect(await checkOn(staff, 'Medical License').locator('.cross-check__field--match').count()).toBe(license.expected.length);
    expect(await checkOn(staff, 'Malpractice Insurance').textContent()).toContain('No text could be read in this file');
    expect(await checkOn(staff, 'Malpractice Insurance').getByRole('listitem').count()).toBe(0);

    await reviewCard(staff, 'DEA Registration').getByRole('button', { name: 'Show preview of the DEA Registration' }).click();
    await reviewCard(staff, 'DEA Registration').getByTestId('pdf-preview').waitFor();
    await reviewCard(staff, 'DEA Registration').scrollIntoViewIfNeeded();
    await screenshot(staff, 'review-cross-check', { copyTo: 'docs/review-cross-check.png', settleMs: 1500 });
    expect(await axeViolations(staff)).toEqual([]);
    expect(pageErrors(staff)).toEqual([]);
  });

  it('warns Michael gently about the DEA number only, and lets him send the right file before review', async () => {
    // Act
    const page = session.page;
    await page.goto(`${stack.portalUrl}/submissions/${submissionId}`);
    await page.getByText(WARNING).waitFor({ timeout: 30_000 });

    // Assess: one warning, on the DEA registration; nothing for a matching or an unreadable file
    expect(await page.locator('.doc-item__check').count()).toBe(1);
    expect(await page.getByText('Please check one document below: the number you entered may not be in the file you sent.').count()).toBe(1);
    expect(await documentItem(page, 'DEA Registration').getByText(WARNING).count()).toBe(1);
    expect(await page.getByText('Not found in the file').count()).toBe(0); // reviewers' words, not hers
    await documentItem(page, 'DEA Registration').scrollIntoViewIfNeeded();
    await screenshot(page, 'cross-check-warning', { copyTo: 'docs/cross-check-warning.png' });
    expect(await axeViolations(page)).toEqual([]);

    // Act: send the right file
    await page.getByRole('link', { name: 'Send the right file for the DEA Registration' }).click();
    await page.getByRole('heading', { name: 'Replace your DEA Registration (NY)', level: 1 }).waitFor();
    const form = card(page, 'DEA Registration');
    expect(await form.getByText(WARNING).count()).toBe(1);
    expect(await field(form, 'DEA number').inputValue()).toBe('FC3456781');
    expect(await field(form, 'Expiration date').inputValue()).toBe(dea.facts.expirationDate);
    expect(await axeViolations(page)).toEqual([]);
    await form.locator('input[type="file"]').setInputFiles({ name: 'DEA-registration.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await dea.build()) });
    await page.getByRole('button', { name: 'Submit 1 document' }).click();

    // Assess: received as the next version, with no warning; the wrong file is marked replaced
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    await expect.poll(() => page.locator('.doc-item__check').count(), { timeout: 30_000 }).toBe(0);
    expect(await documentItem(page, 'DEA Registration').getByText('Replaces an earlier version of this document.').count()).toBe(1);
    // The old version is superseded by RecordCredentials, a step after RECEIVED: its page says so once that step ran.
    const replacedNote = documentItem(page, 'DEA Registration').getByText('Replaced by the newer version you sent — reviewed with that submission');
    await expect
      .poll(async () => {
        await page.goto(`${stack.portalUrl}/submissions/${submissionId}`);
        await documentItem(page, 'DEA Registration').waitFor();
        return replacedNote.count();
      }, { timeout: 30_000 })
      .toBe(1);
    expect(await page.locator('.doc-item__check').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });

  it('tells the reviewer of the first submission that the document was replaced', async () => {
    await staff.reload();
    await reviewCard(staff, 'DEA Registration').getByText('The provider has since sent a newer version of this document').waitFor();
    expect(await reviewCard(staff, 'DEA Registration').getByText('No decision needed: replaced.').count()).toBe(1);
    expect(await reviewCard(staff, 'DEA Registration').getByRole('button', { name: /decision on the DEA Registration/ }).count()).toBe(0);
    expect(await axeViolations(staff)).toEqual([]);
  });
});

/**
 * Words and numbers as a physician reads them: field messages named as she knows them, who
 * issues each document, dates and dollar amounts written out, one spelling of each action, the
 * office's real contact details wherever the portal tells her to contact it, and a confirmation
 * that reads right on every visit.
 */
import { describe, expect, it } from 'vitest';
import { PHONE, axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { card, documentItem, errorText, field, fiveDocuments, fillDocument, fillFields, officeContact, openUpload, signInAndWait, submissionIdFromUrl, waitForOutcome } from './support/portal.js';
import { EMILY } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: EMILY });
const { stack } = session;
let receivedId = '';

describe('the upload form', () => {
  it('names each problem as she would, and says who issues each kind of document', async () => {
    await openUpload(session.page);
    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();
    const dea = card(session.page, 'DEA Registration');
    await expect.poll(() => errorText(field(dea, 'DEA number'))).toBe('Enter the DEA number.');
    expect(await errorText(field(dea, 'State'))).toBe('Choose the state.');

    const hint = async (title: string) => (await card(session.page, title).locator('.field__hint').filter({ hasText: 'e.g.' }).first().textContent())?.trim();
    expect(await hint('Medical License')).toBe('The state medical board, e.g. Medical Board of California');
    expect(await hint('Board Certification')).toBe('The specialty board, e.g. American Board of Internal Medicine');
    expect(await hint('DEA Registration')).toBe('The agency, e.g. U.S. Drug Enforcement Administration');
    expect(await hint('Malpractice Insurance')).toBe('The insurer, e.g. The Doctors Company');
    expect(await session.page.getByText('Category:').count()).toBe(0);

    await fillFields(session.page, 'Medical License', { 'Issue date': '2020-01-01', 'Expiration date': '2025-06-30' });
    await expect.poll(() => errorText(field(card(session.page, 'Medical License'), 'Expiration date'))).toBe('This Medical License expired on June 30, 2025. Upload the current, renewed document.');
    await screenshot(session.page, 'plain-words-errors');
  });

  it('takes a coverage limit written "$1,000,000" and the submission shows it that way, with each date under its own name', async () => {
    const documents = fiveDocuments();
    documents[4]!.fields['Per-claim limit (USD)'] = '$1,000,000';
    documents[4]!.fields['Aggregate limit (USD)'] = '3,000,000';
    for (const fixture of documents) await fillDocument(session.page, fixture);
    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();
    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
    receivedId = submissionIdFromUrl(session.page);

    expect(await session.page.getByText('Thank you — we have received your 5 documents.', { exact: false }).isVisible()).toBe(true);
    const insurance = documentItem(session.page, 'Malpractice Insurance');
    expect(await insurance.getByText('$1,000,000', { exact: true }).isVisible()).toBe(true);
    expect(await insurance.getByText('$3,000,000', { exact: true }).isVisible()).toBe(true);
    expect(await insurance.getByRole('term').allTextContents()).toEqual(expect.arrayContaining(['Policy start date', 'Expires', 'Issued by']));
    expect(await documentItem(session.page, 'Curriculum Vitae').getByRole('term').allTextContents()).toEqual(['Date prepared']);
    const summary = session.page.getByRole('region', { name: 'Details' });
    expect(await summary.getByRole('term').allTextContents()).toEqual(expect.arrayContaining(['Created', 'Submitted']));
    expect(await summary.getByText('Started').count()).toBe(0);

    // A later visit: no "Thank you —", and the sentence still starts with a capital.
    await session.page.reload();
    await session.page.getByTestId('reference-number').waitFor();
    expect(await session.page.getByText('We have received your 5 documents.', { exact: false }).isVisible()).toBe(true);
    expect(await session.page.getByText('Thank you').count()).toBe(0);
    await screenshot(session.page, 'confirmation-later-visit', { fullPage: true });
    expect(await axeViolations(session.page)).toEqual([]);
  });
});

describe('the office', () => {
  it("is named with its email and phone in the footer and wherever the portal says to contact it", async () => {
    const office = await officeContact(stack);
    expect(office.contactEmail).toMatch(/@/);
    const footer = session.page.getByRole('contentinfo');
    expect(await footer.getByRole('link', { name: office.contactEmail }).getAttribute('href')).toBe(`mailto:${office.contactEmail}`);
    expect(await footer.getByRole('link', { name: office.contactPhone }).getAttribute('href')).toBe(`tel:${office.contactPhone.replace(/[^+\d]/g, '')}`);
    expect(await footer.textContent()).toContain(office.officeName);
    // The confirmation tells her to quote the reference when she contacts the office: it says how.
    const confirmation = session.page.getByRole('region', { name: 'Confirmation' });
    expect(await confirmation.getByRole('link', { name: office.contactEmail }).count()).toBe(1);
  });
});

describe('at phone width', () => {
  it('her list, the upload form and the confirmation fit the screen and pass axe', async () => {
    const { page, context } = await newPage(session.browser, PHONE);
    await signInAndWait(page, stack, EMILY);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.getByText('Loading your submissions…').waitFor({ state: 'hidden' });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'home-phone', { fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${stack.portalUrl}/submissions/${receivedId}`);
    await page.getByTestId('reference-number').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'confirmation-later-visit-phone', { fullPage: true });

    await openUpload(page);
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await page.getByRole('alert').filter({ hasText: 'to fix before submitting' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'upload-errors-phone');
    expect(await axeViolations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('one spelling', () => {
  it('calls the upload action "Upload documents" everywhere', async () => {
    await session.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    await session.page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
    const links = await session.page.getByRole('link', { name: /upload documents/i }).allTextContents();
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const text of links) expect(text.trim()).toBe('Upload documents');
    expect(pageErrors(session.page)).toEqual([]);
  });
});

/**
 * A document whose bytes are not what its name says (a PNG renamed .pdf) passes every check the
 * browser can make, is refused by the workflow, and is shown beside that document; Emily replaces
 * just that file and submits again without retyping anything.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { REFERENCE_PATTERN } from '../../src/domain/reference-number.js';
import { axeViolations, launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { card, chooseFile, documentItem, fiveDocuments, fillDocument, openUpload, pdf, png, signInAndWait, submissionIdFromUrl, waitForOutcome } from './support/portal.js';
import { EMILY } from './support/stack.js';

const stack = inject('stack');
let browser: Browser;
let page: Page;
let rejectedId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
  await signInAndWait(page, stack, EMILY);
});

afterAll(async () => {
  await browser?.close();
});

describe('a PNG renamed .pdf', () => {
  it('comes back REJECTED with its message beside that document', async () => {
    await openUpload(page);
    const [license, ...others] = fiveDocuments();
    const disguised = { ...png('scan.png'), name: 'medical-license.pdf', mimeType: 'application/pdf' };
    await fillDocument(page, { ...license!, file: disguised });
    for (const fixture of others) await fillDocument(page, fixture);
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();

    await page.waitForURL(/\/submissions\//);
    rejectedId = submissionIdFromUrl(page);
    expect(await waitForOutcome(page)).toBe('REJECTED');

    const refused = documentItem(page, 'Medical License');
    expect(await refused.getByText('Not accepted').isVisible()).toBe(true);
    const message = (await refused.getByRole('list', { name: 'Problems with Medical License' }).textContent()) ?? '';
    expect(message.length).toBeGreaterThan(20);
    expect(message).toMatch(/PNG|PDF/);
    // Only that document carries a problem; no reference number is issued for a refused submission.
    expect(await page.getByRole('list', { name: /^Problems with/ }).count()).toBe(1);
    expect(await page.getByTestId('reference-number').count()).toBe(0);
    await screenshot(page, 'rejected', { fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('is replaced by another file, and the resubmission is RECEIVED with everything else unchanged', async () => {
    const previousMessage = (await documentItem(page, 'Medical License').getByRole('list').first().textContent()) ?? '';
    await page.getByRole('link', { name: 'Replace files and submit again' }).click();
    await page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
    await page.getByText('Your previous submission was not accepted.').waitFor();

    const license = card(page, 'Medical License');
    expect(await license.getByText(previousMessage.trim()).isVisible()).toBe(true);
    expect(await license.getByText('Drag the file here, or').isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'Your documents' }).getByText('1 of 5 still missing').isVisible()).toBe(true);
    // The other documents keep their files and details.
    expect(await card(page, 'DEA Registration').getByText('DEA-registration.jpg').isVisible()).toBe(true);
    expect(await card(page, 'DEA Registration').getByLabel('DEA number').inputValue()).toBe('AB1234563');
    expect(await license.getByLabel('License number').inputValue()).toBe('A123456');
    await screenshot(page, 'resubmit-form');

    await chooseFile(page, 'Medical License', pdf('medical-license-rescan.pdf'));
    await page.getByRole('region', { name: 'Your documents' }).getByText('All five documents are ready.').waitFor();
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();

    await page.waitForURL((url) => url.pathname.startsWith('/submissions/') && !url.pathname.endsWith(rejectedId));
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    expect((await page.getByTestId('reference-number').textContent()) ?? '').toMatch(REFERENCE_PATTERN);
    expect(await documentItem(page, 'Medical License').getByText('medical-license-rescan.pdf').isVisible()).toBe(true);
    expect(await documentItem(page, 'DEA Registration').getByText('AB1234563').isVisible()).toBe(true);
    expect(await documentItem(page, 'Curriculum Vitae').getByText('Emily-Johnson-CV.docx').isVisible()).toBe(true);
    expect(await page.locator('li.doc-item').count()).toBe(5);
    await screenshot(page, 'resubmitted-confirmation');

    // The refused submission stays as it was, for the record.
    await page.goto(`${stack.portalUrl}/submissions/${rejectedId}`);
    expect(await waitForOutcome(page)).toBe('REJECTED');
    expect(pageErrors(page)).toEqual([]);
  });
});

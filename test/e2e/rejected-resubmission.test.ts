/**
 * A document whose bytes are not what its name says (a PNG renamed .pdf) passes every check the
 * session.browser can make, is refused by the workflow, and is shown beside that document; Emily replaces
 * just that file and submits again without retyping anything.
 */
import { describe, expect, it } from 'vitest';
import { REFERENCE_PATTERN } from '../../src/domain/reference-number.js';
import { PHONE, axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { card, chooseFile, documentItem, fiveDocuments, fillDocument, openUpload, pdf, png, signInAndWait, submissionIdFromUrl, waitForOutcome } from './support/portal.js';
import { EMILY } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: EMILY });
const { stack } = session;
let rejectedId = '';



describe('a PNG renamed .pdf', () => {
  it('comes back REJECTED with its message beside that document', async () => {
    await openUpload(session.page);
    const [license, ...others] = fiveDocuments();
    const disguised = { ...png('scan.png'), name: 'medical-license.pdf', mimeType: 'application/pdf' };
    await fillDocument(session.page, { ...license!, file: disguised });
    for (const fixture of others) await fillDocument(session.page, fixture);
    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();

    await session.page.waitForURL(/\/submissions\//);
    rejectedId = submissionIdFromUrl(session.page);
    expect(await waitForOutcome(session.page)).toBe('REJECTED');

    const refused = documentItem(session.page, 'Medical License');
    expect(await refused.getByText('Not accepted').isVisible()).toBe(true);
    const message = (await refused.getByRole('list', { name: 'Problems with Medical License' }).textContent()) ?? '';
    expect(message.length).toBeGreaterThan(20);
    expect(message).toMatch(/PNG|PDF/);
    // Only that document carries a problem; no reference number is issued for a refused submission.
    expect(await session.page.getByRole('list', { name: /^Problems with/ }).count()).toBe(1);
    expect(await session.page.getByTestId('reference-number').count()).toBe(0);
    // The others passed, but nothing was stored: they are not "Received".
    for (const type of ['Board Certification', 'DEA Registration', 'Curriculum Vitae', 'Malpractice Insurance']) {
      const passed = documentItem(session.page, type);
      expect(await passed.getByText('Passed checks', { exact: true }).isVisible(), type).toBe(true);
      expect(await passed.getByText('Will be sent with your replacement.').isVisible(), type).toBe(true);
      expect(await passed.getByText('Received', { exact: true }).count(), type).toBe(0);
    }
    await screenshot(session.page, 'rejected', { fullPage: true });
    expect(await axeViolations(session.page)).toEqual([]);

    const { page: phone, context } = await newPage(session.browser, PHONE);
    await signInAndWait(phone, stack, EMILY);
    await phone.goto(`${stack.portalUrl}/submissions/${rejectedId}`);
    expect(await waitForOutcome(phone)).toBe('REJECTED');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'rejected-phone', { fullPage: true });
    await context.close();
  });

  it('is replaced by another file, and the resubmission is RECEIVED with everything else unchanged', async () => {
    const previousMessage = (await documentItem(session.page, 'Medical License').getByRole('list').first().textContent()) ?? '';
    await session.page.getByRole('link', { name: 'Replace files and submit again' }).click();
    await session.page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
    await session.page.getByText('Your previous submission was not accepted.').waitFor();

    const license = card(session.page, 'Medical License');
    expect(await license.getByText(previousMessage.trim()).isVisible()).toBe(true);
    expect(await license.getByText('Drag the file here, or').isVisible()).toBe(true);
    expect(await session.page.getByRole('region', { name: 'Your documents' }).getByText('1 of 5 still missing').isVisible()).toBe(true);
    // The other documents keep their files and details.
    expect(await card(session.page, 'DEA Registration').getByText('DEA-registration.jpg').isVisible()).toBe(true);
    expect(await card(session.page, 'DEA Registration').getByLabel('DEA number').inputValue()).toBe('AB1234563');
    expect(await license.getByLabel('License number').inputValue()).toBe('A123456');
    await screenshot(session.page, 'resubmit-form');

    await chooseFile(session.page, 'Medical License', pdf('medical-license-rescan.pdf'));
    await session.page.getByRole('region', { name: 'Your documents' }).getByText('Files chosen for all five documents.').waitFor();
    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();

    await session.page.waitForURL((url) => url.pathname.startsWith('/submissions/') && !url.pathname.endsWith(rejectedId));
    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
    expect((await session.page.getByTestId('reference-number').textContent()) ?? '').toMatch(REFERENCE_PATTERN);
    expect(await documentItem(session.page, 'Medical License').getByText('medical-license-rescan.pdf').isVisible()).toBe(true);
    expect(await documentItem(session.page, 'DEA Registration').getByText('AB1234563').isVisible()).toBe(true);
    expect(await documentItem(session.page, 'Curriculum Vitae').getByText('Emily-Johnson-CV.docx').isVisible()).toBe(true);
    expect(await session.page.locator('li.doc-item').count()).toBe(5);
    await screenshot(session.page, 'resubmitted-confirmation');

    // The refused submission stays for the record, no longer needing attention: it links to its
    // replacement (recorded by the workflow step after the confirmation, within a moment).
    const resubmittedId = submissionIdFromUrl(session.page);
    const reference = (await session.page.getByTestId('reference-number').textContent()) ?? '';
    const replacedHeading = session.page.getByRole('heading', { name: 'Replaced by a newer submission', level: 1 });
    await expect
      .poll(async () => {
        await session.page.goto(`${stack.portalUrl}/submissions/${rejectedId}`);
        await session.page.getByRole('heading', { level: 1, name: /^(Replaced by a newer submission|Some documents need your attention)$/ }).waitFor();
        return replacedHeading.count();
      }, { timeout: 30_000 })
      .toBe(1);
    expect(await session.page.getByRole('link', { name: 'Replace files and submit again' }).count()).toBe(0);
    expect(await session.page.getByRole('link', { name: reference }).getAttribute('href')).toBe(`/submissions/${resubmittedId}`);
    expect(await documentItem(session.page, 'Medical License').getByText('Replaced', { exact: true }).isVisible()).toBe(true);
    await session.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    const row = session.page.getByRole('row').filter({ has: session.page.getByRole('link', { name: 'No reference (not accepted)' }) }).filter({ hasText: 'Replaced' });
    await row.first().waitFor();
    expect(pageErrors(session.page)).toEqual([]);
  });
});

/**
 * The upload form says what is true before she presses Submit: errors appear when she submits
 * and follow her fixes; the checklist is the cards' own state (a refused file is not "chosen",
 * a removed card is missing); Remove can be undone; her files survive a reload; a new session
 * that cannot have her files says so up front; signing out leaves none of her files behind.
 */
import { describe, expect, it } from 'vitest';
import { makePdf } from '../../testkit/files.js';
import { PHONE, axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import {
  VALID_DEA,
  card,
  checklistRow,
  checklistSummary,
  chooseFile,
  errorSummary,
  errorText,
  field,
  fiveDocuments,
  fillDocument,
  fillFields,
  jpeg,
  openUpload,
  png,
  signInAndWait,
  submissionIdFromUrl,
  waitForOutcome,
} from './support/portal.js';
import { EMILY } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: EMILY });
const { stack } = session;
const [license, board, dea, cv, insurance] = fiveDocuments();
const summaryTitle = async () => ((await errorSummary(session.page).getByRole('heading').textContent()) ?? '').trim();

/** Each test starts from a form with all five documents filled in, whatever the one before it left. */
async function fillAllFive(): Promise<void> {
  await openUpload(session.page);
  for (const fixture of fiveDocuments()) await fillDocument(session.page, fixture);
}

describe('errors', () => {
  it('appear when she submits, not when she leaves a field empty, and the summary follows her fixes', async () => {
    await openUpload(session.page);
    const authority = field(card(session.page, 'Medical License'), 'Issuing authority');
    await authority.focus();
    await session.page.keyboard.press('Tab');
    await session.page.waitForTimeout(300);
    expect(await errorText(authority)).toBe('');

    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await errorSummary(session.page).waitFor();
    const before = Number(/There are (\d+) problems/.exec(await summaryTitle())?.[1]);
    expect(before).toBeGreaterThan(10);
    expect(await errorText(authority)).toMatch(/^Enter the issuing authority/);

    await authority.fill('Medical Board of California');
    await expect.poll(summaryTitle).toBe(`There are ${before - 1} problems to fix before submitting`);
    expect(await errorText(authority)).toBe('');
    await screenshot(session.page, 'errors-updating');
    expect(await axeViolations(session.page)).toEqual([]);

    for (const fixture of fiveDocuments()) await fillDocument(session.page, fixture);
    await expect.poll(() => errorSummary(session.page).count()).toBe(0);
  });
});

describe('the checklist', () => {
  it('counts a refused file as missing, not chosen', async () => {
    await fillAllFive();
    await expect.poll(() => checklistSummary(session.page)).toBe('Files chosen for all five documents.');
    await chooseFile(session.page, 'Medical License', { name: 'license-scan.pdf', mimeType: 'application/pdf', buffer: makePdf({ padToBytes: Math.round(11.3 * 1024 * 1024) }) });
    await chooseFile(session.page, 'Curriculum Vitae', jpeg('cv-photo.jpg'));

    await expect.poll(() => checklistSummary(session.page)).toBe('2 of 5 still missing');
    expect(await checklistRow(session.page, 'Medical License').textContent()).toContain('File not accepted');
    expect(await checklistRow(session.page, 'Curriculum Vitae').textContent()).toContain('File not accepted');
    expect(await checklistRow(session.page, 'Board Certification').textContent()).toContain('File chosen');
    expect(await errorText(card(session.page, 'Curriculum Vitae').locator('input[type="file"]'))).toContain('not accepted for a Curriculum Vitae');
    await screenshot(session.page, 'checklist-refused-files');
    expect(await axeViolations(session.page)).toEqual([]);

    await chooseFile(session.page, 'Medical License', license!.file);
    await chooseFile(session.page, 'Curriculum Vitae', cv!.file);
    await expect.poll(() => checklistSummary(session.page)).toBe('Files chosen for all five documents.');
  });

  it('counts a removed card as missing, and Remove can be undone with everything in it', async () => {
    await fillAllFive();
    await expect.poll(() => checklistSummary(session.page)).toBe('Files chosen for all five documents.');
    await card(session.page, 'DEA Registration').getByRole('button', { name: 'Remove DEA Registration' }).click();
    await expect.poll(() => card(session.page, 'DEA Registration').count()).toBe(0);
    await expect.poll(() => checklistSummary(session.page)).toBe('1 of 5 still missing');
    expect(await checklistRow(session.page, 'DEA Registration').textContent()).toContain('Not added');
    const removed = session.page.getByRole('status').filter({ hasText: 'DEA Registration removed.' });
    await removed.waitFor();
    await screenshot(session.page, 'card-removed-undo');
    expect(await axeViolations(session.page)).toEqual([]);

    await removed.getByRole('button', { name: 'Undo' }).click();
    await card(session.page, 'DEA Registration').waitFor();
    expect(await field(card(session.page, 'DEA Registration'), 'DEA number').inputValue()).toBe(VALID_DEA);
    expect(await card(session.page, 'DEA Registration').getByText('DEA-registration.jpg').isVisible()).toBe(true);
    await expect.poll(() => checklistSummary(session.page)).toBe('Files chosen for all five documents.');
  });

  it('never lets a card silently change type and empty a required slot', async () => {
    await fillAllFive();
    // A card's type is the one she added it as; another document of any type is added from the checklist.
    expect(await card(session.page, 'Board Certification').getByLabel('Document type').count()).toBe(0);
    await checklistRow(session.page, 'Board Certification').getByRole('button', { name: 'Add another Board Certification' }).click();
    await card(session.page, 'Board Certification 2').waitFor();
    await expect.poll(() => checklistRow(session.page, 'Board Certification').textContent()).toContain('1 of 2 files');
    await card(session.page, 'Board Certification 2').getByRole('button', { name: 'Remove Board Certification 2' }).click();
    await expect.poll(() => card(session.page, 'Board Certification 2').count()).toBe(0);
  });
});

describe('what she typed last', () => {
  it('is saved even when she leaves the form before the device has written it, with no error in the page', async () => {
    // Prepare: her form open; another connection keeps the device store busy for a moment (a slow disk)
    const { page } = session;
    await openUpload(page);
    await page.evaluate(() => {
      (window as Window & { storeBusy?: Promise<void> }).storeBusy = new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('credentialing-portal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const busy = open.result.transaction('device', 'readwrite');
          const until = Date.now() + 1500;
          const keepBusy = () => {
            if (Date.now() < until) busy.objectStore('device').get('busy').onsuccess = keepBusy;
          };
          keepBusy();
          busy.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      });
    });

    // Act: she types a policy number and leaves for her home page while that is being saved
    await fillFields(page, insurance!.title, { 'Policy number': 'TDC-SAVED-LATE' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    await page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
    await page.evaluate(() => (window as Window & { storeBusy?: Promise<void> }).storeBusy);

    // Assess: back on the form, what she typed is there; nothing failed in the page
    await openUpload(page);
    await expect.poll(() => field(card(page, insurance!.title), 'Policy number').inputValue()).toBe('TDC-SAVED-LATE');
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('her files', () => {
  it('are still there after a reload, and are sent without asking for them again', async () => {
    await fillAllFive();
    await session.page.reload();
    await session.page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
    for (const fixture of fiveDocuments()) expect(await card(session.page, fixture.title).getByText(fixture.file.name).isVisible(), fixture.title).toBe(true);
    await expect.poll(() => checklistSummary(session.page)).toBe('Files chosen for all five documents.');
    expect(await session.page.getByText(/kept on this device/).first().isVisible()).toBe(true);

    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await session.page.waitForURL(/\/submissions\//, { timeout: 30_000 });
    expect(await waitForOutcome(session.page)).toBe('RECEIVED');

    // Submitted: the form starts empty again.
    await openUpload(session.page);
    await expect.poll(() => checklistSummary(session.page)).toBe('5 of 5 still missing');
  });

  it('that this browser no longer has are named before she presses Submit ("Replace files" in a new session)', async () => {
    const disguised = { ...png('scan.png'), name: 'medical-license.pdf', mimeType: 'application/pdf' };
    await openUpload(session.page);
    await fillDocument(session.page, { ...license!, file: disguised });
    for (const fixture of [board!, dea!, cv!, insurance!]) await fillDocument(session.page, fixture);
    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await session.page.waitForURL(/\/submissions\//);
    const rejectedId = submissionIdFromUrl(session.page);
    expect(await waitForOutcome(session.page)).toBe('REJECTED');

    // Another browser (a phone, or a new session after signing out): her files are not there.
    const { page, context } = await newPage(session.browser, PHONE);
    await signInAndWait(page, stack, EMILY);
    await page.goto(`${stack.portalUrl}/submissions/${rejectedId}`);
    await page.getByRole('link', { name: 'Replace files and submit again' }).click();
    await page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();

    await expect.poll(() => checklistSummary(page)).toBe('5 of 5 still missing');
    expect(await checklistRow(page, 'Curriculum Vitae').textContent()).toContain('Choose the file again');
    expect(await card(page, 'Curriculum Vitae').getByText('Choose “Emily-Johnson-CV.docx” again: this browser no longer has the file.').isVisible()).toBe(true);
    expect(await field(card(page, 'DEA Registration'), 'DEA number').inputValue()).toBe(VALID_DEA);
    await screenshot(page, 'replace-files-new-session-phone', { fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await chooseFile(page, 'Curriculum Vitae', cv!.file);
    await expect.poll(() => checklistRow(page, 'Curriculum Vitae').textContent()).toContain('File chosen');
    await expect.poll(() => checklistSummary(page)).toBe('4 of 5 still missing');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('are forgotten on this computer when she signs out', async () => {
    await openUpload(session.page);
    await fillDocument(session.page, cv!);
    await fillFields(session.page, 'Malpractice Insurance', { 'Policy number': 'TDC-FORGET-ME' });
    await expect.poll(() => checklistRow(session.page, 'Curriculum Vitae').textContent()).toContain('File chosen');

    await session.page.getByRole('button', { name: 'Sign out' }).click();
    await session.page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await signInAndWait(session.page, stack, EMILY);
    await openUpload(session.page);
    await expect.poll(() => checklistSummary(session.page)).toBe('5 of 5 still missing');
    expect(await card(session.page, 'Curriculum Vitae').getByText('Emily-Johnson-CV.docx').count()).toBe(0);
    expect(await field(card(session.page, 'Malpractice Insurance'), 'Policy number').inputValue()).toBe('');
    expect(pageErrors(session.page)).toEqual([]);
  });
});

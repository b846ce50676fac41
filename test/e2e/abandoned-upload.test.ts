/**
 * A reload in the middle of an upload: the browser warns first; if she reloads anyway nothing she
 * chose is lost, the half-uploaded draft is hers alone (staff never see it), submitting it with a
 * file chosen again that differs discards it (the draft's links are pinned to the first file:
 * test/e2e/resume-upload.test.ts sends an unchanged one on), and she can discard such a draft herself.
 */
import { describe, expect, it } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { PHONE, axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { callApi } from '../../testkit/local-api.js';
import { card, chooseFile, documentItem, fiveDocuments, fillDocument, holdUploads, openUpload, pdf, signInAndWait, submissionIdFromUrl, waitForOutcome } from './support/portal.js';
import { apiSignIn, EMILY, STAFF } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: EMILY });
const { stack } = session;

/** Fills the form, presses Submit with uploads held, and returns the id of the submission the portal created. */
async function startUploadAndHold(page: Page) {
  await openUpload(page);
  for (const fixture of fiveDocuments()) await fillDocument(page, fixture);
  const uploads = await holdUploads(page, stack);
  const created = page.waitForResponse((response) => response.url() === `${stack.apiUrl}/submissions` && response.request().method() === 'POST');
  await page.getByRole('button', { name: 'Submit 5 documents' }).click();
  const submissionId = ((await (await created).json()) as { submissionId: string }).submissionId;
  await page.getByRole('progressbar', { name: 'Overall progress' }).waitFor();
  await expect.poll(uploads.held).toBeGreaterThan(0);
  return { submissionId, uploads };
}

/** Reloads, answering the browser's "leave this page?" question; returns the dialogs seen. */
async function reloadAnswering(page: Page, leave: boolean): Promise<string[]> {
  const seen: string[] = [];
  let answered!: () => void;
  const dialogAnswered = new Promise<void>((resolve) => (answered = resolve));
  const answer = async (dialog: Dialog) => {
    seen.push(dialog.type());
    await (leave ? dialog.accept() : dialog.dismiss());
    answered();
  };
  page.on('dialog', answer);
  const reloading = page.reload({ timeout: leave ? 20_000 : 3_000 }).catch(() => undefined);
  // Leaving ends with the page loaded again; staying cancels the reload, which then never ends
  // (it times out unobserved): the answer is what there is to wait for.
  await (leave ? reloading : Promise.race([dialogAnswered, reloading]));
  page.off('dialog', answer);
  return seen;
}

async function staffSees(submissionId: string): Promise<boolean> {
  const { page, context } = await newPage(session.browser);
  await signInAndWait(page, stack, STAFF);
  await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
  await page.getByText('Loading submissions…').waitFor({ state: 'hidden' });
  const seen = (await page.locator(`a[href="/submissions/${submissionId}"]`).count()) > 0;
  await context.close();
  return seen;
}

const draftRow = (page: Page, submissionId: string) => page.getByRole('row').filter({ has: page.locator(`a[href="/submissions/${submissionId}"]`) });

describe('a reload while files upload', () => {
  it('is warned about first, and staying lets the upload finish', async () => {
    const { uploads } = await startUploadAndHold(session.page);
    const dialogs = await reloadAnswering(session.page, false);
    expect(dialogs).toEqual(['beforeunload']);
    expect(await session.page.getByRole('progressbar', { name: 'Overall progress' }).isVisible()).toBe(true);
    await uploads.release();
    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
  });

  it('loses nothing she chose; the unfinished draft is hers alone, and submitting it with another file discards it', async () => {
    const { submissionId, uploads } = await startUploadAndHold(session.page);
    expect(await reloadAnswering(session.page, true)).toEqual(['beforeunload']);
    await uploads.release();
    await session.page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
    await session.page.getByText('Your last upload did not finish, so nothing was submitted.', { exact: false }).waitFor();
    for (const fixture of fiveDocuments()) expect(await card(session.page, fixture.title).getByText(fixture.file.name).isVisible(), fixture.title).toBe(true);
    await screenshot(session.page, 'upload-interrupted');
    expect(await axeViolations(session.page)).toEqual([]);

    await session.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    await draftRow(session.page, submissionId).waitFor();
    expect(await draftRow(session.page, submissionId).getByText('Not submitted', { exact: true }).isVisible()).toBe(true);
    expect(await staffSees(submissionId)).toBe(false);

    await session.page.getByText('Continue where you left off').click();
    // She chooses her license again, and it is another file of the same name
    const license = pdf('CA-medical-license.pdf', 3);
    await chooseFile(session.page, 'Medical License', license);
    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();
    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
    expect(submissionIdFromUrl(session.page)).not.toBe(submissionId);
    const { body } = await callApi(stack, 'GET', `/submissions/${submissionIdFromUrl(session.page)}`, await apiSignIn(stack, EMILY));
    expect((body.documents as { documentType: string; sizeBytes: number }[]).find((doc) => doc.documentType === 'MEDICAL_LICENSE')?.sizeBytes).toBe(license.buffer.length);
    expect(await documentItem(session.page, 'Medical License').isVisible()).toBe(true);
    await session.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    await session.page.getByRole('region', { name: 'Submissions' }).getByRole('table').waitFor();
    await expect.poll(() => draftRow(session.page, submissionId).count()).toBe(0);
    await session.page.goto(`${stack.portalUrl}/submissions/${submissionId}`);
    await session.page.getByRole('heading', { name: 'Draft discarded', level: 1 }).waitFor();
  });
});

describe('an unfinished draft', () => {
  it('can be discarded by her, and then it is gone from her list', async () => {
    const { page, context } = await newPage(session.browser, PHONE);
    await signInAndWait(page, stack, EMILY);
    const { submissionId, uploads } = await startUploadAndHold(page);
    expect(await reloadAnswering(page, true)).toEqual(['beforeunload']);
    await uploads.release();
    await page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();

    await page.goto(`${stack.portalUrl}/submissions/${submissionId}`);
    await page.getByRole('heading', { name: 'Upload not finished', level: 1 }).waitFor();
    expect(await page.getByText(/removed automatically 24 hours after it was started/).isVisible()).toBe(true);
    await screenshot(page, 'draft-not-finished-phone', { fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Discard this draft' }).click();
    await page.getByRole('heading', { name: 'Draft discarded', level: 1 }).waitFor();
    await screenshot(page, 'draft-discarded-phone');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'My submissions' }).first().click();
    await page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
    await page.getByText('Loading your submissions…').waitFor({ state: 'hidden' });
    await expect.poll(() => draftRow(page, submissionId).count()).toBe(0);
    // Her form on this device was that draft's: it is cleared with it.
    expect(await page.getByText('You have an unfinished upload.').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

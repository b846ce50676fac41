/**
 * What she (or a stray drag) does while her files upload cannot change what is being sent: the
 * bytes uploaded are the bytes hashed and declared, and the cards keep showing them.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageErrors } from './support/browser.js';
import { card, checklistSummary, fiveDocuments, fillDocument, holdUploads, openUpload, submissionIdFromUrl, waitForOutcome } from './support/portal.js';
import { EMILY, apiSignIn } from './support/stack.js';
import { callApi } from '../../testkit/local-api.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: EMILY });
const { stack } = session;

describe('while her files upload', () => {
  it('a file dropped on a card is not taken, and the file she chose is the one sent', async () => {
    // Prepare: five documents, uploads held mid-way
    const page = session.page;
    await openUpload(page);
    for (const fixture of fiveDocuments()) await fillDocument(page, fixture);
    const insurance = fiveDocuments()[4]!;
    const uploads = await holdUploads(page, stack);
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await expect.poll(uploads.held, { timeout: 20_000 }).toBeGreaterThan(0);

    // Act: another file lands on the insurance card (its upload has not started: three go at a time)
    const other = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['%PDF-1.4 another file'], 'another-policy.pdf', { type: 'application/pdf' }));
      return transfer;
    });
    await card(page, insurance.title).locator('.dropzone').dispatchEvent('drop', { dataTransfer: other });
    await uploads.release();

    // Assess: the card never changed, and the submission holds exactly the file she chose
    expect(await card(page, insurance.title).getByText('another-policy.pdf').count()).toBe(0);
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    const { body } = await callApi({ apiUrl: stack.apiUrl }, 'GET', `/submissions/${submissionIdFromUrl(page)}`, await apiSignIn(stack, EMILY));
    const sent = (body.documents as { documentType: string; fileName: string; sizeBytes: number }[]).find((doc) => doc.documentType === 'MALPRACTICE_INSURANCE');
    expect(sent).toMatchObject({ fileName: insurance.file.name, sizeBytes: insurance.file.buffer.length });
    expect(pageErrors(page)).toEqual([]);
  });
});

/** Her license alone submitted from the form, its upload held until `release()`. */
async function submitOneLicenseHeld(page: Page) {
  await openUpload(page);
  for (const title of ['Board Certification', 'DEA Registration', 'Curriculum Vitae', 'Malpractice Insurance']) await page.getByRole('button', { name: `Remove ${title}` }).click();
  await fillDocument(page, fiveDocuments()[0]!);
  const uploads = await holdUploads(page, stack);
  await page.getByRole('button', { name: 'Submit 1 document' }).click();
  await expect.poll(uploads.held, { timeout: 20_000 }).toBeGreaterThan(0);
  return uploads;
}

/** Her license uploading, held; she leaves the form for her home page (OK to the prompt), which says it uploads from this tab. */
async function leaveFormMidUpload(page: Page) {
  const uploads = await submitOneLicenseHeld(page);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
  await page.getByText('Your documents are being uploaded from this tab.', { exact: false }).waitFor();
  return uploads;
}

/** From her home page, the page of the draft uploading from this tab; returns its id. */
async function openUploadingDraft(page: Page): Promise<string> {
  const token = await apiSignIn(stack, EMILY);
  const draftId = ((await callApi({ apiUrl: stack.apiUrl }, 'GET', '/submissions', token)).body.items as { submissionId: string; status: string }[]).find((item) => item.status === 'AWAITING_UPLOAD')!.submissionId;
  await page.locator(`a[href="/submissions/${draftId}"]`).first().click();
  await page.getByText('These files are being uploaded right now from this tab.', { exact: false }).waitFor();
  return draftId;
}

describe('leaving the page inside the portal while her files upload', () => {
  it('asks first; staying keeps the upload on screen, leaving lets it finish without taking her back', async () => {
    // Prepare: one document, its upload held
    const page = session.page;
    const uploads = await submitOneLicenseHeld(page);
    const prompts: string[] = [];
    const mySubmissions = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' });

    // Act: she clicks away and answers Cancel
    page.once('dialog', (dialog) => {
      prompts.push(dialog.message());
      void dialog.dismiss();
    });
    await mySubmissions.click();
    // Assess: asked, and still on the form with its progress
    await expect.poll(() => prompts.length).toBe(1);
    expect(prompts[0]).toContain('Your documents are still being uploaded');
    expect(new URL(page.url()).pathname).toBe('/upload');
    expect(await page.getByRole('button', { name: 'Working…' }).isVisible()).toBe(true);

    // Act: she clicks away again and answers OK, then the upload finishes
    page.once('dialog', (dialog) => void dialog.accept());
    await mySubmissions.click();
    await page.getByRole('heading', { name: 'My credentials', level: 2 }).waitFor();
    await uploads.release();

    // Assess: the submission goes in, and the page she chose stays put
    const token = await apiSignIn(stack, EMILY);
    await expect
      .poll(async () => ((await callApi({ apiUrl: stack.apiUrl }, 'GET', '/submissions', token)).body.items as { status: string }[])[0]?.status, { timeout: 30_000 })
      .toBe('RECEIVED');
    expect(new URL(page.url()).pathname).toBe('/');
    // Back on the upload page, the submitted draft is not offered again: a fresh form.
    await openUpload(page);
    await expect.poll(() => checklistSummary(page), { timeout: 20_000 }).toBe('5 of 5 still missing');
    expect(await page.getByRole('button', { name: 'Submit 5 documents' }).isEnabled()).toBe(true);
    expect(pageErrors(page)).toEqual([]);
  });

  it('coming back while it uploads from this tab: each page says so, offers nothing to discard or send again, then says it went in', async () => {
    // Prepare: one document uploading, held; she leaves the form (OK to the prompt)
    const page = session.page;
    const uploads = await leaveFormMidUpload(page);

    // Act: her home page, then the draft's own page
    const homeOffersToContinue = await page.getByText('Continue where you left off').count();
    const draftId = await openUploadingDraft(page);

    // Assess: nothing offered that would discard or resend the upload under way
    expect(homeOffersToContinue).toBe(0);
    expect(await page.getByRole('button', { name: 'Discard this draft' }).count()).toBe(0);

    // Act: back to the upload form while it still uploads
    await openUpload(page);
    // Assess: it speaks of this tab, not another one, and cannot send the draft again
    await page.getByText('Your documents are still being uploaded from when you left this page.', { exact: false }).waitFor();
    expect(await page.getByText('another tab', { exact: false }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Submit 1 document' }).isDisabled()).toBe(true);

    // Act: the upload finishes
    await uploads.release();
    // Assess: the page says it went in (at once, then as the submitted draft), with the way to it
    const wentIn = page
      .getByRole('alert')
      .filter({ hasText: 'Your documents were submitted while you were away from this page.' })
      .or(page.getByRole('heading', { level: 2, name: /^Submitted — / }));
    await wentIn.first().waitFor({ timeout: 30_000 });
    expect(await page.getByText('another tab', { exact: false }).count()).toBe(0);
    await page.getByRole('link', { name: 'See the submission' }).first().click();
    expect(submissionIdFromUrl(page)).toBe(draftId);
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('leaving the form for a page that keeps no draft while her files upload', () => {
  it('the finished upload forgets its draft itself: the upload page then opens empty, not as a draft already sent', async () => {
    // Prepare: one document uploading, held; she leaves the form, then opens the draft's own page
    const page = session.page;
    const uploads = await leaveFormMidUpload(page);
    await openUploadingDraft(page);

    // Act: the upload finishes while she reads that page, then she opens the upload page
    await uploads.release();
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    await openUpload(page);

    // Assess: a fresh form; nothing of the sent draft is kept on this device
    await expect.poll(() => checklistSummary(page), { timeout: 20_000 }).toBe('5 of 5 still missing');
    expect(await page.getByRole('heading', { level: 2, name: /^Submitted — / }).count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('after submitting', () => {
  it('the back button shows an empty form, never the submitted draft to send again', async () => {
    // Prepare: submitted and received
    const page = session.page;
    await openUpload(page);
    for (const fixture of fiveDocuments()) await fillDocument(page, fixture);
    let creates = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${stack.apiUrl}/submissions`) creates++;
    });
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    expect(await waitForOutcome(page)).toBe('RECEIVED');

    // Act
    await page.goBack();

    // Assess
    await page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
    await expect.poll(() => checklistSummary(page)).toBe('5 of 5 still missing');
    expect(await card(page, 'Medical License').getByText(fiveDocuments()[0]!.file.name).count()).toBe(0);
    expect(creates).toBe(1);
  });
});

/**
 * On hospital Wi-Fi or her phone's data, a reload (or a dropped page) in the middle of an upload
 * does not cost her the files that already arrived: her next Submit sends only the missing ones,
 * to the same submission, and what is stored is exactly what she chose.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { REFERENCE_PATTERN } from '../../src/domain/reference-number.js';
import { callApi } from '../../testkit/local-api.js';
import { addProviders, signInAs, type OfficeUser } from '../../testkit/office.js';
import { pageErrors } from './support/browser.js';
import { fiveDocuments, fillDocument, openUpload, signIn, submissionIdFromUrl, waitForOutcome } from './support/portal.js';
import { pauseRequests, type PausedRequest } from './support/pause.js';
import { leaveQueueAsFound } from './support/review.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession();
const { stack } = session;
const cognito = { ...stack, endpoints: { ...stack.endpoints, cognito: stack.cognitoUrl } };

// A provider of her own: her credentials and her place in the shared review queue touch no other file's.
let provider: OfficeUser;
beforeAll(async () => {
  [provider] = (await addProviders(cognito, 1, `resume${Date.now()}`, [{ givenName: 'Leila', familyName: 'Haddad' }])) as [OfficeUser];
  await signIn(session.page, stack, provider.username, provider.password);
  await session.page.getByRole('button', { name: 'Sign out' }).waitFor();
});

// Her submissions leave the shared review queue as it was: other files look for theirs among its 25 oldest.
const received: string[] = [];
afterAll(async () => {
  for (const submissionId of received) await leaveQueueAsFound(stack, submissionId);
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const uploadName = (upload: PausedRequest) => /filename="([^"]+)"/.exec(upload.body)?.[1];

/** The uploads the page sends to S3, each held until `release()`; `names()` their file names, in order. */
async function countUploads(page: Page): Promise<{ names: () => string[]; release: () => Promise<void> }> {
  const uploads = await pauseRequests(page, `${stack.s3Url}/*`);
  return { names: () => uploads.held.flatMap((upload) => uploadName(upload) ?? []), release: () => uploads.release() };
}

/** Lets the uploads of `through` reach S3 and holds every other one (a connection that stalls). */
async function stallAllBut(page: Page, through: string[]): Promise<{ held: () => number; stop: () => Promise<void> }> {
  const stalled = await pauseRequests(page, `${stack.s3Url}/*`, { hold: (upload) => !through.includes(uploadName(upload) ?? '') });
  return { held: () => stalled.held.length, stop: () => stalled.release() };
}

async function reloadLeaving(page: Page): Promise<void> {
  const leave = (dialog: Dialog) => void dialog.accept();
  page.on('dialog', leave);
  await page.reload();
  page.off('dialog', leave);
}

/** What the API stored for her: her submissions, and each stored file's SHA-256 by file name. */
async function storedFor(user: OfficeUser, submissionId: string) {
  const token = await signInAs(cognito, user.username, user.password);
  const list = (await callApi(stack, 'GET', '/submissions', token)).body.items as { submissionId: string; status: string }[];
  const { body } = await callApi(stack, 'GET', `/submissions/${submissionId}`, token);
  const files: Record<string, string> = {};
  for (const doc of body.documents as { documentId: string; fileName: string }[]) {
    const link = await callApi(stack, 'GET', `/documents/${doc.documentId}/download-url`, token);
    files[doc.fileName] = sha256(new Uint8Array(await (await fetch(link.body.url)).arrayBuffer()));
  }
  return { list, files };
}

describe('a reload in the middle of her upload', () => {
  it('sends only the files that had not arrived, to the same submission, when she submits again', async () => {
    // Prepare: five documents; the license and the board certificate arrive, the others stall
    const { page } = session;
    const documents = fiveDocuments();
    await openUpload(page);
    for (const fixture of documents) await fillDocument(page, fixture);
    const [license, board, ...rest] = documents.map((fixture) => fixture.file.name);
    const stall = await stallAllBut(page, [license!, board!]);
    const creates: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${stack.apiUrl}/submissions`) creates.push(request.url());
    });
    const created = page.waitForResponse((response) => response.url() === `${stack.apiUrl}/submissions` && response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    const draftId = ((await (await created).json()) as { submissionId: string }).submissionId;
    for (const name of [license!, board!]) await expect.poll(() => page.getByRole('progressbar', { name }).getAttribute('aria-valuetext')).toBe('Uploaded');
    await expect.poll(stall.held).toBeGreaterThan(0);

    // Act: the page is reloaded; she submits again
    await reloadLeaving(page);
    await stall.stop();
    await page.getByText('Your last upload did not finish, so nothing was submitted.', { exact: false }).waitFor();
    creates.length = 0;
    const uploads = await countUploads(page);
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await expect.poll(() => uploads.names().length).toBeGreaterThan(0);
    // Assess: the files that arrived are said to be there already
    for (const name of [license!, board!]) expect(await page.getByRole('progressbar', { name }).getAttribute('aria-valuetext')).toBe('Already uploaded');
    await uploads.release();

    // Assess: received as the same submission, only the three missing files sent again
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    received.push(submissionIdFromUrl(page));
    expect(submissionIdFromUrl(page)).toBe(draftId);
    expect((await page.getByTestId('reference-number').textContent()) ?? '').toMatch(REFERENCE_PATTERN);
    expect(creates).toEqual([]);
    expect(uploads.names().sort()).toEqual([...rest].sort());
    // Exactly one submission, holding exactly the bytes she chose
    const stored = await storedFor(provider, draftId);
    expect(stored.list.map((item) => [item.submissionId, item.status])).toEqual([[draftId, 'RECEIVED']]);
    expect(stored.files).toEqual(Object.fromEntries(documents.map((fixture) => [fixture.file.name, sha256(fixture.file.buffer)])));
    expect(pageErrors(page)).toEqual([]);
  });
});

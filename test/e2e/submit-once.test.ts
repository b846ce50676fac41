/**
 * One set of documents is one submission, however she presses Submit: a double click, Submit
 * again in a second tab that still shows the draft the first tab already submitted, or Submit
 * again after leaving the page while the first Submit was on its way.
 */
import { describe, expect, it } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { callApi } from '../../testkit/local-api.js';
import { axeViolations, screenshot } from './support/browser.js';
import { card, checklistSummary, fiveDocuments, fillDocument, openSecondTab, openUpload, waitForOutcome } from './support/portal.js';
import { pauseRequests } from './support/pause.js';
import { EMILY, apiSignIn } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: EMILY });
const { stack } = session;

/** Counts the submissions the given tabs create (POST /submissions) from now on. */
function countCreates(pages: Page[]): () => number {
  let created = 0;
  for (const page of pages) {
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${stack.apiUrl}/submissions`) created++;
    });
  }
  return () => created;
}

const alreadySubmitted = (page: Page) => page.getByText('These documents were already submitted, so nothing was sent again.', { exact: false });

/** Her five documents filled in one tab, and shown in a second tab of the same browser; counts the submissions either creates. */
async function draftInTwoTabs(options?: { hearsOtherTabs: boolean }) {
  const first = session.page;
  await fillFive(first);
  const second = await openSecondTab(first, stack, EMILY, options);
  const license = fiveDocuments()[0]!;
  await card(second, license.title).getByText(license.file.name).waitFor();
  return { first, second, creates: countCreates([first, second]) };
}

/**
 * Presses Submit; the page never hears back. The API takes her submit at once, or (`late`) only
 * when `arrive()` sends that same request: it was still on its way when she left. `release()` once
 * she has left: what the page then sends goes through.
 */
async function submitUnanswered(page: Page, { late = false } = {}) {
  const submits = await pauseRequests(page, `${stack.apiUrl}/submissions/*/submit`, { stage: late ? 'Request' : 'Response' });
  await page.getByRole('button', { name: 'Submit 5 documents' }).click();
  // Bounded: a page that sends no submit at all (it already knew better) fails here, not at the test's timeout.
  await expect.poll(() => submits.held.length, { timeout: 30_000, message: 'Submit never reached the API' }).toBeGreaterThan(0);
  const request = submits.held[0]!;
  const authorization = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? '';
  return {
    release: () => submits.release(),
    async arrive() {
      const response = await fetch(request.url, { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(202);
    },
  };
}

/** She leaves while the upload runs (the browser asks first, she confirms) and comes back. */
async function reloadAccepting(page: Page) {
  const leave = (dialog: Dialog) => void dialog.accept();
  page.on('dialog', leave);
  await page.reload();
  page.off('dialog', leave);
  await page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
}

async function fillFive(page: Page) {
  await openUpload(page);
  for (const fixture of fiveDocuments()) await fillDocument(page, fixture);
}

describe('Submit pressed twice', () => {
  it('by a double click creates one submission', async () => {
    // Prepare
    await fillFive(session.page);
    const creates = countCreates([session.page]);

    // Act
    await session.page.getByRole('button', { name: 'Submit 5 documents' }).dblclick();

    // Assess
    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
    expect(creates()).toBe(1);
  });

  it('in a second tab that shows the draft the first tab submitted, says so at once and cannot submit it again', async () => {
    // Prepare: the draft in one tab, then a second tab of the same browser opens it
    const { first, second, creates } = await draftInTwoTabs();

    // Act: the first tab submits; later she looks at the second
    await first.getByRole('button', { name: 'Submit 5 documents' }).click();
    expect(await waitForOutcome(first)).toBe('RECEIVED');
    await second.bringToFront();

    // Assess: before any click she is told; Submit cannot send it again; she can open the one she made
    const told = second.getByRole('alert').filter({ hasText: 'These documents were submitted in another tab.' });
    await told.waitFor();
    expect(await second.getByRole('button', { name: 'Submit 5 documents' }).isDisabled()).toBe(true);
    expect(creates()).toBe(1);
    await told.getByRole('link', { name: 'See the submission' }).click();
    expect(second.url()).toBe(first.url());
    await second.close();
  });

  it('in a second tab that cannot hear the first (a browser without BroadcastChannel), submits nothing again and says where the documents went', async () => {
    // Prepare: as above, but the second tab hears nothing from the first
    const { first, second, creates } = await draftInTwoTabs({ hearsOtherTabs: false });

    // Act
    await first.getByRole('button', { name: 'Submit 5 documents' }).click();
    expect(await waitForOutcome(first)).toBe('RECEIVED');
    await second.bringToFront();
    await second.getByRole('button', { name: 'Submit 5 documents' }).click();

    // Assess: no second submission; she is told, and can open the one she made
    await alreadySubmitted(second).waitFor();
    expect(creates()).toBe(1);
    await second.getByRole('link', { name: 'See the submission' }).click();
    expect(second.url()).toBe(first.url());
    await second.close();
  });

  it('and the page reloaded while it was on its way, says at once that the documents were submitted, then their reference', async () => {
    // Prepare: the API takes her submit, but the page never hears back
    const page = session.page;
    await fillFive(page);
    const creates = countCreates([page]);
    const submit = await submitUnanswered(page);

    // Act: she leaves anyway (the browser asked first) and comes back; she clicks nothing
    await reloadAccepting(page);
    await submit.release();

    // Assess: right after the reload, before any click, the page tells the truth
    const state = page.getByRole('heading', { level: 2, name: /^Submitted — / });
    await state.waitFor();
    expect(await state.textContent()).toMatch(/^Submitted — (being checked|received)$/);
    expect(await page.getByText('nothing was submitted', { exact: false }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Submit \d+ documents?$/ }).count()).toBe(0);
    const link = page.getByRole('link', { name: 'See the submission' });
    const submissionId = /\/submissions\/([^/?#]+)$/.exec((await link.getAttribute('href')) ?? '')?.[1];
    expect(submissionId).toBeTruthy();
    // Assess: once received, its reference number, as the API has it
    await page.getByRole('heading', { level: 2, name: 'Submitted — received' }).waitFor({ timeout: 90_000 });
    const { body } = await callApi({ apiUrl: stack.apiUrl }, 'GET', `/submissions/${submissionId}`, await apiSignIn(stack, EMILY));
    expect(body.referenceNumber).toMatch(/^CRD-/);
    expect(await page.getByTestId('submitted-reference').textContent()).toBe(body.referenceNumber);
    expect(creates()).toBe(1);
    await screenshot(page, 'submitted-after-reload');
    expect(await axeViolations(page)).toEqual([]);

    // Act: she starts another upload; a reload after that shows that form, not the old submission
    await page.getByRole('button', { name: 'Upload other documents' }).click();
    await expect.poll(() => checklistSummary(page)).toBe('5 of 5 still missing');
    await page.reload();
    await expect.poll(() => checklistSummary(page)).toBe('5 of 5 still missing');
    expect(await state.count()).toBe(0);
  });

  it('again after she left the page before her Submit reached us, submits nothing again and says so', async () => {
    // Prepare: her submit reaches the API only after she has left and come back
    const page = session.page;
    await fillFive(page);
    const creates = countCreates([page]);
    const submit = await submitUnanswered(page, { late: true });

    // Act: she leaves; the page (truthfully, then) says nothing was submitted; the held Submit arrives; she presses Submit
    await reloadAccepting(page);
    await page.getByText('Your last upload did not finish, so nothing was submitted.', { exact: false }).waitFor();
    await submit.arrive();
    await submit.release();
    const license = fiveDocuments()[0]!;
    await card(page, license.title).getByText(license.file.name).waitFor();
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await expect.poll(async () => creates() > 1 || (await alreadySubmitted(page).isVisible()), { timeout: 20_000 }).toBe(true);

    // Assess: no second submission; she is told, and the page does not also claim nothing was submitted
    expect(creates()).toBe(1);
    await alreadySubmitted(page).waitFor();
    expect(await page.getByText('nothing was submitted', { exact: false }).count()).toBe(0);
  });
});

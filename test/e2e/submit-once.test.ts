/**
 * One set of documents is one submission, however she presses Submit: a double click, Submit
 * again in a second tab that still shows the draft the first tab already submitted, or Submit
 * again after leaving the page while the first Submit was on its way.
 */
import { describe, expect, it } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { card, fiveDocuments, fillDocument, openUpload, signInAndWait, waitForOutcome } from './support/portal.js';
import { EMILY } from './support/stack.js';
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

  it('in a second tab, after the first tab submitted the same draft, submits nothing again and says where the documents went', async () => {
    // Prepare: the draft in one tab, then a second tab of the same browser opens it
    const first = session.page;
    await fillFive(first);
    const second = await first.context().newPage();
    await signInAndWait(second, stack, EMILY);
    await openUpload(second);
    const license = fiveDocuments()[0]!;
    await card(second, license.title).getByText(license.file.name).waitFor();
    const creates = countCreates([first, second]);

    // Act: the first tab submits; later she presses Submit in the second
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

  it('again after she left the page while the first Submit was on its way, submits nothing again and says so', async () => {
    // Prepare: the API takes her submit, but the page never hears back
    const page = session.page;
    await fillFive(page);
    const creates = countCreates([page]);
    const submitRoute = `${stack.apiUrl}/submissions/*/submit`;
    let taken!: () => void;
    const submitTaken = new Promise<void>((resolve) => (taken = resolve));
    await page.route(submitRoute, async (route) => {
      await route.fetch();
      taken();
    });
    await page.getByRole('button', { name: 'Submit 5 documents' }).click();
    await submitTaken;

    // Act: she leaves anyway (the browser asked first), comes back, and presses Submit
    const leave = (dialog: Dialog) => void dialog.accept();
    page.on('dialog', leave);
    await page.reload();
    page.off('dialog', leave);
    // Only now: removed before the reload, the held answer could still reach the page.
    await page.unroute(submitRoute);
    await page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
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

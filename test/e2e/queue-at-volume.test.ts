/**
 * The review queue when more is waiting than one page shows (25): the overdue count does not
 * claim to be the whole count, and a search by provider name finds her however far down the
 * queue her submission is, not only among the pages loaded so far, even when her name could be
 * read as a reference number; a filter whose first match lies further than a page's reads still
 * finds it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fiveDocuments, submitReceived } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { addProviders, ageWaitingSubmissions, inBatches, officeCv, seedSubmission, type OfficeUser, type Seeded } from '../../testkit/office.js';
import { pageErrors } from './support/browser.js';
import { EMILY, STAFF, apiSignIn } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: STAFF });
const { stack } = session;
const office = { ...stack, endpoints: { ...stack.endpoints, cognito: stack.cognitoUrl } };

describe('the review queue with more than a page waiting', () => {
  let backlog: OfficeUser;
  const waiting: Seeded[] = [];
  // The browser tests share one runtime and read the queue's first page: leave it as it was found.
  afterAll(async () => {
    const staffToken = await apiSignIn(stack, STAFF);
    await inBatches(waiting, 4, async ({ submissionId, documents }) => {
      for (const { documentId } of documents) await callApi(stack, 'POST', `/documents/${documentId}/review`, staffToken, { decision: 'VERIFIED' });
      await callApi(stack, 'POST', `/submissions/${submissionId}/complete-review`, staffToken);
    });
  });
  it('says "25+ overdue" while more is unloaded, and a search by name finds a provider beyond the first page, whatever her name', async () => {
    // Prepare: 26 overdue submissions (waiting 32–57 days: time faked on the table), then the newest
    // one, Hannah Baxter's: her name is twelve letters a reference number may hold (no I, L, O or U)
    const staffToken = await apiSignIn(stack, STAFF);
    const [ava, hannah] = await addProviders(office, 2, `queue${Date.now()}`, [{ givenName: 'Ava', familyName: 'Garcia' }, { givenName: 'Hannah', familyName: 'Baxter' }]);
    backlog = ava!;
    const overdue = await inBatches(Array.from({ length: 26 }), 4, () => seedSubmission(stack, backlog.token, staffToken, [officeCv('2026-01-05')], 'RECEIVED'));
    waiting.push(...overdue);
    // 32 days at least: 31 × 24 hours before 04:00 UTC in November is the day a 30-day due date falls on in New York (DST ended between).
    await ageWaitingSubmissions(stack, overdue.map((s, index) => ({ submissionId: s.submissionId, daysAgo: 32 + index })));
    const newest = await seedSubmission(stack, hannah!.token, staffToken, [officeCv('2026-01-05')], 'RECEIVED');
    waiting.push(newest);
    const page = session.page;

    // Act: open the queue, then look for Hannah by name, as staff type it
    await page.goto(`${stack.portalUrl}/review`);
    const heading = page.getByRole('heading', { name: /Waiting for review/ });
    await page.getByRole('row').filter({ hasText: overdue[25]!.referenceNumber! }).waitFor();
    const firstPage = { heading: await heading.innerText(), rows: await page.locator('table.queue tbody tr').count() };
    await page.getByLabel('Find by reference, provider name or email').fill(hannah!.name);
    const found = page.getByRole('row').filter({ hasText: newest.referenceNumber! });
    await found.waitFor();
    const searched = { heading: await heading.innerText(), rows: await page.locator('table.queue tbody tr').count(), row: await found.innerText() };

    // Assess: 25 rows, every one overdue: the count says there may be more; the search read the whole queue
    expect(firstPage.rows).toBe(25);
    expect(firstPage.heading).toMatch(/^Waiting for review \(25\+\)\s*25\+ overdue$/);
    expect(searched.rows).toBe(1);
    expect(searched.row).toContain(hannah!.name);
    expect(searched.heading).toMatch(/^Waiting for review \(\d+\)\s*26 overdue$/);
    expect(pageErrors(page)).toEqual([]);
  });

  it('finds the oldest board certification waiting behind the 26 CVs, though one page of the filtered queue comes back empty', async () => {
    // Prepare: the 26 overdue CVs above are the oldest waiting; a board certification arrives (other
    // files may have left older ones: the oldest is the one to find). Pages of one (a page size the
    // API takes) make a filtered page read 10 entries: behind the 26 CVs the first is empty.
    const staffToken = await apiSignIn(stack, STAFF);
    waiting.push(await seedSubmission(stack, backlog.token, staffToken, fiveDocuments().slice(1, 2), 'RECEIVED'));
    let oldest: string | undefined;
    for (let token: string | undefined, first = true; !oldest && (first || token); first = false) {
      const page = await callApi(stack, 'GET', `/review-queue?documentType=BOARD_CERTIFICATION&limit=100${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`, staffToken);
      oldest = page.body.items[0]?.referenceNumber;
      token = page.body.nextToken;
    }
    const page = session.page;
    await page.route('**/api/review-queue?**', (route) => route.continue({ url: `${route.request().url()}&limit=1` }));
    const said: string[] = [];
    await page.goto(`${stack.portalUrl}/review`);
    await page.getByRole('row').filter({ hasText: /CRD-/ }).first().waitFor();

    // Act
    await page.getByLabel('Document type').selectOption('BOARD_CERTIFICATION');
    const found = page.getByRole('row').filter({ hasText: oldest! });
    const nothing = page.getByText('Nothing is waiting for review.');
    await Promise.race([found.waitFor(), nothing.waitFor().then(() => said.push('Nothing is waiting for review.'))]);
    await found.waitFor();

    // Assess: it never said nothing was waiting, and shows the oldest board certification first
    expect(said).toEqual([]);
    expect(await page.locator('table.queue tbody tr').first().innerText()).toContain(oldest);
    await page.unroute('**/api/review-queue?**');
  });
});

describe('a reference read out on the phone or pasted from an email', () => {
  it('finds the submission from a reference with typographic dashes, and names a 0 or O it can never hold', async () => {
    // Prepare: one of Emily's submissions received
    const emily = await apiSignIn(stack, EMILY);
    const received = await submitReceived(stack, emily, fiveDocuments().slice(3, 4));
    const [, first, second, third] = received.referenceNumber.split('-');
    const page = session.page;
    await page.goto(`${stack.portalUrl}/staff`);
    const lookup = page.getByRole('search', { name: 'Find a submission by reference number' });

    // Act: a reference with an O where she read a Q, then the same as Outlook pastes it (en dashes, a period)
    await lookup.getByLabel('Find by reference number').fill(`crd ${first} ${second} ${third!.slice(0, 3)}O`);
    await lookup.getByRole('button', { name: 'Find' }).click();
    const refused = await lookup.locator('.field__error').innerText();
    await lookup.getByLabel('Find by reference number').fill(`CRD\u2013${first}\u2013${second}\u2013${third}.`);
    await lookup.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(`**/reference/${received.referenceNumber}`);
    await page.getByText(received.referenceNumber).first().waitFor();

    // Assess
    expect(refused).toBe('A reference number never contains O. Ask for that character again: references use the digits 2–9 and the letters A–Z except I, L, O and U.');
    expect(pageErrors(page)).toEqual([]);
  });
});

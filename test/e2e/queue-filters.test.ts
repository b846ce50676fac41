/**
 * A reviewer working through a filtered queue: her search and filters are still there when she
 * comes back from a submission (by its "Review queue" link or the browser's Back), after a
 * reload, and not for the next person after she signs out; the menu's "Review queue" starts afresh.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fiveDocuments } from '../../testkit/intake-documents.js';
import { addProviders, seedSubmission, type Seeded } from '../../testkit/office.js';
import { pageErrors } from './support/browser.js';
import { signInAndWait } from './support/portal.js';
import { leaveQueueAsFound } from './support/review.js';
import { STAFF, apiSignIn } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: STAFF });
const { stack } = session;
const office = { ...stack, endpoints: { ...stack.endpoints, cognito: stack.cognitoUrl } };
const seeded: Seeded[] = [];
afterAll(async () => {
  for (const { submissionId } of seeded) await leaveQueueAsFound(stack, submissionId);
});

describe('the review queue filtered by a reviewer', () => {
  it('is filtered the same way when she comes back from a submission, by its link or by Back, and after a reload', async () => {
    // Prepare: a provider of a name no other test uses, her board certification waiting
    const [provider] = await addProviders(office, 1, `filters${Date.now()}`, [{ givenName: 'Quinn', familyName: `Okafor${Date.now() % 100_000}` }]);
    const waiting = await seedSubmission(stack, provider!.token, await apiSignIn(stack, STAFF), fiveDocuments().slice(1, 2), 'RECEIVED');
    seeded.push(waiting);
    const page = session.page;
    const search = page.getByLabel('Find by reference, provider name or email');
    const type = page.getByLabel('Document type');
    const row = page.getByRole('row').filter({ hasText: waiting.referenceNumber! });
    const shown = async () => ({ search: await search.inputValue(), type: await type.inputValue(), rows: await page.locator('table.queue tbody tr').count(), path: new URL(page.url()).pathname });

    // Act: filter by type and her name, open her submission, come back by its "Review queue" link
    await page.goto(`${stack.portalUrl}/review`);
    await page.getByRole('heading', { name: /Waiting for review/ }).waitFor();
    await type.selectOption('BOARD_CERTIFICATION');
    await search.fill(provider!.name);
    await row.waitFor();
    await row.getByRole('link', { name: waiting.referenceNumber! }).click();
    await page.getByRole('heading', { level: 1, name: `Review ${waiting.referenceNumber!}` }).waitFor();
    await page.locator('.eyebrow').getByRole('link', { name: 'Review queue' }).click();
    await row.waitFor();
    const byLink = await shown();

    // Act: open it again and come back by Back, then reload
    await row.getByRole('link', { name: waiting.referenceNumber! }).click();
    await page.getByRole('heading', { level: 1, name: `Review ${waiting.referenceNumber!}` }).waitFor();
    await page.goBack();
    await row.waitFor();
    const byBack = await shown();
    await page.reload();
    await row.waitFor();
    const reloaded = await shown();

    // Act: the menu's "Review queue" on the filtered queue
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review queue' }).click();
    await page.waitForURL((url) => url.search === '');
    await expect.poll(() => search.inputValue(), { timeout: 5_000 }).toBe('');
    const fromMenu = { search: await search.inputValue(), type: await type.inputValue(), url: page.url() };

    // Assess
    const filtered = { search: provider!.name, type: 'BOARD_CERTIFICATION', rows: 1, path: '/review' };
    expect(byLink).toEqual(filtered);
    expect(byBack).toEqual(filtered);
    expect(reloaded).toEqual(filtered);
    expect(fromMenu).toEqual({ search: '', type: '', url: `${stack.portalUrl}/review` });
    expect(pageErrors(page)).toEqual([]);
  });

  it('is not filtered for the next person after she signs out', async () => {
    // Prepare: her filtered queue, then a review page whose link back would restore it
    const page = session.page;
    const waiting = seeded[0]!;
    await page.goto(`${stack.portalUrl}/review?q=${waiting.referenceNumber!}`);
    await page.getByRole('row').filter({ hasText: waiting.referenceNumber! }).getByRole('link', { name: waiting.referenceNumber! }).click();
    const back = page.locator('.eyebrow').getByRole('link', { name: 'Review queue' });
    await back.waitFor();
    expect(new URL((await back.getAttribute('href'))!, stack.portalUrl).search).toBe(`?q=${waiting.referenceNumber!}`);

    // Act: she signs out; a colleague signs in at the same computer and opens a review page
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAndWait(page, stack, STAFF);
    await page.goto(`${stack.portalUrl}/review/${waiting.submissionId}`);
    await back.waitFor();

    // Assess: the way back is the whole queue
    expect(await back.getAttribute('href')).toBe('/review');
    expect(pageErrors(page)).toEqual([]);
  });
});

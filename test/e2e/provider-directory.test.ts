/**
 * The staff directory in Chromium: a reviewer who gets a call from Dr. Chen opens Providers,
 * searches "chen", sees "Chen, Michael" and the state of his file, opens his page; a reload and
 * Back keep the search; providers are listed family name first, in family-name order; nobody
 * matches "zzz". Axe-clean. The submissions it makes leave the shared queue as found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProviders, officeCv } from '../../testkit/office.js';
import { submitReceived } from '../../testkit/intake-documents.js';
import { axeViolations, pageErrors, screenshot } from './support/browser.js';
import { leaveQueueAsFound } from './support/review.js';
import { useBrowserSession } from './support/session.js';
import { MICHAEL, STAFF, apiSignIn } from './support/stack.js';

const session = useBrowserSession({ signedInAs: STAFF });
const { stack } = session;
const office = { ...stack, endpoints: { ...stack.endpoints, cognito: stack.cognitoUrl } };
const submissionIds: string[] = [];

// Michael Chen has sent a CV: he is in the directory with one document waiting for review. Three
// providers whose given names start "Xi" (no other test's do) have sent one too.
beforeAll(async () => {
  submissionIds.push((await submitReceived(stack, await apiSignIn(stack, MICHAEL), [officeCv('2026-09-01')])).submissionId);
  const names = [
    { givenName: 'Xiomara', familyName: "O'Brien" },
    { givenName: 'Xiu', familyName: 'Abbott' },
    { givenName: 'Xiadani', familyName: 'de la Cruz' },
  ];
  for (const provider of await addProviders(office, names.length, `order${Date.now()}`, names)) submissionIds.push((await submitReceived(stack, provider.token, [officeCv('2026-09-01')])).submissionId);
});
afterAll(async () => {
  for (const submissionId of submissionIds) await leaveQueueAsFound(stack, submissionId);
});

describe('the provider directory', () => {
  it('finds Michael Chen by "chen", opens his page, and keeps the search through a reload and Back', async () => {
    const { page } = session;
    const errors = pageErrors(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers' }).click();
    await page.getByRole('heading', { name: 'Providers', level: 1 }).waitFor();

    // Act: search
    await page.getByRole('searchbox', { name: 'Name or email' }).fill('chen');
    await page.getByRole('button', { name: 'Search' }).click();

    // Assess: the address holds the search; his row says what his file needs
    await page.waitForURL(/\/staff\/providers\?q=chen$/);
    await page.getByRole('heading', { name: 'Providers matching "chen"', level: 2 }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Chen, Michael' }) });
    await row.waitFor();
    expect(await row.getByText(MICHAEL).isVisible()).toBe(true);
    expect(await row.getByText(/waiting for review$/).isVisible()).toBe(true);
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(['Provider', 'Last submitted', 'Her file']);
    await screenshot(page, 'provider-directory');
    expect(await axeViolations(page)).toEqual([]);

    // Act: reload
    await page.reload();

    // Assess: the same search, in the box and in the list
    await row.waitFor();
    expect(await page.getByRole('searchbox', { name: 'Name or email' }).inputValue()).toBe('chen');

    // Act: open his page, then Back
    await row.getByRole('link', { name: 'Chen, Michael' }).click();
    await page.getByRole('heading', { name: 'Credentials of Michael Chen', level: 1 }).waitFor();
    // His page leads back up to the whole directory (the search is Back's to restore).
    expect(await page.locator('.eyebrow').getByRole('link', { name: 'Providers' }).getAttribute('href')).toBe('/staff/providers');
    await page.goBack();

    // Assess
    await page.waitForURL(/\/staff\/providers\?q=chen$/);
    await row.waitFor();
    expect(await page.getByRole('searchbox', { name: 'Name or email' }).inputValue()).toBe('chen');
    expect(errors).toEqual([]);
  });

  it('lists providers family name first, in family-name order, as a credentialing office files them', async () => {
    const { page } = session;
    await page.getByRole('searchbox', { name: 'Name or email' }).fill('xi');
    await page.getByRole('button', { name: 'Search' }).click();

    await page.getByRole('heading', { name: 'Providers matching "xi"', level: 2 }).waitFor();
    await page.getByRole('link', { name: "O'Brien, Xiomara" }).waitFor();
    // Before, by first name: Xiadani de la Cruz, Xiomara O'Brien, Xiu Abbott.
    expect(await page.getByRole('table').getByRole('link').allTextContents()).toEqual(['Abbott, Xiu', 'de la Cruz, Xiadani', "O'Brien, Xiomara"]);
  });

  it('says plainly when nobody matches, and is axe-clean', async () => {
    const { page } = session;
    await page.getByRole('searchbox', { name: 'Name or email' }).fill('zzz');
    await page.getByRole('button', { name: 'Search' }).click();

    await page.getByText('No provider matches "zzz".').waitFor();
    expect(page.url()).toMatch(/\/staff\/providers\?q=zzz$/);
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('refuses a search of more than five words beside the box, sending nothing', async () => {
    const { page } = session;
    await page.getByRole('searchbox', { name: 'Name or email' }).fill('a b c d e f');
    await page.getByRole('button', { name: 'Search' }).click();

    await page.getByText('Search with at most 5 words: part of her name or of her email address.').waitFor();
    expect(await page.getByRole('searchbox', { name: 'Name or email' }).getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toMatch(/\/staff\/providers\?q=zzz$/);
  });

  it('says the list could not be loaded when the connection drops, and loads it on "Try again"', async () => {
    const { page } = session;
    const api = `${stack.apiUrl}/providers**`;
    await page.route(api, (route) => route.abort('internetdisconnected'));
    await page.getByRole('searchbox', { name: 'Name or email' }).fill('mich');
    await page.getByRole('button', { name: 'Search' }).click();

    const problem = page.getByRole('alert').filter({ hasText: 'The providers could not be loaded.' });
    // react-query retries twice before it gives up.
    await problem.waitFor({ timeout: 30_000 });
    expect(await problem.textContent()).toContain('We could not reach the server.');
    await page.unroute(api);
    await problem.getByRole('button', { name: 'Try again' }).click();

    await page.getByRole('link', { name: 'Chen, Michael' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'could not be loaded' }).count()).toBe(0);
  });
});

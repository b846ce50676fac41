/**
 * Staff see every provider's documents, so a staff session left alone signs itself out: a warning
 * a minute before 15 minutes without activity, "Stay signed in" keeps the session, and otherwise
 * the sign-in page says why. Providers, who see only their own documents and may take a while to
 * find a file, are not signed out. The browser's clock is Playwright's, moved forward by the test.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { signInAndWait } from './support/portal.js';
import { useBrowserSession } from './support/session.js';
import { EMILY, STAFF } from './support/stack.js';

const session = useBrowserSession();
const { stack } = session;

/** A page of its own whose clock the test moves, signed in as `username` on her home page. */
async function signedInPage(username: string, home: { name: string; level: number }) {
  const { context, page } = await newPage(session.browser);
  await page.clock.install();
  await signInAndWait(page, stack, username);
  await page.getByRole('heading', home).waitFor();
  return { context, page };
}
const QUEUE = { name: 'Review queue', level: 1 };

describe('signing staff out after 15 minutes without activity', () => {
  it('warns a minute before, keeps the session on "Stay signed in", and otherwise signs out saying why', async () => {
    // Prepare
    const { context, page } = await signedInPage(STAFF, QUEUE);
    const warning = page.getByRole('alertdialog', { name: 'Still there?' });

    // Act: 13 minutes without activity, then one more
    await page.clock.fastForward('13:00');
    // Assess: no warning yet
    expect(await warning.count()).toBe(0);
    await page.clock.fastForward('01:05');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('you will be signed out in less than a minute');
    await screenshot(page, 'idle-warning');
    expect(await axeViolations(page)).toEqual([]);

    // The warning is modal, its button focused: Enter keeps the session without reaching the page behind.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stay signed in');

    // Act: she stays
    await page.keyboard.press('Enter');
    // Assess: the warning goes, and the next 14 minutes start from here
    await warning.waitFor({ state: 'hidden' });
    await page.clock.fastForward('13:30');
    expect(await warning.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);

    // Act: she is gone
    await page.clock.fastForward('01:00');
    await warning.waitFor();
    await page.clock.fastForward('01:00');
    // Assess
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    expect(await page.getByText('You were signed out after 15 minutes without activity').isVisible()).toBe(true);
    expect(await page.getByLabel('Email address').inputValue()).toBe(STAFF);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('counts typing and clicking as activity', async () => {
    // Prepare
    const { context, page } = await signedInPage(STAFF, QUEUE);

    // Act: she types into the queue's search every ten minutes for half an hour
    for (let round = 0; round < 3; round += 1) {
      await page.clock.fastForward('10:00');
      const search = page.getByLabel('Find by reference, provider name or email');
      await search.click();
      await search.pressSequentially(`${round}`);
    }
    await page.clock.fastForward('05:00');

    // Assess
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await context.close();
  });

  it('leaves a provider signed in: she sees only her own documents and may be looking for a file', async () => {
    // Prepare
    const { context, page } = await signedInPage(EMILY, { name: 'My credentials', level: 2 });
    // Act
    await page.clock.fastForward('30:00');
    // Assess
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await context.close();
  });
});

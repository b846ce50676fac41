/** How the credentialing team uses the review screen, in Playwright terms. */
import type { Locator, Page } from 'playwright-core';

/** A document's card on the review screen, by its type's label. */
export const reviewCard = (page: Page, type: string): Locator => page.getByRole('region', { name: type, exact: true });

/** The Decided cell of a submission's row in the review queue. */
export const decidedCell = (page: Page, referenceNumber: string): Locator => page.getByRole('row').filter({ hasText: referenceNumber }).locator('td[data-label="Decided"]');

interface Watched {
  savedWatch?: { observer: MutationObserver; labels: string[] };
}

/**
 * From now on, records the card's decision button label at every change of the card while its
 * "… saved." message shows (a MutationObserver, so no moment between two polls is missed). The
 * returned function reads what was recorded.
 */
export async function labelsBesideSavedMessage(card: Locator): Promise<() => Promise<string[]>> {
  await card.evaluate((element) => {
    const watched = element as Element & Watched;
    watched.savedWatch?.observer.disconnect();
    const labels: string[] = [];
    const observer = new MutationObserver(() => {
      if (element.querySelector('.decision__saved')?.textContent?.trim()) labels.push(element.querySelector('.decision__actions button')?.textContent ?? '');
    });
    observer.observe(element, { subtree: true, childList: true, characterData: true });
    watched.savedWatch = { observer, labels };
  });
  return () => card.evaluate((element) => (element as Element & Watched).savedWatch?.labels ?? []);
}

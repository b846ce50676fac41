/** How the credentialing team uses the review screen, in Playwright terms. */
import type { Locator, Page } from 'playwright-core';
import { callApi } from '../../../testkit/local-api.js';
import { STAFF, apiSignIn, type E2eStack } from './stack.js';

/** A document's card on the review screen, by its type's label. */
export const reviewCard = (page: Page, type: string): Locator => page.getByRole('region', { name: type, exact: true });

/** Verifies a document on the review screen and waits until the screen says it was saved. */
export async function verifyOnScreen(page: Page, type: string): Promise<void> {
  const card = reviewCard(page, type);
  await card.getByRole('radio', { name: 'Verify' }).check();
  await card.getByRole('button', { name: `Save decision on the ${type}` }).click();
  await card.getByText(`Verification of the ${type} saved.`).waitFor();
}

/** Through the API, verifies every document of a submission still waiting and completes its review: a file leaves the shared queue as it found it. */
export async function leaveQueueAsFound(stack: E2eStack, submissionId: string): Promise<void> {
  const staff = await apiSignIn(stack, STAFF);
  const { body } = await callApi(stack, 'GET', `/submissions/${submissionId}`, staff);
  if (body.status !== 'RECEIVED' && body.status !== 'IN_REVIEW') return;
  for (const { documentId } of body.documents as { documentId: string }[]) await callApi(stack, 'POST', `/documents/${documentId}/review`, staff, { decision: 'VERIFIED' });
  const completed = await callApi(stack, 'POST', `/submissions/${submissionId}/complete-review`, staff);
  if (completed.body.status !== 'VERIFIED') throw new Error(`Completing ${submissionId} answered ${completed.status}: ${JSON.stringify(completed.body)}`);
}

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

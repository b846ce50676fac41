/**
 * Two reviewers, two browsers, one document, the same moment: both open the review while it has
 * no decision; one verifies the license while the other rejects it, and both requests reach the
 * API together. Exactly one decision stands; the reviewer whose decision did not land is told so
 * in words, with what she wrote kept; the audit trail has one decision on it and the provider
 * gets one email when the review is completed.
 */
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_GROUP } from '../../src/contract/vocabulary.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws.js';
import { fiveDocuments, submitReceived } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { addProviders, officeUserAttributes, type OfficeUser } from '../../testkit/office.js';
import { axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { signIn } from './support/portal.js';
import { leaveQueueAsFound, reviewCard, verifyOnScreen } from './support/review.js';
import { STAFF, apiSignIn, mailbox, until } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: STAFF });
const { stack } = session;
const REASON = 'The license shown belongs to another physician.';

let provider: OfficeUser;
let submission: { submissionId: string; referenceNumber: string; documents: { documentId: string }[] };
const dana = { username: `dana.whitfield.${Date.now()}@example.org`, password: 'Staff-Dana-2026!' };

beforeAll(async () => {
  const target = { ...stack, endpoints: { ...stack.endpoints, cognito: stack.cognitoUrl } };
  [provider] = (await addProviders(target, 1, `same${Date.now()}`, [{ givenName: 'Keiko', familyName: 'Brandt' }])) as [OfficeUser];
  submission = await submitReceived(stack, provider.token, fiveDocuments().slice(0, 2));
  // A second reviewer, added to the staff group as an administrator would.
  const cognito = new CognitoIdentityProviderClient({ endpoint: stack.cognitoUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const UserPoolId = stack.userPoolId;
  await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username: dana.username, MessageAction: 'SUPPRESS', UserAttributes: officeUserAttributes(dana.username, 'Dana', 'Whitfield') }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: dana.username, Password: dana.password, Permanent: true }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: dana.username, GroupName: STAFF_GROUP }));
  cognito.destroy();
});
// Her submission leaves the shared queue as it found it.
afterAll(() => leaveQueueAsFound(stack, submission.submissionId));

async function openReview(page: Page) {
  await page.goto(`${stack.portalUrl}/review/${submission.submissionId}`);
  await page.getByRole('heading', { name: `Review ${submission.referenceNumber}`, level: 1 }).waitFor();
}

/** Holds each page's decision request until both have sent one, then lets both through together; returns how to stop. */
async function releaseTogether(pages: Page[]): Promise<() => Promise<void>> {
  let held = 0;
  let open!: () => void;
  const together = new Promise<void>((resolve) => (open = resolve));
  const decision = (url: URL) => url.pathname.endsWith('/review') && url.pathname.includes('/documents/');
  for (const page of pages) {
    await page.route(decision, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      if (++held === pages.length) open();
      await together;
      await route.continue();
    });
  }
  return async () => {
    for (const page of pages) await page.unroute(decision);
  };
}

describe('two reviewers deciding the same document at the same moment', () => {
  it('keeps exactly one decision, tells the other reviewer plainly and keeps what she wrote; one audit event, one email', async () => {
    // Prepare: both reviewers have the review open, the license undecided
    const credentialing = session.page;
    const { page: other } = await newPage(session.browser);
    await signIn(other, stack, dana.username, dana.password);
    await other.getByRole('button', { name: 'Sign out' }).waitFor();
    await openReview(credentialing);
    await openReview(other);
    const stopHolding = await releaseTogether([credentialing, other]);
    const verifying = reviewCard(credentialing, 'Medical License');
    const rejecting = reviewCard(other, 'Medical License');
    await verifying.getByRole('radio', { name: 'Verify' }).check();
    await rejecting.getByRole('radio', { name: 'Reject' }).check();
    await rejecting.getByLabel('What is wrong').selectOption({ label: 'Wrong document' });
    await rejecting.getByLabel('Reason the provider will read').fill(REASON);

    // Act: both save at once
    await Promise.all([
      verifying.getByRole('button', { name: 'Save decision on the Medical License' }).click(),
      rejecting.getByRole('button', { name: 'Save decision on the Medical License' }).click(),
    ]);
    const outcome = (card: typeof verifying) => card.getByText(/^(Verification|Rejection) of the Medical License saved\.$/).or(card.getByRole('alert'));
    await outcome(verifying).waitFor();
    await outcome(rejecting).waitFor();

    // Assess: one decision stands, and it is the one its reviewer was told was saved
    const staff = await apiSignIn(stack, STAFF);
    const stored = (await callApi(stack, 'GET', `/submissions/${submission.submissionId}`, staff)).body.documents[0].review;
    const [winner, loser, loserWrote] = stored.decision === 'VERIFIED' ? [verifying, rejecting, REASON] : [rejecting, verifying, ''];
    expect(await winner.getByText(/ of the Medical License saved\.$/).count()).toBe(1);
    expect(await loser.getByText(/ of the Medical License saved\.$/).count()).toBe(0);
    // Assess: the other reviewer is told who decided, and what she chose is still on screen
    const notice = loser.getByRole('alert');
    expect(await notice.textContent()).toMatch(
      new RegExp(`^Your (verification|rejection) of the Medical License was not saved: ${stored.decision === 'VERIFIED' ? 'Credentialing' : 'Dana Whitfield'}.* (verified|rejected) this document while you were deciding`),
    );
    await loser.locator('.decision-summary').getByText(stored.decision === 'VERIFIED' ? 'Verified' : 'Rejected', { exact: true }).waitFor();
    if (loserWrote) {
      expect(await notice.getByRole('textbox', { name: 'What you wrote' }).inputValue()).toBe(REASON);
      expect(await loser.getByLabel('Reason the provider will read').inputValue()).toBe(REASON);
    }
    await notice.scrollIntoViewIfNeeded();
    await screenshot(loser.page(), 'review-same-document-refused');
    expect(await axeViolations(loser.page())).toEqual([]);
    // Assess: one decision in the audit trail
    const audit = await callApi(stack, 'GET', `/submissions/${submission.submissionId}/audit`, staff);
    const decisions = (audit.body.events as { type: string; details: { documentId?: string } }[]).filter(
      (event) => event.type === 'DOCUMENT_REVIEWED' && event.details.documentId === submission.documents[0]!.documentId,
    );
    expect(decisions).toHaveLength(1);

    // Act: the board certification verified, the review completed (in the first browser)
    await stopHolding();
    await openReview(credentialing);
    await verifyOnScreen(credentialing, 'Board Certification');
    await credentialing.getByRole('button', { name: 'Complete review…' }).click();
    await credentialing.getByRole('button', { name: 'Send the outcome' }).click();
    await credentialing.getByRole('heading', { name: 'Review completed' }).waitFor();

    // Assess: one outcome email to the provider
    const emails = await until(
      async () => (await mailbox(stack)).filter((email) => email.destination.to.includes(provider.username) && email.subject.includes(submission.referenceNumber) && !email.subject.startsWith('We received')),
      (found) => found.length > 0,
    );
    await credentialing.getByRole('region', { name: 'Audit trail' }).getByText('Outcome email sent').waitFor();
    expect((await mailbox(stack)).filter((email) => email.destination.to.includes(provider.username) && email.subject.includes(submission.referenceNumber) && !email.subject.startsWith('We received'))).toHaveLength(1);
    expect(emails).toHaveLength(1);
    expect(pageErrors(credentialing)).toEqual([]);
    expect(pageErrors(other)).toEqual([]);
  });
});

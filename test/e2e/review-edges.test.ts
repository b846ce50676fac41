/**
 * The edges of a reviewer's decision and completion in Chromium: an empty reason and one longer
 * than the provider may be sent are named under the field before anything is sent — a long reason
 * pasted in whole, never cut short without a word — and a double click on "Complete review…" and
 * on "Send the outcome" completes once and emails the provider once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiveDocuments, submitReceived } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { addProviders, type OfficeUser } from '../../testkit/office.js';
import { axeViolations, pageErrors } from './support/browser.js';
import { errorText } from './support/portal.js';
import { leaveQueueAsFound, reviewCard, verifyOnScreen } from './support/review.js';
import { STAFF, apiSignIn, mailbox, until } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: STAFF });
const { stack } = session;
// A reason written in a word processor and pasted: 1,200 characters, more than the provider may be sent.
const LONG = 'The scan shows only the upper half of the license; the board seal, the signature and the expiration date are missing. '.repeat(11).slice(0, 1200);

let provider: OfficeUser;
let submission: { submissionId: string; referenceNumber: string; documents: { documentId: string }[] };
const sent: string[] = [];
beforeAll(async () => {
  [provider] = (await addProviders({ ...stack, endpoints: { ...stack.endpoints, cognito: stack.cognitoUrl } }, 1, `edges${Date.now()}`, [{ givenName: 'Tomas', familyName: 'Lindqvist' }])) as [OfficeUser];
  submission = await submitReceived(stack, provider.token, fiveDocuments().slice(0, 2));
  session.page.on('request', (request) => {
    if (request.method() === 'POST' && /\/(review|complete-review)$/.test(new URL(request.url()).pathname)) sent.push(new URL(request.url()).pathname);
  });
});
// Her submission leaves the shared queue as it found it.
afterAll(() => leaveQueueAsFound(stack, submission.submissionId));

describe('a rejection reason that cannot be sent', () => {
  it('names an empty reason and one over 1,000 characters under the field, keeps all she pasted, and sends nothing', async () => {
    // Prepare
    const { page } = session;
    await page.goto(`${stack.portalUrl}/review/${submission.submissionId}`);
    await page.getByRole('heading', { name: `Review ${submission.referenceNumber}`, level: 1 }).waitFor();
    const license = reviewCard(page, 'Medical License');
    await license.getByRole('radio', { name: 'Reject' }).check();
    await license.getByLabel('What is wrong').selectOption({ label: 'Incomplete' });
    const reason = license.getByLabel('Reason the provider will read');
    const save = license.getByRole('button', { name: 'Save decision on the Medical License' });

    // Act: no reason
    await save.click();
    // Assess
    expect(await errorText(reason)).toBe('Write the reason the provider will read: a rejection needs one.');

    // Act: she pastes a reason of 1,200 characters
    await reason.fill(LONG);
    await save.click();

    // Assess: all of it is there to shorten, the count says by how much, the problem is under the field; nothing was sent
    expect(await reason.inputValue()).toBe(LONG);
    expect(await license.getByText('1200 of 1000 characters', { exact: false }).count()).toBe(1);
    expect(await errorText(reason)).toBe('The reason must be at most 1000 characters.');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await reason.getAttribute('id'));
    expect(await axeViolations(page)).toEqual([]);
    expect(sent).toEqual([]);

    // Act: she shortens it and saves
    await reason.fill(LONG.slice(0, 1000));
    await save.click();
    await license.getByText('Rejection of the Medical License saved.').waitFor();

    // Assess: stored whole (trimmed as the API trims)
    const staff = await apiSignIn(stack, STAFF);
    expect((await callApi(stack, 'GET', `/submissions/${submission.submissionId}`, staff)).body.documents[0].review.reason).toBe(LONG.slice(0, 1000).trim());
  });
});

describe('a double click on completing the review', () => {
  it('completes once and sends the provider one email', async () => {
    // Prepare: the board certification verified
    const { page } = session;
    await verifyOnScreen(page, 'Board Certification');

    // Act
    await page.getByRole('button', { name: 'Complete review…' }).dblclick();
    await page.getByRole('button', { name: 'Send the outcome' }).dblclick();
    await page.getByRole('heading', { name: 'Review completed' }).waitFor();
    await page.getByRole('region', { name: 'Audit trail' }).getByText('Outcome email sent').waitFor();

    // Assess
    const outcomeEmails = async () => (await mailbox(stack)).filter((email) => email.destination.to.includes(provider.username) && email.subject.includes(submission.referenceNumber) && !email.subject.startsWith('We received'));
    expect((await until(outcomeEmails, (found) => found.length > 0)).map((email) => email.subject)).toEqual([`Action needed: a document needs to be replaced — ${submission.referenceNumber}`]);
    expect(sent.filter((path) => path.endsWith('/complete-review'))).toHaveLength(1);
    expect(await page.getByRole('region', { name: 'Audit trail' }).getByText('Completed the review: action required').count()).toBe(1);
    expect(pageErrors(page)).toEqual([]);
  });
});

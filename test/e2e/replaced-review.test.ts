/**
 * The staff "Complete review" panel in Chromium when the provider replaced a document while it was
 * in review: the queue counts it as replaced, the replaced document asks for no decision, is not
 * "still to decide", and the preview of what she will receive shows it as replaced; the email she
 * gets asks for nothing.
 */
import { describe, expect, it } from 'vitest';
import { fiveDocuments, submitReceived } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { axeViolations, newPage, pageErrors, screenshot } from './support/browser.js';
import { documentItem, signInAndWait } from './support/portal.js';
import { decidedCell, labelsBesideSavedMessage, reviewCard } from './support/review.js';
import { EMILY, STAFF, apiSignIn, mailbox, until } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: STAFF });
const { stack } = session;

describe('completing a review after the provider replaced a document', () => {
  it('asks no decision on the replaced license, previews it as replaced, and sends an email that asks for nothing', async () => {
    // Prepare: Emily's license and board certificate received; the license rejected (wrong file); she sends the right one
    const [emily, staffToken] = [await apiSignIn(stack, EMILY), await apiSignIn(stack, STAFF)];
    const [licenseDoc, boardDoc] = fiveDocuments();
    const a = await submitReceived(stack, emily, [licenseDoc!, boardDoc!]);
    const oldLicense = a.documents[0]!.documentId;
    const rejected = await callApi(stack, 'POST', `/documents/${oldLicense}/review`, staffToken, { decision: 'REJECTED', reasonCode: 'WRONG_DOCUMENT', reason: 'This is a DEA registration, not a license.' });
    expect(rejected.status).toBe(200);
    const b = await submitReceived(stack, emily, [{ ...licenseDoc!, metadata: { ...licenseDoc!.metadata, fileName: 'the-right-license.pdf', replacesDocumentId: oldLicense } }]);
    const replacedView = await until(
      () => callApi(stack, 'GET', `/submissions/${a.submissionId}`, staffToken),
      (response) => response.body.documents[0].status === 'SUPERSEDED',
    );
    expect(replacedView.body.documents[0].status).toBe('SUPERSEDED');
    const page = session.page;
    const errors = pageErrors(page);

    // Act 1: find it in the queue, then open the review
    // Searched for: the shared queue may hold more than the 25 oldest it loads first.
    await page.goto(`${stack.portalUrl}/review?q=${a.referenceNumber}`);
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    const queueDecided = (await decidedCell(page, a.referenceNumber).textContent())!;
    await page.getByRole('link', { name: a.referenceNumber }).click();
    await page.getByRole('heading', { name: `Review ${a.referenceNumber}`, level: 1 }).waitFor();
    const licenseCard = reviewCard(page, 'Medical License');
    const panel = page.getByRole('region', { name: 'Complete the review' });

    // Assess 1: the queue counts the license as replaced, not undecided; no decision asked on it; only the board certification is still to decide
    expect(queueDecided).toBe('0 of 1 · 1 replaced');
    await licenseCard.getByText('No decision needed: replaced (the earlier rejection does not count).').waitFor();
    expect(await licenseCard.textContent()).toContain('No decision is needed here: the newer version is reviewed with that submission');
    expect(await licenseCard.getByRole('button', { name: /decision on the Medical License/ }).count()).toBe(0);
    expect(await panel.textContent()).toContain('0 of 1 document decided.');
    expect(await panel.textContent()).toContain('Replaced by a newer version, no decision needed: Medical License.');
    expect(await panel.textContent()).toContain('Still to decide: Board Certification.');
    expect(await panel.getByRole('button', { name: 'Complete review…' }).isDisabled()).toBe(true);

    // Act 2: verify the board certification; back in the queue, and to the review again to preview what Emily will receive
    const boardCard = reviewCard(page, 'Board Certification');
    await boardCard.getByRole('radio', { name: 'Verify' }).check();
    const labelsBesideSaved = await labelsBesideSavedMessage(boardCard);
    await boardCard.getByRole('button', { name: 'Save decision on the Board Certification' }).click();
    await boardCard.getByText('Verification of the Board Certification saved.').waitFor();
    const savedLabels = await labelsBesideSaved();
    await page.locator('.eyebrow').getByRole('link', { name: 'Review queue' }).click();
    await decidedCell(page, a.referenceNumber).getByText('1 of 1 · 1 replaced').waitFor();
    const decidedBy = await decidedCell(page, a.referenceNumber).locator('.queue__reviewers').textContent();
    await page.getByRole('link', { name: a.referenceNumber }).click();
    await panel.getByRole('button', { name: 'Complete review…' }).click();
    await panel.getByRole('heading', { name: 'What Emily Johnson will receive' }).waitFor();

    // Assess 2: "saved" never beside "Saving…"; the preview shows the license as replaced, nothing asked of it
    expect(new Set(savedLabels)).toEqual(new Set(['Change decision on the Board Certification']));
    expect(decidedBy).toBe('by Credentialing Office');
    const preview = (await panel.textContent())!;
    expect(preview).toContain('Verified: every document not replaced since is verified.');
    expect(preview).toContain('Medical License (ca-medical-license.pdf): Replaced by the newer version they sent — reviewed with that submission');
    expect(preview).toContain('Board Certification (abim-certificate.png): Verified');
    expect(preview).not.toContain('please send a replacement');
    await screenshot(page, 'review-complete-replaced');
    expect(await axeViolations(page)).toEqual([]);

    // Act 3: send
    await panel.getByRole('button', { name: 'Send the outcome' }).click();
    await page.getByRole('heading', { name: 'Review completed' }).waitFor();

    // Assess 3: verified; one email, which lists the license as replaced and asks for nothing
    expect(await page.getByRole('status').filter({ hasText: 'Verified.' }).count()).toBe(1);
    const emails = await until(
      async () => (await mailbox(stack)).filter((email) => email.subject.includes(a.referenceNumber) && !email.subject.startsWith('We received')),
      (found) => found.length > 0,
    );
    expect(emails.map((email) => email.subject)).toEqual([`Your credentialing documents are verified — ${a.referenceNumber}`]);
    expect(emails[0]!.body.text).toContain(`Replaced by the newer version you sent (reference ${b.referenceNumber}) — reviewed with that submission.`);
    expect(emails[0]!.body.text).not.toContain('Upload a replacement');
    expect(errors).toEqual([]);

    // Act 4 / Assess 4: Emily's own view of the submission asks for nothing either
    const { page: emilyPage } = await newPage(session.browser);
    await signInAndWait(emilyPage, stack, EMILY);
    await emilyPage.goto(`${stack.portalUrl}/submissions/${a.submissionId}`);
    const license = documentItem(emilyPage, 'Medical License');
    await license.getByText('Replaced by the newer version you sent — reviewed with that submission').waitFor();
    expect(await emilyPage.getByText('Your documents are verified, except those you replaced with a newer version').count()).toBe(1);
    expect(await license.getByRole('link', { name: /Send a replacement/ }).count()).toBe(0);
    expect(await license.getByText('Not verified').count()).toBe(0);

    // Act 5: staff open the replacement's review
    await page.goto(`${stack.portalUrl}/review/${b.submissionId}`);
    await page.getByRole('heading', { name: `Review ${b.referenceNumber}`, level: 1 }).waitFor();
    const earlier = reviewCard(page, 'Medical License').getByRole('region', { name: 'The version it takes the place of' });
    await earlier.waitFor();

    // Assess 5: beside the new license, the one it replaces — its reference (a link to it), how it ended; the details are the same
    expect(await earlier.textContent()).toBe(
      `Takes the place of the version on file (${a.referenceNumber}), replaced before its review was completed.Same details as that version; only the file is new.`,
    );
    await earlier.getByRole('link', { name: a.referenceNumber }).click();
    await page.getByRole('heading', { name: `Review ${a.referenceNumber}`, level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});

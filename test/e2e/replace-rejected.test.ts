/**
 * A document rejected in review, replaced from the outcome email's link in Chromium: once the
 * replacement is submitted nothing is left behind on her device — her home page names no
 * unfinished upload — and the same link opened again says the document was already replaced
 * instead of offering to replace it once more.
 */
import { describe, expect, it } from 'vitest';
import { testDocument, submitReceived } from '../../testkit/intake-documents.js';
import { makePdf } from '../../testkit/files.js';
import { callApi } from '../../testkit/local-api.js';
import { pageErrors } from './support/browser.js';
import { fillDocument, pdf, submissionIdFromUrl, waitForOutcome } from './support/portal.js';
import { useBrowserSession } from './support/session.js';
import { MICHAEL, STAFF, apiSignIn, mailbox, until } from './support/stack.js';

// Michael: other files read Emily's newest submission while they run beside this one.
const session = useBrowserSession({ signedInAs: MICHAEL });
const { stack } = session;

describe('a license rejected in review, replaced from the email link', () => {
  it('leaves no unfinished upload behind, and the link opened again says it was already replaced', async () => {
    // Prepare: Michael's Oregon license, rejected by the reviewer; the outcome email's link
    const [michael, staff] = [await apiSignIn(stack, MICHAEL), await apiSignIn(stack, STAFF)];
    const license = testDocument('MEDICAL_LICENSE', 'or-license-scan.pdf', 'application/pdf', makePdf({ pages: 1 }), {
      issueDate: '2025-03-01',
      expirationDate: '2028-12-31',
      issuingAuthority: 'Oregon Medical Board',
      details: { licenseNumber: 'MD-OR-40917', jurisdiction: 'OR' },
    });
    const rejected = await submitReceived(stack, michael, [license]);
    const licenseId = rejected.documents[0]!.documentId;
    expect((await callApi(stack, 'POST', `/documents/${licenseId}/review`, staff, { decision: 'REJECTED', reasonCode: 'ILLEGIBLE', reason: 'The scan is unreadable.' })).status).toBe(200);
    expect((await callApi(stack, 'POST', `/submissions/${rejected.submissionId}/complete-review`, staff)).body.status).toBe('ACTION_REQUIRED');
    const outcome = await until(
      async () => (await mailbox(stack)).find((email) => email.subject === `Action needed: a document needs to be replaced — ${rejected.referenceNumber}`),
      Boolean,
    );
    const link = /(http\S+\/upload\?replaces=[0-9a-f-]+)/.exec(outcome!.body.text ?? '')![1]!;
    const page = session.page;
    const errors = pageErrors(page);

    // Act: the replacement, sent from the link
    await page.goto(link);
    await page.getByRole('heading', { name: 'Replace your Medical License (OR)', level: 1 }).waitFor();
    await fillDocument(page, { title: 'Medical License', file: pdf('or-license-readable.pdf'), fields: { 'Issue date': '2025-03-01', 'Expiration date': '2028-12-31' } });
    await page.getByRole('button', { name: 'Submit 1 document' }).click();
    await page.waitForURL(/\/submissions\//);
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    const replacementId = submissionIdFromUrl(page);
    await until(
      async () => (await callApi(stack, 'GET', `/documents/${licenseId}/history`, michael)).body.credential.current.submissionId as string,
      (current) => current === replacementId,
    );

    // Assess: her home page names no unfinished upload
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    await page.getByRole('heading', { name: 'My credentials', level: 2 }).waitFor();
    await page.getByRole('link', { name: rejected.referenceNumber }).waitFor();
    expect(await page.getByText('You have an unfinished upload.').count()).toBe(0);

    // Assess: the same link again says it was replaced, and offers the current version
    await page.goto(link);
    await page.getByText('This document was already replaced').waitFor();
    expect(await page.getByRole('button', { name: /^Submit/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Renew the current version' }).getAttribute('href')).toMatch(/\/upload\?replaces=[0-9a-f-]+$/);
    expect(errors).toEqual([]);
  });
});

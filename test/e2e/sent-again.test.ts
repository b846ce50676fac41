/**
 * She drafts a credential she already sent: an hour after submitting her California license and
 * her board certification, she opens Upload documents again and types the same license (its
 * number written differently) and the same specialty. Each card tells her, before she uploads,
 * which submission of hers it matches, where it stands, when she sent it and under which
 * reference, with a link to it, and what happens if she sends it anyway. Another number says nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writtenDate } from '../../src/domain/dates.js';
import { callApi } from '../../testkit/local-api.js';
import { addProviders, type OfficeUser } from '../../testkit/office.js';
import { axeViolations, pageErrors, screenshot } from './support/browser.js';
import { card, fillDocument, fillFields, isoDaysFromToday, openUpload, pdf, png, signIn, submissionIdFromUrl, waitForOutcome } from './support/portal.js';
import { leaveQueueAsFound } from './support/review.js';
import { useBrowserSession } from './support/session.js';
import { until } from './support/stack.js';

const session = useBrowserSession();
const { stack } = session;
let provider: OfficeUser;
let sent: { submissionId: string; referenceNumber: string; uploadedAt: string } | undefined;

const LICENSE = { 'Issuing authority': 'Medical Board of California', 'Issue date': isoDaysFromToday(-700), 'Expiration date': isoDaysFromToday(700), 'License number': 'A12345', State: 'CA' };
const BOARD = { 'Issuing authority': 'American Board of Internal Medicine', 'Certification date': isoDaysFromToday(-2000), Specialty: 'Internal Medicine' };
// As the browser writes an instant (its time zone is America/Chicago); spaces normalized, since ICU versions differ in the one before AM/PM.
const sentAt = (instant: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Chicago' }).format(new Date(instant));
const spaced = (text: string | null) => (text ?? '').replace(/\s+/g, ' ');

beforeAll(async () => {
  const target = { ...stack, endpoints: { ...stack.endpoints, cognito: stack.cognitoUrl } };
  [provider] = (await addProviders(target, 1, `again${Date.now()}`, [{ givenName: 'Rosa', familyName: 'Delgado' }])) as [OfficeUser];
  await signIn(session.page, stack, provider.username, provider.password);
  await session.page.getByRole('button', { name: 'Sign out' }).waitFor();
});
// Her submission leaves the shared review queue as it found it.
afterAll(async () => {
  if (sent) await leaveQueueAsFound(stack, sent.submissionId);
});

async function onlyCards(titles: string[]) {
  for (const title of ['Medical License', 'Board Certification', 'DEA Registration', 'Curriculum Vitae', 'Malpractice Insurance']) {
    const remove = session.page.getByRole('button', { name: `Remove ${title}` });
    // The form opens with the draft this device kept, or with all five cards.
    if (!titles.includes(title) && (await remove.count()) > 0) await remove.click();
  }
}

describe('drafting a credential she already sent', () => {
  it('says at the card which submission it matches, where it stands, and what sending it again does; another number says nothing', async () => {
    // Prepare: she submits her license and board certification, and they are received
    const { page } = session;
    await openUpload(page);
    await onlyCards(['Medical License', 'Board Certification']);
    await fillDocument(page, { title: 'Medical License', file: pdf('CA-license.pdf'), fields: LICENSE });
    await fillDocument(page, { title: 'Board Certification', file: png('ABIM.png'), fields: BOARD });
    await page.getByRole('button', { name: 'Submit 2 documents' }).click();
    await page.waitForURL(/\/submissions\//);
    expect(await waitForOutcome(page)).toBe('RECEIVED');
    const submissionId = submissionIdFromUrl(page);
    const view = await callApi(stack, 'GET', `/submissions/${submissionId}`, provider.token);
    sent = { submissionId, referenceNumber: view.body.referenceNumber, uploadedAt: view.body.createdAt };

    // Act: the upload page again, the same license typed with other spacing and case
    await openUpload(page);
    await onlyCards(['Medical License', 'Board Certification']);
    const license = card(page, 'Medical License');
    const notice = license.getByRole('note');
    await fillFields(page, 'Medical License', { ...LICENSE, 'License number': 'a 12-345' });

    // Assess: the card names her earlier submission, where it stands, when, its reference and a link
    // (read at her Submit, it may first say "still being checked": the page reads again until it is received)
    await notice.waitFor();
    await expect.poll(async () => spaced(await notice.textContent()), { timeout: 30_000 }).toBe(
      spaced(
        `You already sent this Medical License (CA)` +
          `Sent on ${sentAt(sent.uploadedAt)} under reference ${sent.referenceNumber}, it is waiting for review. See that submission` +
          `If you send this one too, it takes the place of the one you sent then.` +
          `If it is the same document, you do not need to send it again: remove this card.`,
      ),
    );
    expect(await notice.getByRole('link', { name: 'See that submission' }).getAttribute('href')).toBe(`/submissions/${sent.submissionId}`);
    // The board certification too: lifetime, so sending it again keeps both
    const board = card(page, 'Board Certification').getByRole('note');
    await fillFields(page, 'Board Certification', { ...BOARD, Specialty: 'internal  medicine' });
    await board.waitFor();
    await expect.poll(async () => spaced(await board.textContent()), { timeout: 30_000 }).toBe(
      spaced(
        `You already sent this Board Certification` +
          `Sent on ${sentAt(sent.uploadedAt)} under reference ${sent.referenceNumber}, it is waiting for review. See that submission` +
          `If you send this one too, both are kept, as two Board Certifications.` +
          `If it is the same document, you do not need to send it again: remove this card.`,
      ),
    );
    await license.scrollIntoViewIfNeeded();
    await screenshot(page, 'upload-sent-again');
    expect(await axeViolations(page)).toEqual([]);

    // Act: another number, another specialty
    await fillFields(page, 'Medical License', { 'License number': 'A12346' });
    await fillFields(page, 'Board Certification', { Specialty: 'Cardiology' });

    // Assess: nothing said about either
    await notice.waitFor({ state: 'detached' });
    await board.waitFor({ state: 'detached' });

    // Act: the link leads to the earlier submission
    await fillFields(page, 'Medical License', { 'License number': 'A12345' });
    await notice.getByRole('link', { name: 'See that submission' }).click();
    await page.getByText(sent.referenceNumber).first().waitFor();
    expect(submissionIdFromUrl(page)).toBe(sent.submissionId);
    expect(pageErrors(page)).toEqual([]);
  });

  it('once the team verified it, says the same license renews the one on file instead', async () => {
    // Prepare: the team verifies her submission and the outcome is carried out
    const { page } = session;
    await leaveQueueAsFound(stack, sent!.submissionId);
    await until(
      async () => (await callApi(stack, 'GET', '/credentials', provider.token)).body.credentials as { standing: string }[],
      (credentials) => credentials.every((credential) => credential.standing === 'VERIFIED'),
    );

    // Act: the same license on the upload page, as she would open it later (the page reads her credentials anew)
    await page.reload();
    await openUpload(page);
    await onlyCards(['Medical License']);
    await fillFields(page, 'Medical License', { ...LICENSE, 'License number': 'A-12345' });

    // Assess: nothing on its way any more; the renewal notice, as for any credential on file
    const notice = card(page, 'Medical License').getByRole('note');
    await expect.poll(async () => notice.textContent(), { timeout: 30_000 }).toBe(
      `Renews your Medical License (CA) on fileSent under ${sent!.referenceNumber}, it expires ${writtenDate(LICENSE['Expiration date'])}.Once this one is received it becomes the current version; the earlier one stays in its history.`,
    );
    expect(pageErrors(page)).toEqual([]);
  });
});

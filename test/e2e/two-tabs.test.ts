/**
 * Two tabs of one browser on one draft: the tab she did not change last is told, at once, that
 * the draft changed in the other tab, keeps nothing it could silently lose (it saves nothing and
 * cannot be edited until she loads the latest version), and loading brings what she typed there.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { axeViolations, pageErrors, screenshot } from './support/browser.js';
import { VALID_DEA, card, chooseFile, field, fiveDocuments, fillDocument, fillFields, holdUploads, openSecondTab, openUpload, waitForOutcome } from './support/portal.js';
import { EMILY, apiSignIn } from './support/stack.js';
import { callApi } from '../../testkit/local-api.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: EMILY });
const { stack } = session;
const [, , dea, cv] = fiveDocuments();

const changedElsewhere = (page: Page) => page.getByRole('alert').filter({ hasText: 'This draft was changed in another tab.' });
const deaNumber = (page: Page) => field(card(page, 'DEA Registration'), 'DEA number');
const policyNumber = (page: Page) => field(card(page, 'Malpractice Insurance'), 'Policy number');

const secondTab = (options?: { hearsOtherTabs: boolean }) => openSecondTab(session.page, stack, EMILY, options);

describe('one draft open in two tabs', () => {
  it('tells the older tab that the draft changed in the other one, and loading it there brings what she typed', async () => {
    // Prepare: the draft open in two tabs
    const first = session.page;
    await openUpload(first);
    await fillFields(first, 'Malpractice Insurance', { 'Issuing authority': 'The Doctors Company' });
    const second = await secondTab();
    await expect.poll(() => field(card(second, 'Malpractice Insurance'), 'Issuing authority').inputValue()).toBe('The Doctors Company');

    // Act: she types and chooses a file in the second tab
    await second.bringToFront();
    await fillFields(second, 'DEA Registration', { 'DEA number': VALID_DEA });
    await chooseFile(second, 'Curriculum Vitae', cv!.file);

    // Assess: the first tab says so without her doing anything, and cannot be edited into the void
    await first.bringToFront();
    await changedElsewhere(first).waitFor();
    expect(await policyNumber(first).isDisabled()).toBe(true);
    expect(await first.getByRole('button', { name: 'Submit 5 documents' }).isDisabled()).toBe(true);
    await screenshot(first, 'draft-changed-in-another-tab');
    expect(await axeViolations(first)).toEqual([]);

    // Act: she loads the latest version there, and goes on typing in the first tab
    await changedElsewhere(first).getByRole('button', { name: 'Load the latest version' }).click();
    await expect.poll(() => deaNumber(first).inputValue()).toBe(VALID_DEA);
    expect(await card(first, 'Curriculum Vitae').getByText(cv!.file.name).isVisible()).toBe(true);
    await fillFields(first, 'Malpractice Insurance', { 'Policy number': 'TDC-TWO-TABS' });

    // Assess: now the second tab is the older one; after a reload nothing she typed in either tab is lost
    await changedElsewhere(second).waitFor();
    await second.reload();
    await second.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
    await expect.poll(() => policyNumber(second).inputValue()).toBe('TDC-TWO-TABS');
    expect(await deaNumber(second).inputValue()).toBe(VALID_DEA);
    expect(await card(second, 'Curriculum Vitae').getByText(cv!.file.name).isVisible()).toBe(true);
    expect(await changedElsewhere(second).count()).toBe(0);
    expect([...pageErrors(first), ...pageErrors(second)]).toEqual([]);
    await second.close();
  });

  it('tells the other tab when the draft is cleared in one, which then starts again from the cleared form', async () => {
    // Prepare
    const first = session.page;
    await openUpload(first);
    await fillFields(first, 'DEA Registration', { 'DEA number': VALID_DEA, 'Issuing authority': dea!.fields['Issuing authority']! });
    const second = await secondTab();
    await expect.poll(() => deaNumber(second).inputValue()).toBe(VALID_DEA);

    // Act: she clears the form in the second tab
    second.once('dialog', (dialog) => void dialog.accept());
    await second.getByRole('button', { name: 'Clear form' }).click();
    await expect.poll(() => deaNumber(second).inputValue()).toBe('');

    // Assess: the first tab is told, and starting again there starts from the cleared form
    await first.bringToFront();
    const cleared = first.getByRole('alert').filter({ hasText: 'This draft was cleared in another tab.' });
    await cleared.waitFor();
    expect(await deaNumber(first).isDisabled()).toBe(true);
    await cleared.getByRole('button', { name: 'Start again' }).click();
    await expect.poll(() => deaNumber(first).inputValue()).toBe('');
    await second.reload();
    await second.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
    expect(await deaNumber(second).inputValue()).toBe('');
    await second.close();
  });
  it('in a tab that cannot hear the other (no BroadcastChannel), refuses to save over it at her first change there, and says so', async () => {
    // Prepare: the draft open in two tabs; the second hears nothing from the first
    const first = session.page;
    await openUpload(first);
    await fillFields(first, 'DEA Registration', { 'DEA number': VALID_DEA });
    const second = await secondTab({ hearsOtherTabs: false });
    await expect.poll(() => deaNumber(second).inputValue()).toBe(VALID_DEA);

    // Act: she changes the draft in the first tab, then types in the second
    await first.bringToFront();
    await fillFields(first, 'Malpractice Insurance', { 'Policy number': 'TDC-FIRST-TAB' });
    await second.bringToFront();
    await fillFields(second, 'DEA Registration', { 'Issuing authority': 'Typed in the older tab' });

    // Assess: the second tab says so at once; what she did in the first tab is kept
    await changedElsewhere(second).waitFor();
    expect(await deaNumber(second).isDisabled()).toBe(true);
    await changedElsewhere(second).getByRole('button', { name: 'Load the latest version' }).click();
    await expect.poll(() => policyNumber(second).inputValue()).toBe('TDC-FIRST-TAB');
    expect(await field(card(second, 'DEA Registration'), 'Issuing authority').inputValue()).toBe('');
    await second.close();
  });
  it('opened while the other tab uploads it, says it is being uploaded there, sends nothing, and then says it was submitted', async () => {
    // Prepare: the first tab submits, its uploads held mid-way
    const first = session.page;
    await openUpload(first);
    for (const fixture of fiveDocuments()) await fillDocument(first, fixture);
    let creates = 0;
    const countCreate = (request: Request) => {
      if (request.method() === 'POST' && request.url() === `${stack.apiUrl}/submissions`) creates++;
    };
    first.on('request', countCreate);
    const uploads = await holdUploads(first, stack);
    await first.getByRole('button', { name: 'Submit 5 documents' }).click();
    await expect.poll(uploads.held, { timeout: 20_000 }).toBeGreaterThan(0);

    // Act: she opens the upload page in a second tab
    const second = await secondTab();
    second.on('request', countCreate);

    // Assess: it says where the documents are, and can neither send nor clear them
    await second.getByText('Your documents are being uploaded in another tab.', { exact: false }).waitFor();
    expect(await second.getByText('nothing was submitted', { exact: false }).count()).toBe(0);
    expect(await second.getByRole('button', { name: 'Submit 5 documents' }).isDisabled()).toBe(true);
    expect(await second.getByRole('button', { name: 'Clear form' }).isDisabled()).toBe(true);

    // Act: in a third tab she opens the draft's own page
    const token = await apiSignIn(stack, EMILY);
    const draftId = ((await callApi({ apiUrl: stack.apiUrl }, 'GET', '/submissions', token)).body.items as { submissionId: string; status: string }[]).find((item) => item.status === 'AWAITING_UPLOAD')!.submissionId;
    const third = await secondTab();
    await third.goto(`${stack.portalUrl}/submissions/${draftId}`);
    // Assess: it says where the files are, and offers no discard that would cut the upload short
    await third.getByText('These files are being uploaded right now in another tab of this browser.', { exact: false }).waitFor();
    expect(await third.getByRole('button', { name: 'Discard this draft' }).count()).toBe(0);

    // Act: the first tab's uploads finish
    await uploads.release();
    expect(await waitForOutcome(first)).toBe('RECEIVED');

    // Assess: the second tab says they were submitted; one submission in all
    await second.getByRole('heading', { level: 2, name: /^Submitted — / }).or(second.getByRole('alert').filter({ hasText: 'These documents were submitted in another tab.' })).waitFor();
    expect(creates).toBe(1);
    // The draft's page, left open, now shows the submission itself
    await third.getByRole('heading', { level: 1, name: /^(Validating your documents…|Documents received)$/ }).waitFor();
    await Promise.all([second.close(), third.close()]);
  });
});

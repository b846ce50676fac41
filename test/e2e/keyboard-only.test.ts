/**
 * Keyboard only: sign in, reach the upload form, choose every file, fill every field and submit
 * with Tab, typing, Space and Enter — never the mouse — with a visible focus indicator throughout.
 */
import { describe, expect, it } from 'vitest';
import { REFERENCE_PATTERN } from '../../src/domain/reference-number.js';
import { pageErrors, screenshot } from './support/browser.js';
import { chooseFileWithKeyboard, focused, interceptFileChoosers, tabTo, typeDate, type Focused } from './support/keyboard.js';
import { fiveDocuments, waitForOutcome } from './support/portal.js';
import { EMILY, user } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ prepare: interceptFileChoosers });
const { stack } = session;
const STATE_NAMES: Record<string, string> = { CA: 'California', NY: 'New York' };



function expectVisibleFocus(control: Focused): void {
  const style = control.type === 'file' ? control.labelOutlineStyle : control.outlineStyle;
  expect(style, `focus indicator on ${control.name}`).toBe('solid');
}

describe('keyboard-only use', () => {
  it('signs in and submits all five documents without a mouse', async () => {
    await session.page.goto(stack.portalUrl);
    await session.page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();

    expectVisibleFocus(await tabTo(session.page, /^Email address$/));
    await session.page.keyboard.type(EMILY);
    await tabTo(session.page, /^Password$/);
    await session.page.keyboard.type(user(stack, EMILY).password);
    await session.page.keyboard.press('Enter');
    await session.page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();

    expectVisibleFocus(await tabTo(session.page, /^Upload documents$/));
    await session.page.keyboard.press('Enter');
    await session.page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();

    for (const fixture of fiveDocuments()) {
      const fileInput = await tabTo(session.page, new RegExp(`^Choose file for ${fixture.title}$`));
      expectVisibleFocus(fileInput);
      await chooseFileWithKeyboard(session.page, fixture.file);
      for (const [label, value] of Object.entries(fixture.fields)) {
        const control = await tabTo(session.page, new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\(optional\\))?$`));
        expectVisibleFocus(control);
        if (control.tag === 'SELECT') await session.page.keyboard.type(STATE_NAMES[value] ?? value);
        else if (control.type === 'date') await typeDate(session.page, value);
        else await session.page.keyboard.type(value);
      }
    }
    await session.page.getByRole('region', { name: 'Your documents' }).getByText('Files chosen for all five documents.').waitFor();
    await screenshot(session.page, 'keyboard-before-submit');

    const submit = await tabTo(session.page, /^Submit 5 documents$/);
    expectVisibleFocus(submit);
    await session.page.keyboard.press('Enter');

    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
    expect((await session.page.getByTestId('reference-number').textContent()) ?? '').toMatch(REFERENCE_PATTERN);
    // The new session.page announces itself: focus is on its heading.
    expect((await focused(session.page))?.name).toBe('Documents received');
    // Every value typed by keyboard arrived as typed.
    for (const text of ['Medical Board of California', 'A123456', 'AB1234563', 'Internal Medicine', 'TDC-2026-448812']) {
      expect(await session.page.getByText(text, { exact: true }).first().isVisible(), text).toBe(true);
    }
    await screenshot(session.page, 'keyboard-confirmation');

    expectVisibleFocus(await tabTo(session.page, /^Copy reference number$/));
    expect(pageErrors(session.page)).toEqual([]);
  });
});

/**
 * Keyboard only: sign in, reach the upload form, choose every file, fill every field and submit
 * with Tab, typing, Space and Enter — never the mouse — with a visible focus indicator throughout.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { REFERENCE_PATTERN } from '../../src/domain/reference-number.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { chooseFileWithKeyboard, focused, interceptFileChoosers, tabTo, typeDate, type Focused } from './support/keyboard.js';
import { fiveDocuments, waitForOutcome } from './support/portal.js';
import { EMILY, user } from './support/stack.js';

const stack = inject('stack');
const STATE_NAMES: Record<string, string> = { CA: 'California', NY: 'New York' };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
  interceptFileChoosers(page);
});

afterAll(async () => {
  await browser?.close();
});

function expectVisibleFocus(control: Focused): void {
  const style = control.type === 'file' ? control.labelOutlineStyle : control.outlineStyle;
  expect(style, `focus indicator on ${control.name}`).toBe('solid');
}

describe('keyboard-only use', () => {
  it('signs in and submits all five documents without a mouse', async () => {
    await page.goto(stack.portalUrl);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();

    expectVisibleFocus(await tabTo(page, /^Email address$/));
    await page.keyboard.type(EMILY);
    await tabTo(page, /^Password$/);
    await page.keyboard.type(user(stack, EMILY).password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();

    expectVisibleFocus(await tabTo(page, /^Upload Documents$/));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();

    for (const fixture of fiveDocuments()) {
      const fileInput = await tabTo(page, new RegExp(`^Choose file for ${fixture.title}$`));
      expectVisibleFocus(fileInput);
      await chooseFileWithKeyboard(page, fixture.file);
      for (const [label, value] of Object.entries(fixture.fields)) {
        const control = await tabTo(page, new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\(optional\\))?$`));
        expectVisibleFocus(control);
        if (control.tag === 'SELECT') await page.keyboard.type(STATE_NAMES[value] ?? value);
        else if (control.type === 'date') await typeDate(page, value);
        else await page.keyboard.type(value);
      }
    }
    await page.getByRole('region', { name: 'Your documents' }).getByText('All five documents are ready.').waitFor();
    await screenshot(page, 'keyboard-before-submit');

    const submit = await tabTo(page, /^Submit 5 documents$/);
    expectVisibleFocus(submit);
    await page.keyboard.press('Enter');

    expect(await waitForOutcome(page)).toBe('RECEIVED');
    expect((await page.getByTestId('reference-number').textContent()) ?? '').toMatch(REFERENCE_PATTERN);
    // The new page announces itself: focus is on its heading.
    expect((await focused(page))?.name).toBe('Documents received');
    // Every value typed by keyboard arrived as typed.
    for (const text of ['Medical Board of California', 'A123456', 'AB1234563', 'Internal Medicine', 'TDC-2026-448812']) {
      expect(await page.getByText(text, { exact: true }).first().isVisible(), text).toBe(true);
    }
    await screenshot(page, 'keyboard-confirmation');

    expectVisibleFocus(await tabTo(page, /^Copy reference number$/));
    expect(pageErrors(page)).toEqual([]);
  });
});

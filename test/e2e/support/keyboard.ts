/** Keyboard-only driving: Tab until the wanted control has focus, then type. No mouse, no element.fill(). */
import type { Page } from 'playwright-core';
import type { FilePayload } from './portal.js';

export interface Focused {
  tag: string;
  type: string | null;
  name: string;
  outlineStyle: string;
  outlineWidth: string;
  /** Outline of the label when the control itself is visually hidden (the file inputs). */
  labelOutlineStyle: string | null;
}

/** What has focus, named the way a screen reader would (label, aria-label or text). */
export function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const labels = 'labels' in element ? Array.from((element as HTMLInputElement).labels ?? []) : [];
    const name = (labels.map((label) => label.textContent ?? '').join(' ') || element.getAttribute('aria-label') || element.textContent || '').replace(/\s+/g, ' ').trim();
    const style = getComputedStyle(element);
    return {
      tag: element.tagName,
      type: element.getAttribute('type'),
      name,
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      labelOutlineStyle: labels[0] ? getComputedStyle(labels[0]).outlineStyle : null,
    };
  });
}

export async function tabTo(page: Page, name: RegExp, maxPresses = 80): Promise<Focused> {
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press('Tab');
    const current = await focused(page);
    if (current && name.test(current.name)) return current;
  }
  throw new Error(`Pressing Tab ${maxPresses} times never reached ${name}`);
}

/** Chromium's en-US date field takes month, day and year digits in a row. */
export async function typeDate(page: Page, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-');
  await page.keyboard.type(`${month}${day}${year}`);
}

/**
 * Space on a focused file input opens the file chooser, as it does for a person. Playwright
 * intercepts choosers only while someone listens for them, and switching that on is
 * asynchronous: call `interceptFileChoosers` once per page first, or a quick Space can miss it.
 */
export function interceptFileChoosers(page: Page): void {
  page.on('filechooser', () => undefined);
}

export async function chooseFileWithKeyboard(page: Page, file: FilePayload): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5000 }), page.keyboard.press('Space')]);
  await chooser.setFiles(file);
}

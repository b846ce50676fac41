/** Browser helpers for the e2e tests; launching Chromium is shared with scripts (testkit/chromium.ts). */
import { AxeBuilder } from '@axe-core/playwright';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export { launchBrowser } from '../../../testkit/chromium.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOT_DIR = join(repoRoot, 'test-results/screenshots');

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function newPage(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    locale: 'en-US',
    timezoneId: 'America/Chicago',
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  (page as Page & { problems?: string[] }).problems = problems;
  return { context, page };
}

/** Uncaught errors the page threw (a React crash shows up here). */
export function pageErrors(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; copyTo?: string } = {}): Promise<string> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: options.fullPage ?? false, animations: 'disabled', caret: 'hide' });
  // The pictures in docs/ change only on request, so a test run leaves the tree clean.
  if (options.copyTo && process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
    const target = join(repoRoot, options.copyTo);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(path, target);
  }
  return path;
}

/** WCAG 2.2 A/AA rules that axe can check automatically (2.5.8 target size included); returns readable violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/**
 * What the page showed when its test failed: the address and visible text go to the log (a CI run
 * keeps nothing else), with a screenshot beside the others for a local run.
 */
export async function describeFailedPage(page: Page, testName: string): Promise<void> {
  if (page.isClosed()) return;
  const text = await page.locator('body').innerText({ timeout: 2_000 }).catch((error: Error) => `(no text: ${error.message.split('\n')[0]})`);
  const shot = await screenshot(page, `failed/${testName.replace(/[^\w-]+/g, '-').slice(0, 80)}`).catch(() => null);
  console.error(`[e2e] "${testName}" failed on ${page.url()}${shot ? ` (screenshot ${shot})` : ''}:\n  ${text.replace(/\s*\n\s*/g, ' | ').slice(0, 1_500)}`);
}

/** Browser helpers for the e2e tests; launching Chromium is shared with scripts (testkit/chromium.ts). */
import { AxeBuilder } from '@axe-core/playwright';
import { appendFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export { launchBrowser } from '../../../testkit/chromium.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOT_DIR = join(repoRoot, 'test-results/screenshots');
/** Every failed e2e test's page, appended; `.ci/run` prints it last, where a CI log's tail is kept. */
export const FAILED_PAGES_FILE = join(repoRoot, 'test-results/e2e-failed-pages.txt');

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
  return { context, page: await newTab(context) };
}

/**
 * Playwright intercepts a page's requests while it has a route, and stops when its last route is
 * removed; a request paused at that moment then hangs for ever (a page that never loads its config,
 * a status that stays "Loading…": 7 of 10 pages with requests in flight hung after 50 route/unroute
 * cycles; none with one route kept). This route matches nothing and stays: a test's `unroute` only
 * ever removes its own handler. Never `unrouteAll` a page.
 */
const KEEP_INTERCEPTING = () => false;

/** Another tab of `context` (same storage, its own session), watched like the first: errors, requests. */
export async function newTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.route(KEEP_INTERCEPTING, (route) => route.fallback());
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  (page as Page & { problems?: string[] }).problems = problems;
  recordRequests(page);
  return page;
}

const REQUESTS_KEPT = 25;
const requestLogs = new WeakMap<Page, { line: string; request: unknown }[]>();

/** The page's latest requests and how each ended, for the report of a failed test (what was it waiting for?). */
function recordRequests(page: Page): void {
  const started = Date.now();
  const entries: { line: string; request: unknown }[] = [];
  const at = () => `+${((Date.now() - started) / 1000).toFixed(1)}s`;
  const settle = (request: unknown, outcome: string) => {
    const entry = entries.find((candidate) => candidate.request === request);
    if (entry) entry.line += ` → ${outcome} ${at()}`;
  };
  page.on('request', (request) => {
    const url = new URL(request.url());
    entries.push({ line: `${at()} ${request.method()} ${url.origin === 'null' ? request.url().slice(0, 40) : `${url.port}${url.pathname}`}`, request });
    if (entries.length > REQUESTS_KEPT) entries.shift();
  });
  page.on('requestfinished', (request) => void request.response().then((response) => settle(request, String(response?.status() ?? '?')), () => settle(request, 'finished')));
  page.on('requestfailed', (request) => settle(request, `failed (${request.failure()?.errorText ?? '?'})`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') entries.push({ line: `${at()} console ${message.type()}: ${message.text().slice(0, 200)}`, request: null });
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) entries.push({ line: `${at()} navigated to ${new URL(frame.url()).pathname}`, request: null });
  });
  requestLogs.set(page, entries);
}

function recentRequests(page: Page): string[] {
  return (requestLogs.get(page) ?? []).map(({ line }) => line);
}

/** Uncaught errors the page threw (a React crash shows up here). */
export function pageErrors(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

/**
 * `settleMs`: time for what no event announces (Chromium's PDF viewer painting after a scroll),
 * waited only when the picture goes to docs/; a test run's own pictures, for reading a failure, do
 * not wait for it, and no assertion depends on it.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; copyTo?: string; settleMs?: number } = {}): Promise<string> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  // The pictures in docs/ change only on request, so a test run leaves the tree clean.
  const toDocs = Boolean(options.copyTo && process.env.UPDATE_DOCS_SCREENSHOTS === '1');
  if (toDocs && options.settleMs) await page.waitForTimeout(options.settleMs);
  await page.screenshot({ path, fullPage: options.fullPage ?? false, animations: 'disabled', caret: 'hide' });
  if (options.copyTo && toDocs) {
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
export async function describeFailedPage(page: Page, testName: string, pageIndex = 0): Promise<void> {
  if (page.isClosed()) return;
  const text = await page.locator('body').innerText({ timeout: 2_000 }).catch((error: Error) => `(no text: ${error.message.split('\n')[0]})`);
  const shot = await screenshot(page, `failed/${testName.replace(/[^\w-]+/g, '-').slice(0, 80)}-${pageIndex + 1}`).catch(() => null);
  const state = await page
    .evaluate(() => `document ${document.readyState}, ${document.getElementById('root')?.childElementCount ?? 'no'} element(s) in #root`)
    .catch((error: Error) => `(no state: ${error.message.split('\n')[0]})`);
  const report = [
    `[e2e] "${testName}" failed; page ${pageIndex + 1} on ${page.url()}${shot ? ` (screenshot ${shot})` : ''}, ${state}:`,
    `  ${text.replace(/\s*\n\s*/g, ' | ').slice(0, 1_500)}`,
    '  latest requests (time since the page opened):',
    ...recentRequests(page).map((line) => `    ${line}`),
    ...pageErrors(page).map((problem) => `  ${problem}`),
  ].join('\n');
  console.error(report);
  mkdirSync(dirname(FAILED_PAGES_FILE), { recursive: true });
  appendFileSync(FAILED_PAGES_FILE, `${report}\n\n`);
}

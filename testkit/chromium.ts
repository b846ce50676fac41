/**
 * Debian's Chromium driven by playwright-core (the browser tests and the email previews).
 * `chromium.launch` always starts from a fresh, temporary --user-data-dir of its own (Playwright
 * refuses one passed in `args`), so every run begins without cookies, storage or cache.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
}

/**
 * One browser per e2e file: Chromium launched before the file's tests, a fresh context and page,
 * optionally signed in as a demo user, closed after them.
 */
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeFailedPage, launchBrowser, newPage } from './browser.js';
import { signInAndWait } from './portal.js';
import type { E2eStack } from './stack.js';

export interface BrowserSession {
  readonly stack: E2eStack;
  readonly browser: Browser;
  readonly page: Page;
}

export interface SessionOptions {
  /** Demo user to sign in as before the tests; none leaves the page on about:blank. */
  signedInAs?: string;
  viewport?: { width: number; height: number };
  /** Runs on the new page before signing in (e.g. request listeners, file-chooser hooks). */
  prepare?: (page: Page) => void | Promise<void>;
}

/** Registers beforeAll/afterAll in the calling file; the returned object is filled in beforeAll. */
export function useBrowserSession(options: SessionOptions = {}): BrowserSession {
  const session = { stack: inject('stack') } as { -readonly [K in keyof BrowserSession]: BrowserSession[K] };
  beforeAll(async () => {
    session.browser = await launchBrowser();
    ({ page: session.page } = await newPage(session.browser, options.viewport));
    await options.prepare?.(session.page);
    if (options.signedInAs) await signInAndWait(session.page, session.stack, options.signedInAs);
  });
  beforeEach(({ onTestFailed, task }) => {
    // Every page still open in this file's browser: the one that failed may be a second tab or reviewer.
    onTestFailed(async () => {
      const pages = session.browser?.contexts().flatMap((context) => context.pages()) ?? [];
      for (const [index, page] of pages.entries()) await describeFailedPage(page, task.name, index);
    });
  });
  afterAll(async () => {
    await session.browser?.close();
  });
  return session;
}

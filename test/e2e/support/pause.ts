/**
 * Requests paused in the browser itself, by the DevTools protocol, for the addresses asked for
 * alone: the page's other requests (its config, its status polls) never pass through a test's
 * handler, across reloads included. Releasing never switches the interception off — a request
 * paused at that moment would hang (as with Playwright's last route, support/browser.ts) — it lets
 * every paused request go on until the page closes.
 */
import type { Page } from 'playwright-core';

/** What of a DevTools `Fetch.requestPaused` event is read here. */
interface PausedEvent {
  requestId: string;
  request: { url: string; method: string; headers: Record<string, string>; postData?: string; postDataEntries?: { bytes?: string }[] };
  /** Set when paused at the response stage. */
  responseStatusCode?: number;
}

/** A paused request as the browser was sending it; `body` in latin1, so multipart text reads as sent. */
export interface PausedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface Paused {
  /** The requests held so far, oldest first. */
  readonly held: PausedRequest[];
  /** Lets every held request go on (those of a page since reloaded are gone), and every later one. */
  release(): Promise<void>;
}

export interface PauseOptions {
  /**
   * `Request` (default): held before it leaves the browser. `Response`: held once the server has
   * answered, so the server acted on it and the page never hears back.
   */
  stage?: 'Request' | 'Response';
  /** Which paused requests are held; the others go on at once. Default: all. */
  hold?: (request: PausedRequest) => boolean;
}

/** Pauses the page's requests to `urlPattern` (`*` matches anything) until `release()`. */
export async function pauseRequests(page: Page, urlPattern: string, { stage = 'Request', hold = () => true }: PauseOptions = {}): Promise<Paused> {
  const devtools = await page.context().newCDPSession(page);
  const waiting: PausedEvent[] = [];
  const held: PausedRequest[] = [];
  let released = false;
  const resume = (paused: PausedEvent) =>
    (paused.responseStatusCode === undefined ? devtools.send('Fetch.continueRequest', { requestId: paused.requestId }) : devtools.send('Fetch.continueResponse', { requestId: paused.requestId })).catch(
      () => undefined,
    );
  devtools.on('Fetch.requestPaused', (paused: PausedEvent) => {
    const request = { url: paused.request.url, method: paused.request.method, headers: paused.request.headers, body: bodyOf(paused.request) };
    // A CORS preflight is the browser's own (`page.route` never sees one): it goes on, and the request after it is paused.
    if (released || request.method === 'OPTIONS' || !hold(request)) return void resume(paused);
    held.push(request);
    waiting.push(paused);
  });
  await devtools.send('Fetch.enable', { patterns: [{ urlPattern, requestStage: stage }] });
  return {
    held,
    async release() {
      released = true;
      await Promise.all(waiting.splice(0).map(resume));
    },
  };
}

function bodyOf(request: PausedEvent['request']): string {
  if (request.postDataEntries) return request.postDataEntries.map((entry) => Buffer.from(entry.bytes ?? '', 'base64').toString('latin1')).join('');
  return request.postData ?? '';
}

/**
 * A page runs one build of the portal and loads its parts (route chunks, their CSS) when first
 * opened. When the server has another build by then and the old part is gone, the part cannot load:
 * the page then reloads once by itself when nothing would be lost, or says so and offers Reload.
 */

/** What each browser says when a module or Vite's CSS preload cannot be loaded. */
const CHUNK_LOAD_FAILURES = [
  /Failed to fetch dynamically imported module/i, // Chromium
  /error loading dynamically imported module/i, // Firefox
  /Importing a module script failed/i, // Safari
  /Unable to preload CSS/i, // Vite's preload of a chunk's stylesheet
];

export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return CHUNK_LOAD_FAILURES.some((pattern) => pattern.test(message));
}

export interface ReloadFacts {
  /** Files of hers are being sent from this page: a reload would stop them. */
  uploadingHere: boolean;
  /** The build this page runs (its entry script's address). */
  thisBuild: string;
  /** The build this tab last reloaded itself from, if it did. */
  reloadedFrom: string | null;
}

/**
 * Once per build: a reload that brings the same build back (the part is missing, not replaced)
 * would fail again, so the second time she is asked instead of reloading in a loop.
 */
export function mayReloadBySelf({ uploadingHere, thisBuild, reloadedFrom }: ReloadFacts): boolean {
  return !uploadingHere && reloadedFrom !== thisBuild;
}

const RELOADED_FROM = 'portal:reloaded-from-build';

export function currentBuild(): string {
  return document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src ?? '';
}

export function lastReloadedFrom(): string | null {
  try {
    return sessionStorage.getItem(RELOADED_FROM);
  } catch {
    return null;
  }
}

/** Notes that this tab reloads itself from `build`; false when it cannot be noted (then it must not: it could loop). */
export function rememberReloadFrom(build: string): boolean {
  try {
    sessionStorage.setItem(RELOADED_FROM, build);
    return true;
  } catch {
    return false;
  }
}

/**
 * A new portal build never takes away the files of the one a page was opened from (the build keeps
 * earlier assets and prunes only week-old ones nothing names), and a page whose part is gone
 * anyway reloads by itself at most once per build, never while it uploads.
 */
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import viteConfig from '../../web/vite.config.js';
import { KEEP_OLD_ASSETS_MS, oldAssets, pruneAssetsDir } from '../../web/old-assets.js';
import { isChunkLoadError, mayReloadBySelf } from '../../web/src/new-version.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 27, 12);

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the portal build', () => {
  it('does not empty web/dist, so a stack serving it keeps the chunks its open pages ask for', () => {
    expect(viteConfig.build?.emptyOutDir).toBe(false);
  });

  it('prunes only files this build does not name and that were written more than a week ago', () => {
    const files = [
      { name: 'UploadPage-new.js', modifiedMs: NOW },
      { name: 'index-kept.css', modifiedMs: NOW - 30 * DAY }, // the same name again: the same file
      { name: 'UploadPage-yesterday.js', modifiedMs: NOW - DAY },
      { name: 'UploadPage-last-month.js', modifiedMs: NOW - 30 * DAY },
      { name: 'UploadPage-last-month.js.map', modifiedMs: NOW - 30 * DAY },
    ];
    expect(oldAssets(files, new Set(['UploadPage-new.js', 'index-kept.css']), NOW)).toEqual(['UploadPage-last-month.js', 'UploadPage-last-month.js.map']);
    expect(oldAssets([{ name: 'a.js', modifiedMs: NOW - KEEP_OLD_ASSETS_MS }], new Set(), NOW)).toEqual([]);
  });

  it('deletes those files from the assets folder and leaves the rest', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'portal-assets-'));
    for (const name of ['current.js', 'recent.js', 'old.js']) writeFileSync(path.join(dir, name), '');
    const old = new Date(NOW - 8 * DAY);
    utimesSync(path.join(dir, 'old.js'), old, old);
    utimesSync(path.join(dir, 'current.js'), old, old);
    utimesSync(path.join(dir, 'recent.js'), new Date(NOW - DAY), new Date(NOW - DAY));

    expect(pruneAssetsDir(dir, new Set(['current.js']), NOW)).toEqual(['old.js']);
    expect(readdirSync(dir).sort()).toEqual(['current.js', 'recent.js']);
    expect(pruneAssetsDir(path.join(dir, 'missing'), new Set(), NOW)).toEqual([]);
  });
});

describe('a page whose part could not load', () => {
  it('recognises each browser\'s failed module load and Vite\'s failed stylesheet preload, nothing else', () => {
    for (const message of [
      'Failed to fetch dynamically imported module: https://portal.example/assets/UploadPage-x.js',
      'error loading dynamically imported module: https://portal.example/assets/UploadPage-x.js',
      'Importing a module script failed.',
      'Unable to preload CSS for /assets/UploadPage-x.css',
    ]) {
      expect(isChunkLoadError(new TypeError(message)), message).toBe(true);
    }
    expect(isChunkLoadError(new Error('Request failed with status 500'))).toBe(false);
    expect(isChunkLoadError({ status: 404 })).toBe(false);
    expect(isChunkLoadError(undefined)).toBe(false);
  });

  it('reloads by itself once per build, and never while her files are uploading from it', () => {
    const build = 'https://portal.example/assets/index-a.js';
    expect(mayReloadBySelf({ uploadingHere: false, thisBuild: build, reloadedFrom: null })).toBe(true);
    // The reload brought the same build back: the part is missing, not replaced; she is asked.
    expect(mayReloadBySelf({ uploadingHere: false, thisBuild: build, reloadedFrom: build })).toBe(false);
    // A later build fails in turn: one reload again.
    expect(mayReloadBySelf({ uploadingHere: false, thisBuild: 'https://portal.example/assets/index-b.js', reloadedFrom: build })).toBe(true);
    expect(mayReloadBySelf({ uploadingHere: true, thisBuild: build, reloadedFrom: null })).toBe(false);
  });
});

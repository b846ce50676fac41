/**
 * The build no longer empties web/dist (a stack serving it keeps its open pages' chunks, as the
 * deployed bucket does). What it leaves behind is pruned here: files in assets/ that the new build
 * does not name and that have not been written for a week (no page stays open that long on a
 * development machine). Content-hashed names mean a file written again is the same file.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export const KEEP_OLD_ASSETS_MS = 7 * 24 * 60 * 60 * 1000;

export interface AssetFile {
  name: string;
  modifiedMs: number;
}

/** Files of earlier builds that may go: not in this build, and older than `keepMs`. */
export function oldAssets(files: AssetFile[], thisBuild: ReadonlySet<string>, now: number, keepMs = KEEP_OLD_ASSETS_MS): string[] {
  return files.filter((file) => !thisBuild.has(file.name) && now - file.modifiedMs > keepMs).map((file) => file.name);
}

/** Deletes the old files of `assetsDir`; returns their names. */
export function pruneAssetsDir(assetsDir: string, thisBuild: ReadonlySet<string>, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(assetsDir);
  } catch {
    return [];
  }
  const files = names.map((name) => ({ name, modifiedMs: statSync(join(assetsDir, name)).mtimeMs }));
  const old = oldAssets(files, thisBuild, now);
  for (const name of old) rmSync(join(assetsDir, name), { force: true });
  return old;
}

export function pruneOldAssets(): Plugin {
  return {
    name: 'prune-old-assets',
    apply: 'build',
    writeBundle(options, bundle) {
      if (!options.dir) return;
      const thisBuild = new Set(Object.keys(bundle).filter((file) => file.startsWith('assets/')).map((file) => file.slice('assets/'.length)));
      pruneAssetsDir(join(options.dir, 'assets'), thisBuild);
    },
  };
}

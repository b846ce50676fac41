/**
 * Things the local runtime derives from the project's sources (the synthesized template, the
 * function bundles), kept under node_modules/.cache and keyed by a hash of the source files they
 * were made from plus the lockfile: reused while nothing changed, made again after any change.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Metafile } from 'esbuild';
import { PROJECT_ROOT } from '../infra/project-root.js';

export const CACHE_ROOT = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'credentialing-local');

/** Hash of `salt`, the lockfile and each project-relative file (a missing file counts as changed). */
export function hashSources(inputs: string[], salt: string): string {
  const hash = createHash('sha256').update(salt);
  for (const file of ['package-lock.json', ...inputs]) {
    const absolute = path.join(PROJECT_ROOT, file);
    hash.update(`\0${file}\0`);
    hash.update(existsSync(absolute) ? readFileSync(absolute) : 'missing');
  }
  return hash.digest('hex').slice(0, 24);
}

/** The project's own files an esbuild build read (paths relative to the project root). */
export function projectInputs(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs)
    .filter((input) => !input.includes('node_modules/'))
    .sort();
}

export function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Written aside and renamed into place, so a reader never sees half a file. */
export function writeJsonAtomically(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value));
  renameSync(temporary, file);
}

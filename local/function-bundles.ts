/**
 * Every function's entry bundled by esbuild at start, as Lambda runs a bundle rather than
 * TypeScript sources. One build for all entries (shared chunks), cached by a hash of the
 * sources it read and the lockfile: a restart after no change reuses it, any change rebuilds.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { PROJECT_ROOT } from '../infra/project-root.js';
import { LAMBDA_ESM_BANNER, LAMBDA_MAIN_FIELDS } from '../src/contract/service.js';
import { CACHE_ROOT, hashSources, projectInputs, readJson, writeJsonAtomically } from './source-cache.js';
import { LocalStartError } from './start-error.js';

const CACHE_DIR = path.join(CACHE_ROOT, 'functions');
/** Builds kept (≈ 4 MB each): the test suite makes four sets of entries, and one more would evict the template's own build mid-run. */
const KEPT_BUILDS = 8;

interface Manifest {
  /** Project-relative source files the build read (outside node_modules). */
  inputs: string[];
  /** Entry (project-relative) → bundle file (relative to the build folder). */
  outputs: Record<string, string>;
}

export interface FunctionBundles {
  /** Absolute path of the bundle of a project-relative entry. */
  bundleOf(entry: string): string;
  rebuilt: boolean;
}

const buildOptions = (entries: string[]): esbuild.BuildOptions => ({
  absWorkingDir: PROJECT_ROOT,
  entryPoints: entries,
  outbase: '.',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: `node${process.versions.node.split('.')[0]}`,
  mainFields: [...LAMBDA_MAIN_FIELDS],
  outExtension: { '.js': '.mjs' },
  sourcemap: 'linked',
  sourcesContent: false,
  banner: { js: LAMBDA_ESM_BANNER },
  metafile: true,
  logLevel: 'silent',
});

const hashOf = (entries: string[], inputs: string[]) => hashSources(inputs, JSON.stringify({ esbuild: esbuild.version, options: buildOptions(entries), node: process.versions.node }));

/** The newest cached build for these entries whose sources are unchanged, if any. */
function cachedBuild(entries: string[]): { dir: string; manifest: Manifest } | null {
  if (!existsSync(CACHE_DIR)) return null;
  const builds = readdirSync(CACHE_DIR).filter((name) => !name.startsWith('.'));
  for (const name of builds.sort((a, b) => statSync(path.join(CACHE_DIR, b)).mtimeMs - statSync(path.join(CACHE_DIR, a)).mtimeMs)) {
    const dir = path.join(CACHE_DIR, name);
    const manifest = readJson<Manifest>(path.join(dir, 'manifest.json'));
    if (!manifest || entries.some((entry) => !manifest.outputs[entry])) continue;
    if (hashOf(entries, manifest.inputs) === name) return { dir, manifest };
  }
  return null;
}

export async function bundleFunctions(entries: string[]): Promise<FunctionBundles> {
  const sorted = [...new Set(entries)].sort();
  const cached = cachedBuild(sorted);
  const found = cached ?? (await build(sorted));
  return { bundleOf: (entry) => path.join(found.dir, found.manifest.outputs[entry]!), rebuilt: !cached };
}

async function build(entries: string[]): Promise<{ dir: string; manifest: Manifest }> {
  mkdirSync(CACHE_DIR, { recursive: true });
  // Built aside and renamed into place, so a second runtime starting at the same time never reads half a build.
  const staging = path.join(CACHE_DIR, `.build-${process.pid}-${Date.now()}`);
  let result: esbuild.BuildResult;
  try {
    result = await esbuild.build({ ...buildOptions(entries), outdir: staging });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const messages = (error as esbuild.BuildFailure).errors?.map((e) => `${e.location?.file ?? ''}:${e.location?.line ?? ''} ${e.text}`) ?? [String(error)];
    throw new LocalStartError(`Bundling the template's functions with esbuild failed:\n  ${messages.join('\n  ')}`);
  }
  const outputs: Record<string, string> = {};
  for (const [file, output] of Object.entries(result.metafile!.outputs)) {
    // Metafile paths are relative to absWorkingDir (the project root).
    if (output.entryPoint) outputs[output.entryPoint] = path.relative(staging, path.resolve(PROJECT_ROOT, file));
  }
  const manifest: Manifest = { inputs: projectInputs(result.metafile!), outputs };
  writeJsonAtomically(path.join(staging, 'manifest.json'), manifest);
  const dir = path.join(CACHE_DIR, hashOf(entries, manifest.inputs));
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // the same build finished first elsewhere
  }
  pruneOldBuilds();
  return { dir, manifest };
}

function pruneOldBuilds(): void {
  const all = readdirSync(CACHE_DIR).map((name) => ({ name, dir: path.join(CACHE_DIR, name), mtime: statSync(path.join(CACHE_DIR, name)).mtimeMs }));
  const builds = all.filter(({ name }) => !name.startsWith('.')).sort((a, b) => b.mtime - a.mtime);
  // Staging folders left by a build that was killed.
  const abandoned = all.filter(({ name, mtime }) => name.startsWith('.build-') && Date.now() - mtime > 10 * 60_000);
  for (const old of [...builds.slice(KEPT_BUILDS), ...abandoned]) rmSync(old.dir, { recursive: true, force: true });
}

/**
 * The Lambda layer of the cross-check step: the OCR engine (tesseract.js, its WebAssembly core,
 * the English model) and pdf.js, copied from node_modules into `nodejs/node_modules/` so that in
 * Lambda they sit under /opt/nodejs/node_modules (on NODE_PATH) and the function's bundle, which
 * leaves them out, resolves them exactly as it does locally (src/adapters/text-extraction/
 * runtime-modules.ts). Only the files used at run time are copied: the WebAssembly cores (tesseract.js 7 in Node always loads the full core, not the -lstm one), the
 * best_int English model, pdf.js's legacy build and its decoders.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Packages the step imports at run time and the bundle must leave out. */
export const TEXT_EXTRACTION_MODULES = ['tesseract.js', '@tesseract.js-data/eng', 'pdfjs-dist'] as const;

/** Which files of a package to ship (paths relative to the package); everything else is left out. */
const KEEP: Record<string, (file: string) => boolean> = {
  'tesseract.js': (file) => file === 'package.json' || file.startsWith('src/') || file.startsWith('LICENSE'),
  'tesseract.js-core': (file) => file === 'package.json' || file === 'LICENSE' || /^tesseract-core(-relaxedsimd|-simd)?\.(js|wasm)$/.test(file),
  '@tesseract.js-data/eng': (file) => file === 'package.json' || file.startsWith('4.0.0_best_int/'),
  'pdfjs-dist': (file) => file === 'package.json' || file === 'LICENSE' || file === 'legacy/build/pdf.mjs' || file === 'legacy/build/pdf.worker.mjs' || (file.startsWith('wasm/') && !file.endsWith('nowasm_fallback.js')),
  // Browser-only storage for cached models, required by tesseract.js but never called in Node.
  'idb-keyval': (file) => file === 'package.json' || file === 'LICENSE' || file.startsWith('dist/'),
};
/** Optional dependencies we never use: pdf.js only needs a canvas to render pages, which we do not. */
const SKIP = new Set(['@napi-rs/canvas', 'node-readable-to-web-readable-stream', 'opencollective-postinstall']);

const resolver = createRequire(import.meta.url);

/** What decides the layer's contents: the installed versions (the lockfile) and this file's selection. */
export function layerInputsHash(): string {
  const hash = createHash('sha256');
  for (const file of [path.join(import.meta.dirname, '..', 'package-lock.json'), import.meta.filename]) hash.update(readFileSync(file));
  return hash.digest('hex');
}

function packageDir(name: string, from?: string): string {
  const require = from ? createRequire(path.join(from, 'package.json')) : resolver;
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** The packages and their run-time dependencies, each with the directory it is installed in. */
function closure(): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (name: string, from?: string) => {
    if (found.has(name) || SKIP.has(name)) return;
    const dir = packageDir(name, from);
    found.set(name, dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir);
  };
  for (const name of TEXT_EXTRACTION_MODULES) visit(name);
  return found;
}

function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesOf(dir, relative);
    return [relative];
  });
}

export interface LayerContents {
  packages: string[];
  files: number;
  bytes: number;
}

/** Writes the layer into `outDir` (its `nodejs/node_modules/...`), returning what went in. */
export function assembleTextExtractionLayer(outDir: string): LayerContents {
  const target = path.join(outDir, 'nodejs', 'node_modules');
  let files = 0;
  let bytes = 0;
  const packages = closure();
  for (const [name, dir] of packages) {
    const keep = KEEP[name] ?? ((file: string) => !/\.(md|map|d\.ts|d\.mts)$/.test(file) && !file.startsWith('test'));
    for (const file of filesOf(dir).filter(keep)) {
      const destination = path.join(target, name, file);
      mkdirSync(path.dirname(destination), { recursive: true });
      cpSync(path.join(dir, file), destination);
      files += 1;
      bytes += statSync(destination).size;
    }
    if (!existsSync(path.join(target, name, 'package.json'))) throw new Error(`layer: ${name} has no package.json`);
  }
  return { packages: [...packages.keys()].sort(), files, bytes };
}

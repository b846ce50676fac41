/**
 * `npm run package:crosscheck [outDir]`: builds what the cross-check step ships to Lambda (ARM64,
 * nodejs22.x) and prints the sizes: the function bundle (esbuild, ESM, minified, the OCR engine
 * and pdf.js left out) and the layer holding them (infra/text-extraction-layer.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { assembleTextExtractionLayer, TEXT_EXTRACTION_MODULES, type LayerContents } from '../infra/text-extraction-layer.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface CrossCheckPackage {
  bundleFile: string;
  bundleBytes: number;
  layerDir: string;
  layer: LayerContents;
}

export async function packageCrossCheck(outDir: string): Promise<CrossCheckPackage> {
  const bundleFile = path.join(outDir, 'function', 'index.mjs');
  await build({
    entryPoints: [path.join(root, 'testkit', 'cross-check-lambda-entry.ts')],
    outfile: bundleFile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: [...TEXT_EXTRACTION_MODULES],
    banner: { js: "import { createRequire as topLevelCreateRequire } from 'module'; const require = topLevelCreateRequire(import.meta.url);" },
    logLevel: 'error',
  });
  const layerDir = path.join(outDir, 'layer');
  return { bundleFile, bundleBytes: statSync(bundleFile).size, layerDir, layer: assembleTextExtractionLayer(layerDir) };
}

/** Size of the directory as a zip (what is uploaded; Lambda's 50 MB limit applies to it). */
export function zippedBytes(dir: string, zipFile: string): number {
  execFileSync('zip', ['-qr9', zipFile, '.'], { cwd: dir });
  return statSync(zipFile).size;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = process.argv[2] ?? mkdtempSync(path.join(tmpdir(), 'cross-check-package-'));
  const built = await packageCrossCheck(outDir);
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  console.log(`function bundle: ${built.bundleFile} ${(built.bundleBytes / 1024).toFixed(0)} KiB (zip ${(zippedBytes(path.dirname(built.bundleFile), path.join(outDir, 'function.zip')) / 1024).toFixed(0)} KiB)`);
  console.log(`layer: ${built.layerDir} ${built.layer.files} files, ${mib(built.layer.bytes)} unzipped, ${mib(zippedBytes(built.layerDir, path.join(outDir, 'layer.zip')))} zipped`);
  console.log(`layer packages: ${built.layer.packages.join(', ')}`);
}

/**
 * `npm run package:crosscheck [outDir]`: builds what the cross-check step ships to Lambda (ARM64,
 * nodejs22.x) and prints the sizes: the step function's bundle (esbuild, ESM, minified, as CDK
 * bundles it: the OCR engine and pdf.js left out), the layer holding them
 * (infra/text-extraction-layer.ts), and a probe bundle of the adapters alone (no AWS SDK) that the
 * packaging test runs offline.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { assembleTextExtractionLayer, TEXT_EXTRACTION_MODULES, type LayerContents } from '../infra/text-extraction-layer.js';
import { LAMBDA_ESM_BANNER, LAMBDA_MAIN_FIELDS } from '../src/contract/service.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface CrossCheckPackage {
  /** The workflow step's function, as it ships. */
  stepFile: string;
  stepBytes: number;
  /** The adapters and use case alone, run offline by the packaging test. */
  bundleFile: string;
  bundleBytes: number;
  layerDir: string;
  layer: LayerContents;
}

async function bundle(entry: string, outfile: string): Promise<number> {
  await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: [...TEXT_EXTRACTION_MODULES],
    // As the stack bundles every function (infra/constructs/service-function.ts).
    mainFields: [...LAMBDA_MAIN_FIELDS],
    banner: { js: LAMBDA_ESM_BANNER },
    logLevel: 'error',
  });
  return statSync(outfile).size;
}

export async function packageCrossCheck(outDir: string): Promise<CrossCheckPackage> {
  const stepFile = path.join(outDir, 'function', 'index.mjs');
  const bundleFile = path.join(outDir, 'probe', 'index.mjs');
  const [stepBytes, bundleBytes] = await Promise.all([bundle('src/handlers/steps/cross-check-document.ts', stepFile), bundle('testkit/cross-check-lambda-entry.ts', bundleFile)]);
  const layerDir = path.join(outDir, 'layer');
  return { stepFile, stepBytes, bundleFile, bundleBytes, layerDir, layer: assembleTextExtractionLayer(layerDir) };
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
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log(`step function bundle: ${built.stepFile} ${kib(built.stepBytes)} (zip ${kib(zippedBytes(path.dirname(built.stepFile), path.join(outDir, 'function.zip')))})`);
  console.log(`  the text extraction and cross-check code alone (no AWS SDK): ${kib(built.bundleBytes)} (zip ${kib(zippedBytes(path.dirname(built.bundleFile), path.join(outDir, 'probe.zip')))})`);
  console.log(`layer: ${built.layerDir} ${built.layer.files} files, ${mib(built.layer.bytes)} unzipped, ${mib(zippedBytes(built.layerDir, path.join(outDir, 'layer.zip')))} zipped`);
  console.log(`layer packages: ${built.layer.packages.join(', ')}`);
}

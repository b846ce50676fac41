/**
 * The cross-check step as it ships to Lambda: the esbuild bundle (OCR engine and pdf.js left
 * out) plus the layer directory, run by a plain `node` whose only module path is the layer
 * (NODE_PATH, as Lambda sets it) inside a network namespace with no interface up (`unshare -rn`):
 * any download of the OCR model, the engine or a pdf.js decoder would fail the run.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageCrossCheck, type CrossCheckPackage } from '../../scripts/package-cross-check.js';
import { crossCheckCorpus } from '../../testkit/cross-check-corpus.js';

const run = promisify(execFile);

const PROBE = `
import { readFileSync } from 'node:fs';
import os from 'node:os';
const { handler, shutdown } = await import(process.argv[2]);
const results = [];
for (const doc of JSON.parse(readFileSync(process.argv[3], 'utf8'))) {
  results.push(await handler({ documentBase64: readFileSync(doc.file).toString('base64'), contentType: doc.contentType, expected: doc.expected }));
}
await shutdown();
console.log(JSON.stringify({ results, interfaces: Object.entries(os.networkInterfaces()).flatMap(([name, addresses]) => addresses.map((a) => name + ' ' + a.address)) }));
`;

describe('cross-check packaging for Lambda', () => {
  let dir: string;
  let built: CrossCheckPackage;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cross-check-lambda-'));
    built = await packageCrossCheck(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles the step small, leaving the OCR engine, its model and pdf.js to the layer', () => {
    expect(built.bundleBytes).toBeLessThan(200 * 1024);
    for (const file of [built.bundleFile, built.stepFile]) {
      const bundle = readFileSync(file, 'utf8');
      expect(bundle).not.toContain('TesseractCore');
      expect(bundle).not.toContain('PDFDocumentProxy');
    }
    const modules = path.join(built.layerDir, 'nodejs', 'node_modules');
    for (const file of ['@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz', 'tesseract.js-core/tesseract-core-simd.wasm', 'tesseract.js/src/worker-script/node/index.js', 'pdfjs-dist/legacy/build/pdf.worker.mjs']) {
      expect(existsSync(path.join(modules, file)), file).toBe(true);
    }
    expect(existsSync(path.join(modules, '@napi-rs'))).toBe(false);
  });

  it('reads a typed PDF and a scanned PDF with nothing but the bundle, the layer and no network', async () => {
    const [typed, scanned] = ['02-dea-registration-p1-typed-PDF', '32-dea-registration-p3-image-only-PDF'].map((id) => crossCheckCorpus().find((doc) => doc.id === id)!);
    const docs = [];
    for (const doc of [typed!, scanned!]) {
      const file = path.join(dir, `${doc.id}.bin`);
      writeFileSync(file, await doc.build());
      docs.push({ file, contentType: doc.contentType, expected: doc.expected.filter((value) => ['deaNumber', 'providerName'].includes(value.field)) });
    }
    writeFileSync(path.join(dir, 'docs.json'), JSON.stringify(docs));
    writeFileSync(path.join(dir, 'probe.mjs'), PROBE);

    const started = Date.now();
    const { stdout } = await run('unshare', ['-rn', process.execPath, path.join(dir, 'probe.mjs'), built.bundleFile, path.join(dir, 'docs.json')], {
      cwd: dir,
      env: { PATH: process.env.PATH, NODE_PATH: path.join(built.layerDir, 'nodejs', 'node_modules') },
      timeout: 110_000,
    });
    console.log(`offline bundle run: ${Date.now() - started} ms for a typed and a scanned PDF`);

    const { results, interfaces } = JSON.parse(stdout) as { results: { status: string; fields: { field: string; status: string }[] }[]; interfaces: string[] };
    expect(interfaces.every((entry) => entry.startsWith('lo '))).toBe(true);
    expect(results.map((result) => result.fields.map((f) => `${f.field} ${f.status}`))).toEqual([
      ['providerName MATCH', 'deaNumber MATCH'],
      ['providerName MATCH', 'deaNumber MATCH'],
    ]);
  });
});

/**
 * The functions as deployed: the stack synthesized with bundling on (NodejsFunction's esbuild with
 * the stack's own options), every bundle under the 1 MB ceiling and loadable by a plain `node`
 * with a `handler` to call. Sizes only: import times are measured by `npm run bench bundles`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_LIMIT_BYTES, synthesizeBundles, type SynthesizedBundles } from '../../testkit/lambda-bundles.js';

let synthesized: SynthesizedBundles;

beforeAll(() => {
  synthesized = synthesizeBundles();
}, 600_000);

afterAll(() => synthesized?.dispose());

describe('function bundles', () => {
  it('bundles every function of the template, each within 1 MB minified', () => {
    const oversized = synthesized.bundles.filter((bundle) => bundle.bytes > BUNDLE_LIMIT_BYTES).map((bundle) => `${bundle.entry}: ${bundle.bytes} bytes`);

    expect(synthesized.bundles.length).toBeGreaterThanOrEqual(30);
    expect(oversized).toEqual([]);
  });

  it('carries one AWS SDK: no package bundled from a second copy nested under another', () => {
    // A nested copy (a package pinning its own client version) would show in the bundle's source map.
    const nested = synthesized.bundles.flatMap((bundle) => {
      const sources = (JSON.parse(readFileSync(`${bundle.file}.map`, 'utf8')) as { sources: string[] }).sources;
      return sources.filter((source) => /node_modules\/.+\/node_modules\/@aws-sdk\//.test(source)).map((source) => `${bundle.entry}: ${source}`);
    });

    expect(nested).toEqual([]);
  });

  it('loads every bundle in a plain node, each exporting its handler', () => {
    const probe = 'const kinds = []; for (const url of process.argv.slice(1)) kinds.push(typeof (await import(url)).handler); console.log(JSON.stringify(kinds));';
    const urls = synthesized.bundles.map((bundle) => pathToFileURL(bundle.file).href);

    const output = execFileSync(process.execPath, ['--input-type=module', '--eval', probe, ...urls], { encoding: 'utf8', env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1' } });

    expect(JSON.parse(output.trim().split('\n').pop()!)).toEqual(urls.map(() => 'function'));
  });
});

/**
 * Every function's bundle as `cdk synth` makes it (testkit/lambda-bundles.ts): its size against
 * the 1 MB ceiling, and its import time — a fresh `node` importing the bundle, as a cold start
 * does before the handler runs (Lambda's own runtime start not included). Sizes are exact, so a
 * bundle over the ceiling is a miss; import times are reported, with no target of their own.
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { BUNDLE_LIMIT_BYTES, synthesizeBundles, type LambdaBundle } from '../testkit/lambda-bundles.js';
import { median, type BenchSection } from './section.js';

const IMPORTS_PER_BUNDLE = 5;

/** What a function's module scope may read; clients are built on first use, so nothing is called. */
const LAMBDA_LIKE_ENV = { AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: 'bench', POWERTOOLS_DEV: 'false', POWERTOOLS_TRACE_ENABLED: 'false' };

const IMPORT_PROBE = 'const started = performance.now(); await import(process.argv[1]); console.log(performance.now() - started);';

function importMilliseconds(bundle: LambdaBundle): number {
  const output = execFileSync(process.execPath, ['--input-type=module', '--eval', IMPORT_PROBE, pathToFileURL(bundle.file).href], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...LAMBDA_LIKE_ENV },
  });
  return Number(output.trim().split('\n').pop());
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

export const bundlesSection: BenchSection = {
  name: 'bundles',
  async run() {
    const started = performance.now();
    const synthesized = synthesizeBundles();
    console.log(`Synthesized ${synthesized.bundles.length} functions with bundling in ${((performance.now() - started) / 1000).toFixed(0)} s (minified ESM, as deployed).`);
    console.log(`Import time: a fresh node ${process.version} importing the bundle, median (min–max) of ${IMPORTS_PER_BUNDLE}.\n`);
    console.log('| function | entry | memory | bundle | target | import time | verdict |');
    console.log('|---|---|---:|---:|---:|---:|---|');
    const missed: string[] = [];
    try {
      for (const bundle of synthesized.bundles) {
        const times = Array.from({ length: IMPORTS_PER_BUNDLE }, () => importMilliseconds(bundle));
        const verdict = bundle.bytes <= BUNDLE_LIMIT_BYTES ? 'PASS' : 'MISS';
        console.log(
          `| ${bundle.logicalId.replace(/Function[0-9A-F]{8}$/, '')} | ${bundle.entry} | ${bundle.memorySize} MB | ${kb(bundle.bytes)} | ${kb(BUNDLE_LIMIT_BYTES)} ` +
            `| ${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}) | ${verdict} |`,
        );
        if (verdict === 'MISS') missed.push(`${bundle.entry}: ${kb(bundle.bytes)} > ${kb(BUNDLE_LIMIT_BYTES)}`);
      }
    } finally {
      synthesized.dispose();
    }
    return missed;
  },
};

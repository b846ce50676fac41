/**
 * Every function's bundle as `cdk synth` makes it: the stack synthesized in-process with bundling
 * on (NodejsFunction runs esbuild with the stack's own options), each function's asset read back
 * from the template's asset metadata. Shared by the bundle-size test and `npm run bench bundles`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { ENTRY_METADATA_KEY } from '../src/contract/service.js';
import { STACK_NAME, buildStack } from '../infra/stacks.js';

/** The ceiling every function's minified bundle stays under (decimal megabyte, as the issue counts). */
export const BUNDLE_LIMIT_BYTES = 1_000_000;

export interface LambdaBundle {
  logicalId: string;
  /** Project-relative TypeScript entry. */
  entry: string;
  memorySize: number;
  /** The bundle Lambda loads (`index.mjs`, its source map beside it). */
  file: string;
  bytes: number;
}

type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };

export interface SynthesizedBundles {
  bundles: LambdaBundle[];
  /** Removes the synthesized assembly. */
  dispose(): void;
}

/** Synthesizes the stack with bundling (tens of seconds: one esbuild run per function). */
export function synthesizeBundles(): SynthesizedBundles {
  const outdir = mkdtempSync(path.join(tmpdir(), 'credentialing-bundles-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
    buildStack(app, { nag: false });
    const resources = app.synth().getStackByName(STACK_NAME).template.Resources as Record<string, Resource>;
    const bundles = Object.entries(resources)
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function' && typeof resource.Metadata?.[ENTRY_METADATA_KEY] === 'string')
      .map(([logicalId, resource]): LambdaBundle => {
        const file = path.join(outdir, String(resource.Metadata!['aws:asset:path']), 'index.mjs');
        return { logicalId, entry: String(resource.Metadata![ENTRY_METADATA_KEY]), memorySize: Number(resource.Properties?.MemorySize ?? 128), file, bytes: statSync(file).size };
      })
      .sort((a, b) => b.bytes - a.bytes);
    return { bundles, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
}

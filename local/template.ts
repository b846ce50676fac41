/**
 * Reads the synthesized CloudFormation template: resolves the intrinsic functions we use
 * (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select) against the local stand-ins for each
 * resource, so nothing about the infrastructure is written twice.
 */
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { PROJECT_ROOT } from '../infra/project-root.js';
import { CACHE_ROOT, hashSources, projectInputs, readJson, writeJsonAtomically } from './source-cache.js';

export type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }>; Parameters?: Record<string, { Default?: unknown }> };

const APP_ENTRY = 'infra/stacks.ts';
const TEMPLATE_CACHE = path.join(CACHE_ROOT, 'template');
/** What else the synthesized template depends on: the CLI's default account and region. */
const synthSalt = () => JSON.stringify({ account: process.env.CDK_DEFAULT_ACCOUNT ?? null, region: process.env.CDK_DEFAULT_REGION ?? null });

/**
 * The stack's template, synthesized in-process (no bundling: the runtime bundles the functions
 * itself; no cdk-nag: the infra tests run it). Synthesis takes seconds, so the result is kept by
 * a hash of every project file the CDK app imports and the lockfile, and made again when any changes.
 */
export async function synthesizeTemplate(): Promise<Template> {
  const known = readJson<{ inputs: string[] }>(path.join(TEMPLATE_CACHE, 'inputs.json'));
  const cached = known && readJson<Template>(path.join(TEMPLATE_CACHE, `${hashSources(known.inputs, synthSalt())}.json`));
  if (cached) return cached;

  const [{ App }, { STACK_NAME, buildStack }] = await Promise.all([import('aws-cdk-lib'), import('../infra/stacks.js')]);
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  buildStack(app, { nag: false });
  const template = app.synth().getStackByName(STACK_NAME).template as Template;
  // The project files the app was built from, as esbuild resolves its imports.
  const { metafile } = await esbuild.build({ absWorkingDir: PROJECT_ROOT, entryPoints: [APP_ENTRY], bundle: true, write: false, packages: 'external', platform: 'node', format: 'esm', metafile: true, logLevel: 'silent' });
  const inputs = projectInputs(metafile);
  writeJsonAtomically(path.join(TEMPLATE_CACHE, `${hashSources(inputs, synthSalt())}.json`), template);
  writeJsonAtomically(path.join(TEMPLATE_CACHE, 'inputs.json'), { inputs });
  return template;
}

export interface LocalValues {
  ref(logicalId: string): string | undefined;
  getAtt(logicalId: string, attribute: string): string | undefined;
  /** Rewrites a joined or substituted string (e.g. the portal's https origin becomes the local http one). */
  text?(value: string): string;
}

export function resolve(value: unknown, locals: LocalValues): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, locals));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [fn, arg] = entries[0]!;
    switch (fn) {
      case 'Ref':
        return locals.ref(arg as string) ?? `unresolved-${String(arg)}`;
      case 'Fn::GetAtt': {
        const [id, attr] = arg as [string, string];
        return locals.getAtt(id, attr) ?? `unresolved-${id}.${attr}`;
      }
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, unknown[]];
        const joined = (resolve(parts, locals) as unknown[]).map(String).join(separator);
        return locals.text ? locals.text(joined) : joined;
      }
      case 'Fn::Select': {
        const [index, list] = arg as [number, unknown];
        return (resolve(list, locals) as unknown[])[Number(index)];
      }
      case 'Fn::Sub': {
        const [text, variables] = (Array.isArray(arg) ? arg : [arg, {}]) as [string, Record<string, unknown>];
        const values = resolve(variables, locals) as Record<string, unknown>;
        const substituted = text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
          if (name in values) return String(values[name]);
          const [id, attr] = name.split('.');
          return String(attr ? locals.getAtt(id!, attr) : locals.ref(id!));
        });
        return locals.text ? locals.text(substituted) : substituted;
      }
      default:
        break;
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v, locals)]));
}

export function resourcesOfType(template: Template, type: string) {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** Logical ids named inside a value's Fn::GetAtt / Ref (e.g. which function an integration calls). */
export function referencedIds(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => referencedIds(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'Fn::GetAtt') found.push((inner as string[])[0]!);
      else if (key === 'Ref') found.push(inner as string);
      else referencedIds(inner, found);
    }
  }
  return found;
}

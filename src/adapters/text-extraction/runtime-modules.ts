/**
 * The OCR engine, the PDF library and their data files are not bundled into a function: they sit
 * in a Lambda layer under /opt/nodejs/node_modules, which Lambda puts on NODE_PATH. CommonJS
 * resolution honours NODE_PATH (ESM resolution does not), so we resolve with `require.resolve`
 * and import the file it names: the same code finds node_modules locally and the layer in Lambda.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const resolver = createRequire(import.meta.url);

export function resolveModuleFile(specifier: string): string {
  return resolver.resolve(specifier);
}

export function packageDirectory(name: string): string {
  return path.dirname(resolver.resolve(`${name}/package.json`));
}

export async function importModule<T>(specifier: string): Promise<T> {
  return (await import(pathToFileURL(resolveModuleFile(specifier)).href)) as T;
}

/** Builds the portal (web/dist) when it is missing or older than its sources. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../infra/project-root.js';

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

export function portalIsStale(): boolean {
  const built = join(PROJECT_ROOT, 'web/dist/index.html');
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/old-assets.ts', 'web/public', 'src/domain'].map((path) => join(PROJECT_ROOT, path)).filter(existsSync);
  return !existsSync(built) || statSync(built).mtimeMs < Math.max(...sources.map(newestMtime));
}

export async function buildPortalIfStale(): Promise<boolean> {
  if (!portalIsStale()) return false;
  const { build } = await import('vite');
  // Test runners set NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(PROJECT_ROOT, 'web/vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

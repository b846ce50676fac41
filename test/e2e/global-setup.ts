/**
 * Once per e2e run: build the portal if its sources changed since the last build, then start
 * the whole local system (emulators, API, workflow, portal) on free ports with fresh data, and
 * hand its stack.json to the tests. Everything is stopped and deleted afterwards.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startLocalRuntime } from '../../local/runtime.js';
import './support/stack.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

async function buildPortalIfStale(): Promise<void> {
  const built = join(repoRoot, 'web/dist/index.html');
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'src/domain'].map((path) => join(repoRoot, path));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.filter(existsSync).map(newestMtime))) return;
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(repoRoot, 'web/vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export default async function setup(project: TestProject) {
  await buildPortalIfStale();
  const dataDir = mkdtempSync(join(tmpdir(), 'credentialing-e2e-'));
  const runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true });
  project.provide('stack', {
    apiUrl: runtime.stack.apiUrl,
    portalUrl: runtime.stack.portalUrl,
    mailboxUrl: runtime.stack.mailboxUrl,
    s3Url: runtime.stack.endpoints.s3,
    cognitoUrl: runtime.stack.endpoints.cognito,
    users: runtime.stack.users,
  });
  return async () => {
    // Let workflows still finishing (e.g. the audit step after a confirmation) end first.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([runtime.workflowsIdle(), new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
    clearTimeout(timer);
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

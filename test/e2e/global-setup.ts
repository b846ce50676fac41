/**
 * Once per e2e run: build the portal if its sources changed since the last build, then start
 * the whole local system (emulators, API, workflow, portal) on free ports with fresh data, and
 * hand its stack.json to the tests. Everything is stopped and deleted afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPortalIfStale } from '../../local/portal-build.js';
import { startLocalRuntime } from '../../local/runtime.js';
import { FAILED_PAGES_FILE } from './support/browser.js';
import './support/stack.js';

export default async function setup(project: TestProject) {
  rmSync(FAILED_PAGES_FILE, { force: true });
  await buildPortalIfStale();
  const dataDir = mkdtempSync(join(tmpdir(), 'credentialing-e2e-'));
  const runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true });
  project.provide('stack', {
    apiUrl: runtime.stack.apiUrl,
    portalUrl: runtime.stack.portalUrl,
    mailboxUrl: runtime.stack.mailboxUrl,
    s3Url: runtime.stack.endpoints.s3,
    cognitoUrl: runtime.stack.endpoints.cognito,
    userPoolClientId: runtime.stack.userPoolClientId,
    userPoolId: runtime.stack.userPoolId,
    users: runtime.stack.users,
    // The expiry jobs run through these (testkit/expiry-jobs.ts).
    endpoints: { dynamodb: runtime.stack.endpoints.dynamodb, ses: runtime.stack.endpoints.ses, lambda: runtime.stack.endpoints.lambda, s3: runtime.stack.endpoints.s3 },
    tables: runtime.stack.tables,
    auditAnchorBucketName: runtime.stack.auditAnchorBucketName,
    schedules: runtime.stack.schedules,
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

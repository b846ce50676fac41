import { defineConfig } from 'vitest/config';

// One runner, four layers. Unit tests touch no network; the others start what they need
// (emulators, the local runtime, Chromium) on free loopback ports and stop it afterwards.
// As in `npm start`: the README explains the AWS SDK's Node 22 timeline, no need to print it in
// every test worker and in the e2e set-up (which runs here, in the main process). Workers inherit it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Each file starts its own emulators; two cores do not gain from running them in parallel.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Builds the portal if stale and starts one local runtime shared by the browser tests.
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

/**
 * The local runtime as a child process, for tests that kill it: `runtime-process.ts <dataDir>`
 * starts everything on free ports and prints `READY <path of stack.json>` once it serves.
 * With PAUSE_AT_REBUILD_STEP set, it prints `PAUSED <step>` at that step of a table rebuild and
 * waits there for the test to kill it.
 */
import * as path from 'node:path';
import { startLocalRuntime } from '../../../local/runtime.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const dataDir = path.resolve(process.argv[2] ?? process.env.DATA_DIR ?? '.data');
const pauseAt = process.env.PAUSE_AT_REBUILD_STEP;
const runtime = await startLocalRuntime({
  dataDir,
  port: Number(process.env.PORT ?? 0),
  quiet: true,
  warmFunctions: false,
  onTableRebuildStep: async (step) => {
    if (step !== pauseAt) return;
    console.log(`PAUSED ${step}`);
    await new Promise(() => undefined);
  },
});
console.log(`READY ${path.join(dataDir, 'stack.json')}`);
process.on('SIGTERM', () => void runtime.close().then(() => process.exit(0)));

/**
 * The local runtime as a child process, for tests that kill it: `runtime-process.ts <dataDir>`
 * starts everything on free ports and prints `READY <path of stack.json>` once it serves.
 */
import * as path from 'node:path';
import { startLocalRuntime } from '../../../local/runtime.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const dataDir = path.resolve(process.argv[2] ?? process.env.DATA_DIR ?? '.data');
const runtime = await startLocalRuntime({ dataDir, port: Number(process.env.PORT ?? 0), quiet: true });
console.log(`READY ${path.join(dataDir, 'stack.json')}`);
process.on('SIGTERM', () => void runtime.close().then(() => process.exit(0)));

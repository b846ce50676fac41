/** Starts the local runtime in its own process group, so a test can kill -9 all of it (emulator children included). */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { StackInfo } from '../../../local/runtime.js';
import type { RebuildStep } from '../../../local/provision.js';

export interface ChildRuntime {
  stack: StackInfo;
  /** SIGKILL to the whole process group: nothing gets to clean up. */
  kill9(): Promise<void>;
}

export async function startChildRuntime(dataDir: string): Promise<ChildRuntime> {
  const { line, kill9 } = await spawnRuntime(dataDir, {}, /^READY (.+)$/m);
  return { stack: JSON.parse(readFileSync(line, 'utf8')) as StackInfo, kill9 };
}

/** Starts the runtime and resolves once it waits at `step` of a table rebuild, for the test to kill it there. */
export async function childRuntimePausedAt(dataDir: string, step: RebuildStep): Promise<Pick<ChildRuntime, 'kill9'>> {
  const { kill9 } = await spawnRuntime(dataDir, { PAUSE_AT_REBUILD_STEP: step }, new RegExp(`^PAUSED (${step})$`, 'm'));
  return { kill9 };
}

async function spawnRuntime(dataDir: string, env: Record<string, string>, awaited: RegExp): Promise<{ line: string; kill9(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'runtime-process.ts'), dataDir], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const line = await new Promise<string>((ready, failed) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = awaited.exec(output);
      if (match) ready(match[1]!);
      else if (/^READY /m.test(output)) failed(new Error(`The runtime started without printing ${awaited}:\n${output.slice(-3000)}`));
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => failed(new Error(`The runtime exited with ${code} before it printed ${awaited}:\n${output.slice(-3000)}`)));
  });
  return {
    line,
    async kill9() {
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
  };
}

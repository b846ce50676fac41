/** Starts the local runtime in its own process group, so a test can kill -9 all of it (emulator children included). */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { StackInfo } from '../../../local/runtime.js';

export interface ChildRuntime {
  stack: StackInfo;
  /** SIGKILL to the whole process group: nothing gets to clean up. */
  kill9(): Promise<void>;
}

export async function startChildRuntime(dataDir: string): Promise<ChildRuntime> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'runtime-process.ts'), dataDir], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stackFile = await new Promise<string>((ready, failed) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^READY (.+)$/m.exec(output);
      if (line) ready(line[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => failed(new Error(`The runtime exited with ${code} before it was ready:\n${output.slice(-3000)}`)));
  });
  return {
    stack: JSON.parse(readFileSync(stackFile, 'utf8')) as StackInfo,
    async kill9() {
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
  };
}

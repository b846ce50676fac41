/**
 * One local runtime per data folder: a second one (two `npm start` typed a moment apart, before
 * the first holds its ports) would open the same DynamoDB files, fail on their lock and take the
 * first down with it. The lock file holds the owner's pid; one left by a process that is gone
 * (`kill -9`) is taken over.
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import * as path from 'node:path';
import { LocalStartError } from './start-error.js';

const LOCK_FILE = 'runtime.lock';

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the data folder for this process; returns the release (once). Throws LocalStartError when a running process holds it. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let held = true;
      return () => {
        if (held) rmSync(file, { force: true });
        held = false;
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSync(file, 'utf8').trim());
    if (attempt > 0 || (owner && isRunning(owner))) {
      throw new LocalStartError(
        [
          `Another local runtime${owner ? ` (process ${owner})` : ''} is using ${dataDir}, most likely another npm start of this project.`,
          'Stop it (Ctrl-C in its terminal) and run npm start again.',
          `If no such process runs, delete ${file} and run npm start again.`,
        ].join('\n'),
      );
    }
    rmSync(file, { force: true }); // left by a process that is gone (kill -9)
  }
}

/**
 * `npm start` on fixed ports when one of them is taken (most often by another `npm start`): it
 * names the port and what to do, as a LocalStartError that `npm start` prints without a stack
 * trace — not an unhandled 'error' event from whichever emulator tried to listen first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startLocalRuntime } from '../../local/runtime.js';
import { LocalStartError } from '../../local/start-error.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'local-start-'));
const squatter = createServer();

afterAll(async () => {
  await new Promise((done) => squatter.close(done));
  rmSync(dataDir, { recursive: true, force: true });
});

it('refuses to start on a port already in use, naming it and what to do', async () => {
  // Prepare: something already listens on the port asked for
  await new Promise<void>((ready) => squatter.listen(0, '127.0.0.1', ready));
  const { port } = squatter.address() as AddressInfo;

  // Act
  const started = startLocalRuntime({ dataDir, port, quiet: true });

  // Assess
  const error = await started.then(
    async (runtime) => {
      await runtime.close();
      return null;
    },
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(LocalStartError);
  expect((error as Error).message).toContain(`${port} (portal and API)`);
  expect((error as Error).message).toMatch(/another npm start/);
});

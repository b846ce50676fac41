/**
 * `npm start` on fixed ports when one of them is taken (most often by another `npm start`): it
 * names the port and what to do, as a LocalStartError that `npm start` prints without a stack
 * trace — not an unhandled 'error' event from whichever emulator tried to listen first. A second
 * runtime on a data folder in use (two npm start a moment apart, before the first holds its
 * ports) is refused the same way; a folder whose runtime was killed is not.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws.js';
import { startLocalRuntime } from '../../local/runtime.js';
import { LocalStartError } from '../../local/start-error.js';
import { startChildRuntime } from './support/child-runtime.js';

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
  const started = startLocalRuntime({ dataDir, port, quiet: true, warmFunctions: false });

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

it('refuses a second runtime on a data folder in use, naming it, and leaves the first one serving', async () => {
  // Prepare
  const first = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });

  // Act
  const second = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false }).then(
    async (runtime) => {
      await runtime.close();
      return null;
    },
    (failure: unknown) => failure,
  );
  const tables = await listTables(first.stack.endpoints.dynamodb);
  await first.close();

  // Assess
  expect(second).toBeInstanceOf(LocalStartError);
  expect((second as Error).message).toContain(`Another local runtime (process ${process.pid}) is using ${dataDir}`);
  expect(tables).toEqual(expect.arrayContaining([first.stack.tables.intake, first.stack.tables.audit]));
});

it('starts on a data folder whose runtime was killed (kill -9 left its lock behind), and again after a stop', { timeout: 180_000 }, async () => {
  // Prepare
  const killed = await startChildRuntime(dataDir);
  await killed.kill9();
  const leftBehind = existsSync(path.join(dataDir, 'runtime.lock'));

  // Act
  const next = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  await next.close();
  const again = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  await again.close();

  // Assess
  expect(leftBehind).toBe(true);
  expect(next.stack.tables).toEqual(again.stack.tables);
  expect(existsSync(path.join(dataDir, 'runtime.lock'))).toBe(false);
});

async function listTables(endpoint: string): Promise<string[]> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const { TableNames } = await client.send(new ListTablesCommand({}));
  client.destroy();
  return TableNames ?? [];
}

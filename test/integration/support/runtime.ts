/**
 * One local runtime per integration file: started on free ports with a fresh data folder before
 * the file's tests, stopped and deleted after them (waiting for workflows still finishing), with
 * signed-in demo users and SDK clients pointed at its emulators.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_USERS, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../local/provision.js';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions, type StackInfo } from '../../../local/runtime.js';
import { signIn } from '../../../testkit/local-api.js';

const username = (role: 'provider' | 'staff', index = 0) => DEMO_USERS.filter((user) => user.role === role)[index]!.username;
export const EMILY = username('provider', 0);
export const MICHAEL = username('provider', 1);
export const STAFF = username('staff');

export interface RuntimeFixture {
  readonly runtime: LocalRuntime;
  readonly stack: StackInfo;
  readonly dataDir: string;
  /** ID tokens of the demo users, by username. */
  readonly tokens: Record<string, string>;
  readonly s3: S3Client;
  readonly db: DynamoDBDocumentClient;
}

/** SDK clients for a running local stack, configured as LOCAL-AWS.md says s3rver needs. */
export function localClients(stack: StackInfo) {
  const common = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  return {
    s3: new S3Client({ ...common, endpoint: stack.endpoints.s3, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }),
    db: DynamoDBDocumentClient.from(new DynamoDBClient({ ...common, endpoint: stack.endpoints.dynamodb })),
  };
}

/** Registers beforeAll/afterAll in the calling file; the returned object is filled in beforeAll. */
export function useLocalRuntime(name: string, options: Partial<LocalRuntimeOptions> = {}): RuntimeFixture {
  const fixture = {} as { -readonly [K in keyof RuntimeFixture]: RuntimeFixture[K] };
  beforeAll(async () => {
    fixture.dataDir = mkdtempSync(path.join(tmpdir(), `${name}-`));
    fixture.runtime = await startLocalRuntime({ dataDir: fixture.dataDir, port: 0, quiet: true, warmFunctions: false, ...options });
    fixture.stack = fixture.runtime.stack;
    fixture.tokens = Object.fromEntries(await Promise.all(DEMO_USERS.map(async (user) => [user.username, await signIn(fixture.stack, user.username)] as const)));
    Object.assign(fixture, localClients(fixture.stack));
  });
  afterAll(async () => {
    await fixture.runtime?.workflowsIdle();
    await fixture.runtime?.close();
    fixture.s3?.destroy();
    fixture.db?.destroy();
    if (fixture.dataDir) rmSync(fixture.dataDir, { recursive: true, force: true });
  });
  return fixture;
}

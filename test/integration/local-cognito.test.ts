/**
 * The local user pool survives what people do: fifty sign-ins at once (cognito-local rewrites
 * the pool's file on every sign-in), a restart, and a restart after .data/stack.json was deleted
 * (the pool is found by its name, not a new one made). A damaged file is named with how to recover.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CognitoIdentityProviderClient, DescribeUserPoolCommand, SetUserPoolMfaConfigCommand, UpdateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, expect, it } from 'vitest';
import { DEMO_USERS, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/provision.js';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { makePdf, sha256Hex } from '../../testkit/files.js';
import { callApi, signIn } from '../../testkit/local-api.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'local-cognito-'));
const dbDir = path.join(dataDir, 'cognito', '.cognito', 'db');
let runtime: LocalRuntime | undefined;

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const EMILY = DEMO_USERS[0]!.username;
const groupsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())['cognito:groups'] as string[];
const poolFile = () => path.join(dbDir, readdirSync(dbDir).find((name) => name.startsWith('local_') && name.endsWith('.json'))!);
const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
/** cognito-local answers a sign-in before all of its writes end: read the file once it stops changing. */
async function settledContent(file: string): Promise<string> {
  let last = '';
  for (let unchanged = 0, i = 0; unchanged < 3 && i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { size, mtimeMs } = statSync(file);
    unchanged = `${size}:${mtimeMs}` === last ? unchanged + 1 : 0;
    last = `${size}:${mtimeMs}`;
  }
  return readFileSync(file, 'utf8');
}
const everyoneSignsIn = (rt: LocalRuntime) => Promise.all(DEMO_USERS.map(async (user) => groupsOf(await signIn(rt.stack, user.username))));

it('keeps the user pool whole through rounds of fifty parallel sign-ins and a restart', async () => {
  // Prepare
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  const { userPoolId } = runtime.stack;
  const wholeAfterRound: boolean[] = [];

  // Act: the pool file grows with every sign-in (refresh tokens); overlapping rewrites of a big one interleaved
  for (let round = 0; round < 5; round++) {
    await Promise.all(Array.from({ length: 50 }, (_, i) => signIn(runtime!.stack, DEMO_USERS[i % DEMO_USERS.length]!.username)));
    wholeAfterRound.push(isJson(await settledContent(poolFile())));
  }
  await runtime.close();
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });

  // Assess
  expect(wholeAfterRound).toEqual([true, true, true, true, true]);
  expect(runtime.stack.userPoolId).toBe(userPoolId);
  expect(await everyoneSignsIn(runtime)).toEqual([['providers'], ['providers'], ['credentialing-staff']]);
  await runtime.close();
  runtime = undefined;
});

it('keeps the user pool, its client, her user id and so her submissions when .data/stack.json was deleted', async () => {
  // Prepare: Emily has a draft; stack.json is deleted while the runtime is stopped
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  const { userPoolId, userPoolClientId } = runtime.stack;
  const token = await signIn(runtime.stack, EMILY);
  const pdf = makePdf({ pages: 1 });
  const created = await callApi(runtime.stack, 'POST', '/submissions', token, {
    documents: [{ documentType: 'CURRICULUM_VITAE', fileName: 'cv.pdf', contentType: 'application/pdf', sizeBytes: pdf.byteLength, sha256: sha256Hex(pdf), issueDate: '2026-10-01' }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await runtime.close();
  rmSync(path.join(dataDir, 'stack.json'));

  // Act
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  // (her old token names the previous start's Cognito port as issuer: tests run on free ports, npm start on fixed ones)
  const again = await signIn(runtime.stack, EMILY);
  const read = await callApi(runtime.stack, 'GET', `/submissions/${created.body.submissionId}`, again);
  const listed = await callApi(runtime.stack, 'GET', '/submissions', again);

  // Assess
  expect(runtime.stack).toMatchObject({ userPoolId, userPoolClientId });
  expect(read.status).toBe(200);
  expect(listed.body.items.map((item: { submissionId: string }) => item.submissionId)).toContain(created.body.submissionId);
  expect(readdirSync(dbDir).filter((name) => name.startsWith('local_') && name.endsWith('.json'))).toHaveLength(1);
  await runtime.close();
  runtime = undefined;
});

it('names a damaged user pool file and how to recover instead of failing with a stack trace', async () => {
  // Prepare: the pool file cut short, as an interleaved write left it before the fix
  const file = poolFile();
  writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200));

  // Act
  const failure = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false }).then(
    () => null,
    (error: Error) => error,
  );
  rmSync(file); // what the message says to do
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });

  // Assess
  expect(failure?.name).toBe('LocalStartError');
  expect(failure?.message).toContain(`The local Cognito file ${file} is damaged`);
  expect(failure?.message).toContain('delete that file and run npm start again');
  expect(failure?.message).toContain('the demo users get new ids');
  expect(await everyoneSignsIn(runtime)).toEqual([['providers'], ['providers'], ['credentialing-staff']]);
});

it("issues tokens for the template's lifetimes and keeps its MFA setting (the portal's refresh and two-step sign-in are exercised locally), also in a pool an earlier start made", async () => {
  // Prepare: the app client and pool as an earlier version left them, with cognito-local's default lifetimes and MFA OFF
  await runtime?.close();
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  const { userPoolId, userPoolClientId } = runtime.stack;
  const cognito = new CognitoIdentityProviderClient({ endpoint: runtime.stack.endpoints.cognito, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  await cognito.send(
    new UpdateUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: userPoolClientId, IdTokenValidity: 24, AccessTokenValidity: 24, RefreshTokenValidity: 7, TokenValidityUnits: { IdToken: 'hours', AccessToken: 'hours', RefreshToken: 'days' } }),
  );
  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } }));
  cognito.destroy();
  await runtime.close();

  // Act
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  const token = await signIn(runtime.stack, EMILY);
  const restarted = new CognitoIdentityProviderClient({ endpoint: runtime.stack.endpoints.cognito, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const { UserPool } = await restarted.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
  restarted.destroy();

  // Assess: the template's 15 minutes (infra/constructs/portal-sign-in.ts), and the API accepts the token
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };
  expect(claims.exp - claims.iat).toBe(15 * 60);
  expect((await callApi(runtime.stack, 'GET', '/submissions', token)).status).toBe(200);
  // The template's OPTIONAL (mfa: OPTIONAL in portal-sign-in.ts): a user who turned two-step sign-in on is asked for her code
  expect(UserPool?.MfaConfiguration).toBe('OPTIONAL');
});

/**
 * The AWS emulators, on 127.0.0.1 only, with their data under the runtime's data directory:
 * s3rver (S3), dynalite (DynamoDB), aws-ses-v2-local (SES + mailbox) in-process, and
 * cognito-local in a child process (it keeps its data relative to its working directory).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import dynalite from 'dynalite';
import type S3rver from 's3rver';
import { persistMailbox } from './mailbox.js';
import { createS3rver } from './s3-store.js';
import { LocalStartError } from './start-error.js';

const require = createRequire(import.meta.url);
// CommonJS with an `exports.default`: require() reads it the same under tsx and Vitest.
const sesServer = (require('aws-ses-v2-local') as typeof import('aws-ses-v2-local')).default;

export interface EmulatorPorts {
  s3: number;
  dynamodb: number;
  ses: number;
  cognito: number;
}

export interface Outage {
  begin(): Promise<void>;
  end(): Promise<void>;
}

export interface Emulators {
  endpoints: { s3: string; dynamodb: string; ses: string; cognito: string };
  /** Test-only: S3 unavailable until resumed (same port, same data), as in a short outage. */
  s3Outage: Outage;
  /** Test-only: DynamoDB refuses connections until resumed (same port, same data). */
  dynamodbOutage: Outage;
  /** The user pool's email texts, as the template holds them: local Cognito emails codes with them to the mailbox. */
  useCognitoEmails(emails: CognitoEmails): void;
  close(): Promise<void>;
}

/** What the user pool sends and from where: its invitation and verification texts (Cognito fills `{username}`, `{####}`). */
export interface CognitoEmails {
  from: string;
  invitation: { subject: string; body: string };
  verification: { subject: string; body: string };
}

/**
 * A free loopback port, held by a placeholder until `release` (once): a port chosen now and bound
 * seconds later can meanwhile be taken by any other socket of the machine (a test's fifty parallel
 * requests use that many ephemeral ports), which answered EADDRINUSE.
 */
export async function reservePort(): Promise<{ port: number; release: () => Promise<void> }> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  server.unref(); // a start that fails before releasing it must not keep the process alive
  const { port } = server.address() as AddressInfo;
  let released: Promise<void> | undefined;
  return { port, release: () => (released ??= new Promise<void>((done) => server.close(() => done()))) };
}

export async function freePort(): Promise<number> {
  const { port, release } = await reservePort();
  await release();
  return port;
}

/**
 * Fixed ports (`npm start`) must all be free before anything starts: one taken (most often by
 * another `npm start`) is named with what to do, instead of an emulator's unhandled 'error' event.
 */
export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  const taken: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) await new Promise((done) => server.close(done));
    else taken.push(`${port} (${name})`);
  }
  if (taken.length === 0) return;
  throw new LocalStartError(
    [
      `${taken.length === 1 ? 'Port' : 'Ports'} ${taken.join(', ')} ${taken.length === 1 ? 'is' : 'are'} already in use on 127.0.0.1, most likely by another npm start of this project.`,
      'Stop it (Ctrl-C in its terminal) and run npm start again. PORT=… moves only the portal and API; the emulators always use the same ports.',
    ].join('\n'),
  );
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

export async function startEmulators(dataDir: string, ports: EmulatorPorts, bucketConfigs: { name: string; configs: string[] }[]): Promise<Emulators> {
  for (const dir of ['s3', 'dynamodb', 'cognito/.cognito/db']) mkdirSync(path.join(dataDir, dir), { recursive: true });
  checkCognitoFiles(dataDir);

  const s3Options = { address: '127.0.0.1', directory: path.join(dataDir, 's3'), silent: true, configureBuckets: bucketConfigs };
  let s3: S3rver | null = createS3rver({ port: ports.s3, ...s3Options });
  const s3Address = (await s3.run()) as AddressInfo;

  const dynamo = dynalite({ path: path.join(dataDir, 'dynamodb'), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((ready) => dynamo.listen(ports.dynamodb, '127.0.0.1', ready));
  const dynamoPort = portOf(dynamo);

  const detachMailbox = persistMailbox(path.join(dataDir, 'ses', 'emails.jsonl'));
  const ses = await sesServer({ host: '127.0.0.1', port: ports.ses });

  const cognitoPort = ports.cognito || (await freePort());
  const cognitoDir = path.join(dataDir, 'cognito');
  // The issuer must be the URL tokens are verified against.
  writeFileSync(path.join(cognitoDir, '.cognito', 'config.json'), JSON.stringify({ TokenConfig: { IssuerDomain: `http://127.0.0.1:${cognitoPort}` } }));
  const cognito = fork(new URL('./cognito-child.cjs', import.meta.url).pathname, [], {
    cwd: cognitoDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(cognitoPort), COGNITO_LOCAL_MAIN: require.resolve('cognito-local/lib/server/index.js'), SES_ENDPOINT: `http://127.0.0.1:${portOf(ses)}` },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: [], // plain CommonJS: none of the parent's loaders (tsx) apply
  });
  const close = async () => {
    cognito.kill();
    detachMailbox();
    await Promise.all([
      s3?.close(),
      new Promise((done) => dynamo.close(done)),
      new Promise((done) => {
        ses.closeAllConnections?.();
        ses.close(done);
      }),
    ]);
  };
  await waitForChild(cognito).catch(async (error: unknown) => {
    await close();
    throw error;
  });

  return {
    endpoints: {
      s3: `http://127.0.0.1:${s3Address.port}`,
      dynamodb: `http://127.0.0.1:${dynamoPort}`,
      ses: `http://127.0.0.1:${portOf(ses)}`,
      cognito: `http://127.0.0.1:${cognitoPort}`,
    },
    useCognitoEmails: (emails) => cognito.send({ cognitoEmails: emails }),
    s3Outage: {
      async begin() {
        await s3?.close();
        s3 = null;
      },
      async end() {
        s3 ??= createS3rver({ port: s3Address.port, ...s3Options });
        await s3.run();
      },
    },
    dynamodbOutage: {
      begin: () => new Promise<void>((done) => dynamo.close(() => done())),
      end: () => new Promise<void>((ready) => dynamo.listen(dynamoPort, '127.0.0.1', ready)),
    },
    close,
  };
}

function checkCognitoFiles(dataDir: string): void {
  const dbDir = path.join(dataDir, 'cognito', '.cognito', 'db');
  for (const name of readdirSync(dbDir)) {
    const file = path.join(dbDir, name);
    if (name.endsWith('.tmp')) rmSync(file, { force: true }); // a write a kill interrupted; the file it was replacing is whole
    if (!name.endsWith('.json')) continue;
    try {
      JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      const loss =
        name === 'clients.json'
          ? 'It holds the app client the portal signs in with; a new one is created (nothing else is lost).'
          : `It holds the local user pool: a new pool with the demo users is created. Users you added yourself are lost, and the demo users get new ids, so submissions they made before no longer show for them (the submissions, files and mail stay in ${dataDir}).`;
      throw new LocalStartError(
        [
          `The local Cognito file ${file} is damaged (it is not valid JSON), so the local user pool cannot start.`,
          `To recover, delete that file and run npm start again. ${loss}`,
          `To start completely fresh instead, delete ${dataDir}.`,
        ].join('\n'),
      );
    }
  }
}

function waitForChild(child: ChildProcess): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((ready, failed) => {
    child.once('message', (message: { ready?: boolean; error?: string }) => (message.ready ? ready() : failed(new Error(`cognito-local: ${message.error}`))));
    child.once('exit', (code) => failed(new Error(`cognito-local exited with ${code}: ${stderr.slice(-2000)}`)));
  });
}

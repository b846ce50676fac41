/**
 * The whole system on 127.0.0.1: emulators, resources provisioned from the synthesized
 * template, the template's functions (Lambda Invoke API), state machines (Step Functions API)
 * and schedules, the API and the portal. Executions a stop interrupted run again at start.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { MALWARE_SCANNING_PARAMETER } from '../src/contract/malware-scanning.js';
import type { OfficeContact } from '../src/contract/office.js';
import { PROJECT_ROOT } from '../infra/project-root.js';
import { ENV } from '../src/contract/environment.js';
import { ENTRY_METADATA_KEY } from '../src/contract/service.js';
import { LocalApiServer } from './api-server.js';
import { lockDataDir } from './data-lock.js';
import { assertPortsFree, freePort, reservePort, startEmulators, type Emulators } from './emulators.js';
import { ExecutionJournal } from './execution-journal.js';
import { bundleFunctions } from './function-bundles.js';
import { LocalFunctions, functionEntries } from './functions.js';
import { LambdaApiServer, LocalLambdaInvoker } from './lambda-api.js';
import { localValues } from './local-values.js';
import { DEMO_USERS, LOCAL_CREDENTIALS, LOCAL_REGION, bucketConfigs, localBucketName, localTableName, provisionTables, provisionUserPool, userPoolEmails, type TableProvisioning } from './provision.js';
import { LocalScheduler, scheduledJobs, schedulesOf, type Schedule, type SchedulerClock } from './scheduler.js';
import { LocalStateMachines } from './state-machines.js';
import { StepFunctionsApiServer } from './stepfunctions-api.js';
import { resourcesOfType, synthesizeTemplate, type Template } from './template.js';

export interface StackInfo {
  apiUrl: string;
  portalUrl: string;
  mailboxUrl: string;
  region: string;
  endpoints: { s3: string; dynamodb: string; ses: string; cognito: string; stepfunctions: string; lambda: string };
  bucketName: string;
  auditAnchorBucketName: string;
  tables: { intake: string; audit: string };
  userPoolId: string;
  userPoolClientId: string;
  /** Logical id → ARN of every state machine of the template. */
  stateMachines: Record<string, string>;
  /** Job name → function name (`npm run job -- <job-name>`). */
  scheduledJobs: Record<string, string>;
  schedules: Schedule[];
  users: { username: string; password: string; role: 'provider' | 'staff'; name: string }[];
}

export interface LocalRuntime {
  stack: StackInfo;
  /** Resolves when no workflow execution is running. */
  workflowsIdle(): Promise<void>;
  /** Test-only: make S3 unavailable for a while (a real outage: connections are refused). */
  s3Outage: Emulators['s3Outage'];
  /** Test-only: make DynamoDB unavailable for a while (connections are refused). */
  dynamodbOutage: Emulators['dynamodbOutage'];
  close(): Promise<void>;
}

export interface LocalRuntimeOptions {
  dataDir: string;
  /** Port of the API + portal; 0 puts every service on a free port (tests). */
  port?: number;
  quiet?: boolean;
  webRoot?: string;
  /** Test-only: template parameter values besides the local ones (e.g. `MalwareScanning: 'GuardDuty'`, the test tagging as GuardDuty would). */
  parameters?: Record<string, string>;
  /** Test-only: wait this long (ms) before each retry of these states instead of the definition's intervals. */
  retryIntervalOverrides?: Record<string, number | number[]>;
  /** Test-only: resources added to the synthesized template (a schedule and function to exercise). */
  extraResources?: Template['Resources'];
  /** Test-only: the clock the schedules run on. */
  schedulerClock?: SchedulerClock;
  /** Test-only: which schedules run (all are still listed in stack.json); a test moving the clock by a week needs no 2,016 reconciler runs. */
  runsSchedule?: (schedule: Schedule) => boolean;
  /** Test-only: run the functions of these entries from other entries (a composition root with a fault injected). */
  functionEntryOverrides?: Record<string, string>;
  /** Test-only: awaited at each step of a table rebuild (a kill test pauses there). */
  onTableRebuildStep?: TableProvisioning['onRebuildStep'];
  /**
   * Load every function's worker right after start (default), so her first request finds it ready.
   * Tests pass false: loading all of them takes some 6 CPU-seconds, mostly for functions the file
   * never calls; a function is then loaded at its first invocation, as a Lambda cold start is.
   */
  warmFunctions?: boolean;
}

const DEFAULT_PORTS = { s3: 4569, dynamodb: 4567, ses: 8005, cognito: 9229, stepfunctions: 8083, lambda: 8084 };
/** How a taken fixed port is named to her; typed by DEFAULT_PORTS so a new emulator cannot be left unchecked. */
const PORT_NAMES: Record<keyof typeof DEFAULT_PORTS, string> = { s3: 'S3', dynamodb: 'DynamoDB', ses: 'SES and mailbox', cognito: 'Cognito', stepfunctions: 'Step Functions', lambda: 'Lambda' };
const SENDER_ADDRESS = 'credentialing@example.org';
/** `npm run dev` serves the portal from Vite's dev server; its uploads go straight to S3 too. */
const VITE_DEV_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    return await startOnLockedDataDir(dataDir, options, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

async function startOnLockedDataDir(dataDir: string, options: LocalRuntimeOptions, unlock: () => void): Promise<LocalRuntime> {
  const log = (message: string) => options.quiet || console.log(message);
  const fixed = options.port !== 0;
  // The portal and API bind last, after bundling: a free port is held until then.
  const reserved = fixed ? null : await reservePort();
  const port = reserved?.port ?? options.port ?? 3000;
  const pick = async (name: keyof typeof DEFAULT_PORTS) => (fixed ? DEFAULT_PORTS[name] : freePort());
  if (fixed) await assertPortsFree({ 'portal and API': port, ...Object.fromEntries(Object.entries(DEFAULT_PORTS).map(([name, fixedPort]) => [PORT_NAMES[name as keyof typeof DEFAULT_PORTS], fixedPort])) });
  const portalUrl = `http://127.0.0.1:${port}`;

  const template = await synthesizeTemplate();
  Object.assign(template.Resources, options.extraResources);
  overrideEntries(template, options.functionEntryOverrides ?? {});
  const bundling = bundleFunctions(functionEntries(template));
  bundling.catch(() => undefined); // awaited below; an early failure must not go unhandled meanwhile
  const [intakeId] = resourcesOfType(template, 'AWS::DynamoDB::Table').find(([id]) => id.includes('IntakeTable'))!;
  const [auditId] = resourcesOfType(template, 'AWS::DynamoDB::Table').find(([id]) => id.includes('AuditTable'))!;
  const [bucketId] = resourcesOfType(template, 'AWS::S3::Bucket').find(([id]) => id.includes('DocumentsBucket'))!;
  const [anchorBucketId] = resourcesOfType(template, 'AWS::S3::Bucket').find(([id]) => id.includes('AuditAnchorBucket'))!;

  const emulators = await startEmulators(dataDir, { s3: await pick('s3'), dynamodb: await pick('dynamodb'), ses: await pick('ses'), cognito: await pick('cognito') }, bucketConfigs(template, [portalUrl, ...VITE_DEV_ORIGINS]));
  const parts: { scheduler?: LocalScheduler; api?: LocalApiServer; stepFunctionsApi?: StepFunctionsApiServer; machines?: LocalStateMachines; lambdaApi?: LambdaApiServer; functions?: LocalFunctions } = {};
  // Callers first, workers last: executions stop before the functions they call, so none ends by their stopping.
  const close = async () => {
    const { scheduler, api, stepFunctionsApi, machines, lambdaApi, functions } = parts;
    for (const stop of [() => reserved?.release(), () => scheduler?.close(), () => api?.close(), () => stepFunctionsApi?.close(), () => machines?.close(), () => lambdaApi?.close(), () => functions?.close(), () => emulators.close(), unlock]) {
      await Promise.resolve()
        .then(stop)
        .catch(() => undefined);
    }
  };
  try {
    await provisionTables(template, emulators.endpoints.dynamodb, { rebuildDir: path.join(dataDir, 'dynamodb-rebuild'), onRebuildStep: options.onTableRebuildStep });
    const stackFile = path.join(dataDir, 'stack.json');
    const pool = await provisionUserPool(template, emulators.endpoints.cognito);
    const locals = localValues(template, { pool, portalHost: `127.0.0.1:${port}`, parameters: { SenderEmailAddress: SENDER_ADDRESS, [MALWARE_SCANNING_PARAMETER]: 'Builtin', ...options.parameters } });
    emulators.useCognitoEmails(userPoolEmails(template, locals));

    const lambdaApi = (parts.lambdaApi = new LambdaApiServer());
    const stepFunctionsApi = (parts.stepFunctionsApi = new StepFunctionsApiServer());
    const lambdaEndpoint = await lambdaApi.listen(fixed ? DEFAULT_PORTS.lambda : 0);
    const stepFunctionsEndpoint = await stepFunctionsApi.listen(fixed ? DEFAULT_PORTS.stepfunctions : 0);

    // The SDK's standard per-service endpoint variables point the unchanged handlers at the emulators.
    const environment: Record<string, string> = {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_S3: emulators.endpoints.s3,
      AWS_ENDPOINT_URL_DYNAMODB: emulators.endpoints.dynamodb,
      AWS_ENDPOINT_URL_SESV2: emulators.endpoints.ses,
      AWS_ENDPOINT_URL_SFN: stepFunctionsEndpoint,
      AWS_ENDPOINT_URL_LAMBDA: lambdaEndpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: emulators.endpoints.cognito,
      // s3rver stores aws-chunked stream bodies verbatim; only send checksums when required.
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      [ENV.s3ForcePathStyle]: 'true',
      POWERTOOLS_METRICS_DISABLED: 'true',
      // The lockfile pins an SDK that still supports Node 20; its reminder would repeat per function.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_DEV: 'false',
    };
    const overrides: Record<string, string> = { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? (options.quiet ? 'ERROR' : 'WARN') };
    const bundles = await bundling;
    const functions = (parts.functions = new LocalFunctions(template, locals, environment, overrides, bundles.bundleOf));
    const invoker = new LocalLambdaInvoker(functions, (message) => console.error(message));
    lambdaApi.serve(invoker);

    const machines = (parts.machines = new LocalStateMachines(template, locals, invoker, new ExecutionJournal(path.join(dataDir, 'stepfunctions', 'executions.jsonl')), {
      onError: (message) => console.error(message),
      retryIntervalOverrides: options.retryIntervalOverrides,
    }));
    stepFunctionsApi.serve(machines);

    const apiUrl = `${portalUrl}/api`;
    const parameter = (id: string) => locals.ref(id) ?? '';
    const office: OfficeContact = { organizationName: parameter('OrganizationName'), officeName: parameter('OfficeName'), contactEmail: parameter('ContactEmailAddress'), contactPhone: parameter('ContactPhoneNumber') };
    const portalConfig = { apiUrl, region: LOCAL_REGION, userPoolId: pool.userPoolId, userPoolClientId: pool.userPoolClientId, cognitoEndpoint: `${emulators.endpoints.cognito}/`, ...office };
    const api = (parts.api = new LocalApiServer({
      template,
      locals,
      functions,
      cognitoEndpoint: emulators.endpoints.cognito,
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.userPoolClientId,
      webRoot: options.webRoot ?? path.join(PROJECT_ROOT, 'web', 'dist'),
      portalConfig: () => portalConfig,
      extraConnectSources: [emulators.endpoints.cognito, emulators.endpoints.s3],
      documentSources: [emulators.endpoints.s3],
      standardClaims: standardClaimsReader(emulators.endpoints.cognito, pool.userPoolId),
    }));
    await reserved?.release();
    await api.listen(port);

    const schedules = schedulesOf(template, locals);
    const scheduler = (parts.scheduler = new LocalScheduler(schedules.filter(options.runsSchedule ?? (() => true)), (functionName, event) => void invoker.invoke(functionName, JSON.stringify(event), 'Event'), options.schedulerClock));
    scheduler.start();

    const stack: StackInfo = {
      apiUrl,
      portalUrl,
      mailboxUrl: emulators.endpoints.ses,
      region: LOCAL_REGION,
      endpoints: { ...emulators.endpoints, stepfunctions: stepFunctionsEndpoint, lambda: lambdaEndpoint },
      bucketName: localBucketName(bucketId),
      auditAnchorBucketName: localBucketName(anchorBucketId),
      tables: { intake: localTableName(intakeId), audit: localTableName(auditId) },
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.userPoolClientId,
      stateMachines: machines.arns(),
      scheduledJobs: scheduledJobs(schedules),
      schedules,
      users: DEMO_USERS.map(({ username, password, role, name }) => ({ username, password, role, name })),
    };
    writeFileSync(stackFile, `${JSON.stringify(stack, null, 2)}\n`);

    const resumed = machines.resumeUnfinished();
    if (resumed.length) log(`Running again ${resumed.length} workflow execution(s) a stop interrupted: ${resumed.map((e) => e.name).join(', ')}`);
    if (options.warmFunctions ?? true) void functions.warm();
    return { stack, workflowsIdle: () => machines.idle(), s3Outage: emulators.s3Outage, dynamodbOutage: emulators.dynamodbOutage, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function overrideEntries(template: Template, overrides: Record<string, string>): void {
  for (const [, resource] of resourcesOfType(template, 'AWS::Lambda::Function')) {
    const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
    if (typeof entry === 'string' && overrides[entry]) resource.Metadata![ENTRY_METADATA_KEY] = overrides[entry];
  }
}

/**
 * Cognito-local's ID tokens lack the name claims AWS puts in them, so they are read per token, as
 * AWS fixes them when it issues one: a name the office corrects reaches the API with her next token.
 */
function standardClaimsReader(endpoint: string, userPoolId: string) {
  const client = new CognitoIdentityProviderClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const byToken = new Map<string, Promise<Record<string, string>>>();
  return (username: string, tokenId: string) => {
    let claims = byToken.get(tokenId);
    if (!claims) {
      claims = client
        .send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))
        .then((user) => Object.fromEntries((user.UserAttributes ?? []).filter((a) => ['given_name', 'family_name', 'name'].includes(a.Name!)).map((a) => [a.Name!, a.Value ?? ''])));
      claims.catch(() => byToken.delete(tokenId));
      // Tokens live 15 minutes; a thousand recent ones is plenty, and memory stays bounded.
      if (byToken.size >= 1000) byToken.delete(byToken.keys().next().value!);
      byToken.set(tokenId, claims);
    }
    return claims;
  };
}

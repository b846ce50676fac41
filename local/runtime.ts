/**
 * The whole system on 127.0.0.1: emulators, resources provisioned from the synthesized
 * template, the template's functions and state machine, the API and the portal.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ENV } from '../src/contract/environment.js';
import { MALWARE_SCANNING_PARAMETER } from '../src/contract/malware-scanning.js';
import { INTAKE_INDEXES } from '../src/contract/tables.js';
import { fromSubmissionItem } from '../src/adapters/dynamodb-intake-items.js';
import { executionName, workflowInput } from '../src/domain/workflow-attempt.js';
import { PROJECT_ROOT } from '../infra/project-root.js';
import { LocalApiServer } from './api-server.js';
import { freePort, startEmulators, type Emulators } from './emulators.js';
import { LocalFunctions } from './functions.js';
import { DEMO_USERS, LOCAL_CREDENTIALS, LOCAL_REGION, bucketConfigs, localBucketName, localTableName, provisionTables, provisionUserPool, type UserPoolIds } from './provision.js';
import { resourcesOfType, synthesizeTemplate, type LocalValues } from './template.js';
import { LOCAL_ACCOUNT, LocalWorkflow } from './workflow.js';
import type { OfficeContact } from '../src/contract/office.js';

export interface StackInfo {
  apiUrl: string;
  portalUrl: string;
  mailboxUrl: string;
  region: string;
  endpoints: { s3: string; dynamodb: string; ses: string; cognito: string; stepfunctions: string };
  bucketName: string;
  auditAnchorBucketName: string;
  tables: { intake: string; audit: string };
  userPoolId: string;
  userPoolClientId: string;
  stateMachineArn: string;
  users: { username: string; password: string; role: 'provider' | 'staff'; name: string }[];
}

export interface LocalRuntime {
  stack: StackInfo;
  /** Resolves when every workflow started so far has finished. */
  workflowsIdle(): Promise<void>;
  /** Test-only: make S3 unavailable for a while (a real outage: connections are refused). */
  s3Outage: Emulators['s3Outage'];
  close(): Promise<void>;
}

export interface LocalRuntimeOptions {
  dataDir: string;
  /** Port of the API + portal; 0 puts every service on a free port (tests). */
  port?: number;
  quiet?: boolean;
  webRoot?: string;
  /** Test-only: wait this long (ms) before each retry of these states instead of the definition's intervals. */
  retryIntervalOverrides?: Record<string, number | number[]>;
}

const DEFAULT_PORTS = { s3: 4569, dynamodb: 4567, ses: 8005, cognito: 9229, stepfunctions: 8083 };
const SENDER_ADDRESS = 'credentialing@example.org';
/** `npm run dev` serves the portal from Vite's dev server; its uploads go straight to S3 too. */
const VITE_DEV_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const log = (message: string) => options.quiet || console.log(message);
  const fixed = options.port !== 0;
  const port = fixed ? options.port ?? 3000 : await freePort();
  const pick = async (name: keyof typeof DEFAULT_PORTS) => (fixed ? DEFAULT_PORTS[name] : freePort());
  const portalUrl = `http://127.0.0.1:${port}`;

  const template = synthesizeTemplate();
  const [intakeId] = resourcesOfType(template, 'AWS::DynamoDB::Table').find(([id]) => id.includes('IntakeTable'))!;
  const [auditId] = resourcesOfType(template, 'AWS::DynamoDB::Table').find(([id]) => id.includes('AuditTable'))!;
  const [bucketId] = resourcesOfType(template, 'AWS::S3::Bucket').find(([id]) => id.includes('DocumentsBucket'))!;
  const [anchorBucketId] = resourcesOfType(template, 'AWS::S3::Bucket').find(([id]) => id.includes('AuditAnchorBucket'))!;

  const emulators = await startEmulators(dataDir, { s3: await pick('s3'), dynamodb: await pick('dynamodb'), ses: await pick('ses'), cognito: await pick('cognito') }, bucketConfigs(template, [portalUrl, ...VITE_DEV_ORIGINS]));
  const closers: (() => Promise<void>)[] = [() => emulators.close()];
  try {
    await provisionTables(template, emulators.endpoints.dynamodb);
    const stackFile = path.join(dataDir, 'stack.json');
    const previous = existsSync(stackFile) ? (JSON.parse(readFileSync(stackFile, 'utf8')) as UserPoolIds) : null;
    const pool = await provisionUserPool(template, emulators.endpoints.cognito, previous);

    const locals: LocalValues = {
      ref(id) {
        const resource = template.Resources[id];
        switch (id) {
          case 'AWS::Region':
            return LOCAL_REGION;
          case 'AWS::AccountId':
            return LOCAL_ACCOUNT;
          case 'AWS::Partition':
            return 'aws';
          case 'AWS::URLSuffix':
            return 'amazonaws.com';
          case 'SenderEmailAddress':
            return SENDER_ADDRESS;
          case MALWARE_SCANNING_PARAMETER:
            return 'Builtin'; // GuardDuty does not run locally; the builtin engine writes the same verdict tag
        }
        if (template.Parameters?.[id]) return String(template.Parameters[id]!.Default ?? '');
        switch (resource?.Type) {
          case 'AWS::DynamoDB::Table':
            return localTableName(id);
          case 'AWS::S3::Bucket':
            return localBucketName(id);
          case 'AWS::StepFunctions::StateMachine':
            return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${id}`;
          case 'AWS::Cognito::UserPool':
            return pool.userPoolId;
          case 'AWS::Cognito::UserPoolClient':
            return pool.userPoolClientId;
          default:
            return id;
        }
      },
      getAtt(id, attribute) {
        const type = template.Resources[id]?.Type;
        if (attribute !== 'Arn') return `${id}.${attribute}`;
        if (type === 'AWS::Lambda::Function') return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${id}`;
        if (type === 'AWS::DynamoDB::Table') return `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${localTableName(id)}`;
        if (type === 'AWS::S3::Bucket') return `arn:aws:s3:::${localBucketName(id)}`;
        return `arn:aws:local:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${id}`;
      },
    };

    const stepfunctionsPort = await pick('stepfunctions');
    const stepfunctionsEndpoint = `http://127.0.0.1:${stepfunctionsPort}`;
    // The SDK's standard per-service endpoint variables point the unchanged handlers at the emulators.
    const environment: Record<string, string> = {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_S3: emulators.endpoints.s3,
      AWS_ENDPOINT_URL_DYNAMODB: emulators.endpoints.dynamodb,
      AWS_ENDPOINT_URL_SESV2: emulators.endpoints.ses,
      AWS_ENDPOINT_URL_SFN: stepfunctionsEndpoint,
      // s3rver stores aws-chunked stream bodies verbatim; only send checksums when required.
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      [ENV.s3ForcePathStyle]: 'true',
      POWERTOOLS_METRICS_DISABLED: 'true',
      // The lockfile pins an SDK that still supports Node 20; its reminder would repeat per function.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_DEV: 'false',
    };
    const overrides: Record<string, string> = { [ENV.portalOrigin]: portalUrl, [ENV.portalUrl]: portalUrl, POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? (options.quiet ? 'ERROR' : 'WARN') };
    const functions = new LocalFunctions(template, locals, environment, overrides);
    closers.unshift(() => functions.close());

    const workflow = new LocalWorkflow(template, locals, functions, (message) => console.error(message), options.retryIntervalOverrides);
    await workflow.listen(stepfunctionsPort);
    closers.unshift(() => workflow.close());

    const apiUrl = `${portalUrl}/api`;
    const parameter = (id: string) => locals.ref(id) ?? '';
    const office: OfficeContact = { organizationName: parameter('OrganizationName'), officeName: parameter('OfficeName'), contactEmail: parameter('ContactEmailAddress'), contactPhone: parameter('ContactPhoneNumber') };
    const portalConfig = { apiUrl, region: LOCAL_REGION, userPoolId: pool.userPoolId, userPoolClientId: pool.userPoolClientId, cognitoEndpoint: `${emulators.endpoints.cognito}/`, ...office };
    const api = new LocalApiServer({
      template,
      functions,
      cognitoEndpoint: emulators.endpoints.cognito,
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.userPoolClientId,
      webRoot: options.webRoot ?? path.join(PROJECT_ROOT, 'web', 'dist'),
      portalConfig: () => portalConfig,
      extraConnectSources: [emulators.endpoints.cognito, emulators.endpoints.s3],
      standardClaims: standardClaimsReader(emulators.endpoints.cognito, pool.userPoolId),
    });
    await api.listen(port);
    closers.unshift(() => api.close());

    const stack: StackInfo = {
      apiUrl,
      portalUrl,
      mailboxUrl: emulators.endpoints.ses,
      region: LOCAL_REGION,
      endpoints: { ...emulators.endpoints, stepfunctions: stepfunctionsEndpoint },
      bucketName: localBucketName(bucketId),
      auditAnchorBucketName: localBucketName(anchorBucketId),
      tables: { intake: localTableName(intakeId), audit: localTableName(auditId) },
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.userPoolClientId,
      stateMachineArn: workflow.stateMachineArn,
      users: DEMO_USERS.map(({ username, password, role, name }) => ({ username, password, role, name })),
    };
    writeFileSync(stackFile, `${JSON.stringify(stack, null, 2)}\n`);

    await resumeInterruptedWorkflows(stack, workflow, log);
    return {
      stack,
      workflowsIdle: () => workflow.idle(),
      s3Outage: emulators.s3Outage,
      async close() {
        for (const close of closers) await close().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}

function standardClaimsReader(endpoint: string, userPoolId: string) {
  const client = new CognitoIdentityProviderClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const cache = new Map<string, Record<string, string>>();
  return async (username: string) => {
    let claims = cache.get(username);
    if (!claims) {
      const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
      claims = Object.fromEntries((user.UserAttributes ?? []).filter((a) => ['given_name', 'family_name', 'name'].includes(a.Name!)).map((a) => [a.Name!, a.Value ?? '']));
      cache.set(username, claims);
    }
    return claims;
  };
}

/** Submissions left VALIDATING by a stop mid-workflow are run again: every step is idempotent. */
async function resumeInterruptedWorkflows(stack: StackInfo, workflow: LocalWorkflow, log: (message: string) => void): Promise<void> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
  const { Items = [] } = await db.send(
    new QueryCommand({ TableName: stack.tables.intake, IndexName: INTAKE_INDEXES.byStatus.name, KeyConditionExpression: 'gsiStatus = :s', ExpressionAttributeValues: { ':s': 'VALIDATING' } }),
  );
  for (const item of Items) {
    const submission = fromSubmissionItem(item);
    log(`Resuming the intake workflow of submission ${submission.submissionId}`);
    workflow.start(executionName(submission.submissionId, submission.attempt), JSON.stringify(workflowInput(submission)));
  }
  db.destroy();
}

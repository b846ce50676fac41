/**
 * Creates the template's tables, buckets and user pool in the emulators (idempotent: a restart
 * finds them in place) and seeds the demo users.
 */
import { CognitoIdentityProviderClient, AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminGetUserCommand, GetGroupCommand, AdminSetUserPasswordCommand, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, SetUserPoolMfaConfigCommand, UpdateUserPoolClientCommand, type CreateUserPoolClientCommandInput, ListUserPoolClientsCommand, ListUserPoolsCommand, type AttributeType, type ExplicitAuthFlowsType } from '@aws-sdk/client-cognito-identity-provider';
import { BatchWriteItemCommand, CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ScanCommand, type AttributeValue, type CreateTableCommandInput, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CognitoEmails } from './emulators.js';
import { resolve, resourcesOfType, type LocalValues, type Template } from './template.js';

import { PROVIDER_GROUP, STAFF_GROUP } from '../src/domain/caller.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.js';

export { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.js';

export interface DemoUser {
  username: string;
  password: string;
  role: 'provider' | 'staff';
  name: string;
  givenName: string;
  familyName: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'emily.johnson@example.org', password: 'Emily-Demo-2026!', role: 'provider', name: 'Emily Johnson', givenName: 'Emily', familyName: 'Johnson' },
  { username: 'michael.chen@example.org', password: 'Michael-Demo-2026!', role: 'provider', name: 'Michael Chen', givenName: 'Michael', familyName: 'Chen' },
  { username: 'credentialing@example.org', password: 'Staff-Demo-2026!', role: 'staff', name: 'Credentialing Office', givenName: 'Credentialing', familyName: 'Office' },
];

/** Local physical names: the logical id, lower-cased where S3 requires it. */
export const localTableName = (logicalId: string) => logicalId;
export const localBucketName = (logicalId: string) => logicalId.toLowerCase();

interface IndexDefinition {
  IndexName?: string;
  KeySchema?: { AttributeName?: string; KeyType?: string }[];
  Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
}
type TableProperties = Record<string, unknown> & { GlobalSecondaryIndexes?: IndexDefinition[] };

/** A table's indexes as comparable text: each one's name, keys and projection. */
const indexShape = (indexes: IndexDefinition[] | undefined) =>
  (indexes ?? [])
    .map(({ IndexName, KeySchema, Projection }) => `${IndexName} ${(KeySchema ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(',')} ${Projection?.ProjectionType} ${[...(Projection?.NonKeyAttributes ?? [])].sort().join(',')}`)
    .sort()
    .join('\n');

/** The moments of a table rebuild a stop can fall between (a kill test pauses at one). */
export type RebuildStep = 'items-saved' | 'table-deleted' | 'items-restoring';

export interface TableProvisioning {
  /** Where a rebuild keeps a table's items (under the data folder) until they are all written back. */
  rebuildDir: string;
  /** Test-only: awaited at each step of a rebuild. */
  onRebuildStep?: (step: RebuildStep, tableName: string) => Promise<void>;
}

export async function provisionTables(template: Template, endpoint: string, { rebuildDir, onRebuildStep = async () => undefined }: TableProvisioning): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
    for (const [logicalId, resource] of resourcesOfType(template, 'AWS::DynamoDB::Table')) {
      const tableName = localTableName(logicalId);
      const props = resource.Properties as TableProperties;
      const saved = path.join(rebuildDir, `${tableName}.json`);
      // A rebuild a stop interrupted: the saved items are the table as it was (nothing writes before provisioning ends).
      if (existsSync(saved)) await rebuild(client, tableName, props, readItems(saved), saved, onRebuildStep);
      else if (!existing.has(tableName)) await createTable(client, tableName, props);
      else if (await indexesChanged(client, tableName, props)) {
        const items = await scanAll(client, tableName);
        saveItems(saved, items);
        await onRebuildStep('items-saved', tableName);
        await rebuild(client, tableName, props, items, saved, onRebuildStep);
      }
    }
  } finally {
    client.destroy();
  }
}

async function createTable(client: DynamoDBClient, tableName: string, props: TableProperties): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: props.KeySchema,
      AttributeDefinitions: props.AttributeDefinitions,
      BillingMode: 'PAY_PER_REQUEST',
      ...(props.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: props.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })) } : {}),
    } as CreateTableCommandInput),
  );
}

async function indexesChanged(client: DynamoDBClient, tableName: string, props: TableProperties): Promise<boolean> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return indexShape(Table?.GlobalSecondaryIndexes) !== indexShape(props.GlobalSecondaryIndexes);
}

async function scanAll(client: DynamoDBClient, tableName: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Binary attributes (`B`, `BS`) as base64, so the file gives back the same bytes. */
const BINARY = '$base64';
function saveItems(file: string, items: Record<string, AttributeValue>[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const text = JSON.stringify(items, function (this: Record<string, unknown>, key, value: unknown) {
    const original = this[key];
    return original instanceof Uint8Array ? { [BINARY]: Buffer.from(original).toString('base64') } : value;
  });
  // Renamed into place whole: a kill while writing leaves no file, and the table untouched.
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}
const readItems = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8'), (_key, value: unknown) => (value && typeof value === 'object' && BINARY in value ? new Uint8Array(Buffer.from((value as Record<string, string>)[BINARY]!, 'base64')) : value)) as Record<string, AttributeValue>[];

/**
 * A `.data` folder made before the template's indexes changed (one added, say) keeps its items:
 * dynalite cannot add an index to a table, so the table is read whole into a file, created again
 * as the template declares it, and its items written back — each index is then built from them,
 * as DynamoDB backfills a new index. The file goes only once every item is back, so a start after
 * a kill at any moment finishes the rebuild from it.
 */
async function rebuild(client: DynamoDBClient, tableName: string, props: TableProperties, items: Record<string, AttributeValue>[], saved: string, step: NonNullable<TableProvisioning['onRebuildStep']>): Promise<void> {
  if (await tableStatus(client, tableName)) {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
    // dynalite deletes and creates a moment after it answers: wait for each, as the SDK's waiters would (only faster).
    await until(async () => !(await tableStatus(client, tableName)));
  }
  await step('table-deleted', tableName);
  await createTable(client, tableName, props);
  await until(async () => (await tableStatus(client, tableName)) === 'ACTIVE');
  for (let i = 0; i < items.length; i += 25) {
    let pending: WriteRequest[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) pending = (await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }))).UnprocessedItems?.[tableName] ?? [];
    if (i === 0) await step('items-restoring', tableName);
  }
  rmSync(saved);
}

async function tableStatus(client: DynamoDBClient, tableName: string): Promise<string | null> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableStatus ?? null;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return null;
    throw error;
  }
}

async function until(done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; !(await done()); attempt++) {
    if (attempt >= 500) throw new Error('The local DynamoDB did not finish rebuilding a table in 10 seconds');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The template's CORS rules as the XML s3rver reads, with the portal origin made local. */
export function bucketConfigs(template: Template, portalOrigins: string[]): { name: string; configs: string[] }[] {
  return resourcesOfType(template, 'AWS::S3::Bucket').map(([logicalId, resource]) => {
    const rules = ((resource.Properties?.CorsConfiguration as { CorsRules?: Record<string, string[] | number>[] })?.CorsRules ?? []).map((rule) => {
      const list = (tag: string, values: unknown) => ((values as string[] | undefined) ?? []).map((v) => `<${tag}>${xml(v)}</${tag}>`).join('');
      return `<CORSRule>${list('AllowedOrigin', portalOrigins)}${list('AllowedMethod', rule.AllowedMethods)}${list('AllowedHeader', rule.AllowedHeaders)}${list('ExposeHeader', rule.ExposedHeaders)}${rule.MaxAge ? `<MaxAgeSeconds>${rule.MaxAge}</MaxAgeSeconds>` : ''}</CORSRule>`;
    });
    return { name: localBucketName(logicalId), configs: rules.length ? [`<CORSConfiguration>${rules.join('')}</CORSConfiguration>`] : [] };
  });
}

const PORTAL_CLIENT_NAME = 'PortalClient';

const pick = (properties: Record<string, unknown>, names: string[]) => Object.fromEntries(names.filter((name) => name in properties).map((name) => [name, properties[name]]));

export interface UserPoolIds {
  userPoolId: string;
  userPoolClientId: string;
}

/**
 * The template's pool and app client, found by name in cognito-local's store under `.data/`
 * (so a restart, even one after `.data/stack.json` was deleted, keeps users, their ids and the
 * tokens they hold), or created when there is none.
 */
export async function provisionUserPool(template: Template, endpoint: string): Promise<UserPoolIds> {
  const client = new CognitoIdentityProviderClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const [poolName, poolResource] = resourcesOfType(template, 'AWS::Cognito::UserPool')[0]!;
  const [, clientResource] = resourcesOfType(template, 'AWS::Cognito::UserPoolClient')[0]!;
  try {
    // Earlier versions made a new pool whenever stack.json was missing: the newest is the one the last start used.
    const pools = ((await client.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? []).filter((pool) => pool.Name === poolName);
    const existing = pools.sort((a, b) => (b.CreationDate?.getTime() ?? 0) - (a.CreationDate?.getTime() ?? 0))[0]?.Id;
    const userPoolId = existing ?? (await client.send(new CreateUserPoolCommand({ PoolName: poolName, UsernameAttributes: ['email'] }))).UserPool!.Id!;
    // The template's MFA setting (OPTIONAL, TOTP), also on a pool an earlier start made: cognito-local's
    // default is OFF, which signs a user who turned two-step sign-in on in without her code.
    const mfa = poolResource.Properties ?? {};
    await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: (mfa.MfaConfiguration as 'OFF' | 'ON' | 'OPTIONAL' | undefined) ?? 'OFF', SoftwareTokenMfaConfiguration: { Enabled: ((mfa.EnabledMfas as string[] | undefined) ?? []).includes('SOFTWARE_TOKEN_MFA') } }));
    const clients = existing ? ((await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }))).UserPoolClients ?? []) : [];
    // The template's token lifetimes, so the portal's refresh runs locally as in AWS (cognito-local's default is 24 hours).
    const lifetimes = pick(clientResource.Properties ?? {}, ['IdTokenValidity', 'AccessTokenValidity', 'RefreshTokenValidity', 'TokenValidityUnits']) as Pick<CreateUserPoolClientCommandInput, 'IdTokenValidity' | 'AccessTokenValidity' | 'RefreshTokenValidity' | 'TokenValidityUnits'>;
    const kept = clients.find((appClient) => appClient.ClientName === PORTAL_CLIENT_NAME)?.ClientId;
    if (kept) await client.send(new UpdateUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: kept, ...lifetimes }));
    const userPoolClientId =
      kept ??
      (await client.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: PORTAL_CLIENT_NAME, ExplicitAuthFlows: clientResource.Properties?.ExplicitAuthFlows as ExplicitAuthFlowsType[], ...lifetimes }))).UserPoolClient!.ClientId!;
    // Only what is missing, so a pool kept from an earlier start or repaired keeps its users
    // (cognito-local's CreateGroup replaces an existing group and its members).
    for (const [, group] of resourcesOfType(template, 'AWS::Cognito::UserPoolGroup')) {
      const GroupName = group.Properties!.GroupName as string;
      if (await client.send(new GetGroupCommand({ UserPoolId: userPoolId, GroupName })).catch(() => null)) continue;
      await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName, Description: group.Properties!.Description as string }));
    }
    for (const user of DEMO_USERS) {
      const attributes: AttributeType[] = [
        { Name: 'email', Value: user.username },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'given_name', Value: user.givenName },
        { Name: 'family_name', Value: user.familyName },
      ];
      if (await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.username })).catch(() => null)) continue;
      await client.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: user.username, UserAttributes: attributes, MessageAction: 'SUPPRESS' }));
      await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.username, Password: user.password, Permanent: true }));
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.username, GroupName: user.role === 'staff' ? STAFF_GROUP : PROVIDER_GROUP }));
    }
    return { userPoolId, userPoolClientId };
  } finally {
    client.destroy();
  }
}

/** Cognito's own From address when a pool names no SES identity (EmailConfiguration). */
const COGNITO_DEFAULT_FROM = 'no-reply@verificationemail.com';

/** The template pool's invitation and verification emails, resolved as the deployed pool holds them. */
export function userPoolEmails(template: Template, locals: LocalValues): CognitoEmails {
  const [, pool] = resourcesOfType(template, 'AWS::Cognito::UserPool')[0]!;
  const props = resolve(pool.Properties ?? {}, locals) as {
    AdminCreateUserConfig?: { InviteMessageTemplate?: { EmailSubject?: string; EmailMessage?: string } };
    VerificationMessageTemplate?: { EmailSubject?: string; EmailMessage?: string };
    EmailConfiguration?: { From?: string };
  };
  const invite = props.AdminCreateUserConfig?.InviteMessageTemplate;
  const verification = props.VerificationMessageTemplate;
  if (!invite?.EmailSubject || !invite.EmailMessage || !verification?.EmailSubject || !verification.EmailMessage) {
    throw new Error('The template user pool has no invitation or verification email (PortalSignIn: userInvitation, userVerification).');
  }
  return {
    from: props.EmailConfiguration?.From ?? COGNITO_DEFAULT_FROM,
    invitation: { subject: invite.EmailSubject, body: invite.EmailMessage },
    verification: { subject: verification.EmailSubject, body: verification.EmailMessage },
  };
}

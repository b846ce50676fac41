/**
 * A `.data` folder made before the template gained an index (here: the intake table without
 * byUnsentOutcome, as every folder made before it): `npm start` rebuilds that table as the
 * template declares it and keeps every item, so the new index answers from old items — and a
 * table already as declared is left alone on the next start. A `kill -9` at any moment of the
 * rebuild loses nothing: the next start finishes it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, waitUntilTableExists, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { afterAll, expect, it } from 'vitest';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localTableName, type RebuildStep } from '../../local/provision.js';
import { startLocalRuntime } from '../../local/runtime.js';
import { resourcesOfType, synthesizeTemplate } from '../../local/template.js';
import { childRuntimePausedAt, type ChildRuntime } from './support/child-runtime.js';

const dataDirs: string[] = [];
let paused: Pick<ChildRuntime, 'kill9'> | undefined;
afterAll(async () => {
  await paused?.kill9();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

type IndexProps = { IndexName: string; KeySchema: { AttributeName: string }[]; Projection: unknown };

/** A data folder whose intake table is as a folder made before byUnsentOutcome has it, with `items` in it. */
async function oldFolder(items: Record<string, unknown>[]): Promise<{ dataDir: string; tableName: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'local-data-upgrade-'));
  dataDirs.push(dataDir);
  const template = await synthesizeTemplate();
  const [logicalId, resource] = resourcesOfType(template, 'AWS::DynamoDB::Table').find(([id]) => id.includes('IntakeTable'))!;
  const props = resource.Properties as { KeySchema: { AttributeName: string }[]; AttributeDefinitions: { AttributeName: string }[]; GlobalSecondaryIndexes: IndexProps[] };
  const indexes = props.GlobalSecondaryIndexes.filter((index) => index.IndexName !== INTAKE_INDEXES.unsentOutcomes.name);
  const used = new Set([...props.KeySchema, ...indexes.flatMap((index) => index.KeySchema)].map((key) => key.AttributeName));
  const server = dynalite({ path: path.join(dataDir, 'dynamodb'), createTableMs: 0 });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  const client = new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: `http://127.0.0.1:${port}` });
  const db = DynamoDBDocumentClient.from(client);
  const tableName = localTableName(logicalId);
  await db.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: props.KeySchema,
      AttributeDefinitions: props.AttributeDefinitions.filter((attribute) => used.has(attribute.AttributeName)),
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: indexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
    } as CreateTableCommandInput),
  );
  // dynalite makes a table ACTIVE a moment after CreateTable answers, even with createTableMs 0.
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: tableName });
  for (const Item of items) await db.send(new PutCommand({ TableName: tableName, Item }));
  db.destroy();
  await new Promise((done) => server.close(done));
  return { dataDir, tableName };
}

/** 60 items, one of them a completed review whose outcome is still owed (so the new index has one entry), one with bytes. */
const owed = { pk: 'SUBMISSION#owed', sk: '#SUBMISSION', submissionId: 'owed', gsiCreated: '2026-01-01T00:00:00.000Z#owed', gsiUnsentOutcome: 'OUTCOME', reviewCompletion: { outcome: 'VERIFIED' } };
const withBytes = { pk: 'SUBMISSION#bytes', sk: '#SUBMISSION', submissionId: 'bytes', digest: new Uint8Array([0, 1, 254, 255]) };
const items = [owed, withBytes, ...Array.from({ length: 58 }, (_, i) => ({ pk: `SUBMISSION#s${i}`, sk: '#SUBMISSION', submissionId: `s${i}`, note: 'x'.repeat(2_000) }))];

it('rebuilds a table whose indexes the template changed, keeping every item, and leaves it alone once it matches', async () => {
  // Prepare
  const { dataDir, tableName } = await oldFolder(items);

  // Act: start on that folder, stop, start again
  const first = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  const { db, describe, close } = clientOf(first.stack.endpoints.dynamodb);
  const created = (await describe(tableName)).Table?.CreationDateTime;
  const upgraded = await tableContent(db, tableName);
  close();
  await first.close();
  const second = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  const again = clientOf(second.stack.endpoints.dynamodb);
  const recreated = (await again.describe(tableName)).Table?.CreationDateTime;
  again.close();
  await second.close();

  // Assess
  expect(upgraded.fromIndex).toEqual([owed]);
  expect(upgraded.count).toBe(60);
  expect(upgraded.bytes).toEqual(withBytes);
  expect(recreated).toEqual(created);
});

it.each<RebuildStep>(['items-saved', 'table-deleted', 'items-restoring'])('loses no item when the start rebuilding the table is killed at %s, and the next start finishes it', { timeout: 240_000 }, async (step) => {
  // Prepare
  const { dataDir, tableName } = await oldFolder(items);

  // Act: kill -9 the whole runtime at that step of the rebuild, then start again on the folder
  paused = await childRuntimePausedAt(dataDir, step);
  await paused.kill9();
  paused = undefined;
  const next = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  const { db, close } = clientOf(next.stack.endpoints.dynamodb);
  const after = await tableContent(db, tableName);
  close();
  await next.close();

  // Assess
  expect(after.count).toBe(60);
  expect(after.fromIndex).toEqual([owed]);
  expect(after.bytes).toEqual(withBytes);
  expect(existsSync(path.join(dataDir, 'dynamodb-rebuild', `${tableName}.json`))).toBe(false);
});

async function tableContent(db: DynamoDBDocumentClient, tableName: string) {
  const fromIndex = await db.send(new QueryCommand({ TableName: tableName, IndexName: INTAKE_INDEXES.unsentOutcomes.name, KeyConditionExpression: 'gsiUnsentOutcome = :owed', ExpressionAttributeValues: { ':owed': 'OUTCOME' } }));
  const count = (await db.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }))).Count;
  const bytes = (await db.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': withBytes.pk } }))).Items?.[0];
  return { fromIndex: fromIndex.Items, count, bytes };
}

function clientOf(endpoint: string) {
  const raw = new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint });
  const db = DynamoDBDocumentClient.from(raw);
  return { db, describe: (TableName: string) => raw.send(new DescribeTableCommand({ TableName })), close: () => db.destroy() };
}

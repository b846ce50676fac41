/**
 * A `.data` folder made before the template gained an index (here: the intake table without
 * byUnsentOutcome, as every folder made before it): `npm start` rebuilds that table as the
 * template declares it and keeps every item, so the new index answers from old items — and a
 * table already as declared is left alone on the next start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { afterAll, expect, it } from 'vitest';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localTableName } from '../../local/provision.js';
import { startLocalRuntime } from '../../local/runtime.js';
import { resourcesOfType, synthesizeTemplate } from '../../local/template.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'local-data-upgrade-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type IndexProps = { IndexName: string; KeySchema: { AttributeName: string }[]; Projection: unknown };

/** The intake table as a folder made before byUnsentOutcome has it, with `items` in it. */
async function oldFolder(items: Record<string, unknown>[]): Promise<string> {
  const template = await synthesizeTemplate();
  const [logicalId, resource] = resourcesOfType(template, 'AWS::DynamoDB::Table').find(([id]) => id.includes('IntakeTable'))!;
  const props = resource.Properties as { KeySchema: { AttributeName: string }[]; AttributeDefinitions: { AttributeName: string }[]; GlobalSecondaryIndexes: IndexProps[] };
  const indexes = props.GlobalSecondaryIndexes.filter((index) => index.IndexName !== INTAKE_INDEXES.unsentOutcomes.name);
  const used = new Set([...props.KeySchema, ...indexes.flatMap((index) => index.KeySchema)].map((key) => key.AttributeName));
  const server = dynalite({ path: path.join(dataDir, 'dynamodb'), createTableMs: 0 });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: `http://127.0.0.1:${port}` }));
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
  for (const Item of items) await db.send(new PutCommand({ TableName: tableName, Item }));
  db.destroy();
  await new Promise((done) => server.close(done));
  return tableName;
}

it('rebuilds a table whose indexes the template changed, keeping every item, and leaves it alone once it matches', async () => {
  // Prepare: 60 items, one of them a completed review whose outcome is still owed
  const owed = { pk: 'SUBMISSION#owed', sk: '#SUBMISSION', submissionId: 'owed', gsiCreated: '2026-01-01T00:00:00.000Z#owed', gsiUnsentOutcome: 'OUTCOME', reviewCompletion: { outcome: 'VERIFIED' } };
  const others = Array.from({ length: 59 }, (_, i) => ({ pk: `SUBMISSION#s${i}`, sk: '#SUBMISSION', submissionId: `s${i}`, note: 'x'.repeat(2_000) }));
  const tableName = await oldFolder([owed, ...others]);

  // Act: start on that folder, stop, start again
  const first = await startLocalRuntime({ dataDir, port: 0, quiet: true });
  const { db, describe, close } = clientOf(first.stack.endpoints.dynamodb);
  const created = (await describe(tableName)).Table?.CreationDateTime;
  const fromIndex = await db.send(new QueryCommand({ TableName: tableName, IndexName: INTAKE_INDEXES.unsentOutcomes.name, KeyConditionExpression: 'gsiUnsentOutcome = :owed', ExpressionAttributeValues: { ':owed': 'OUTCOME' } }));
  const count = (await db.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }))).Count;
  close();
  await first.close();
  const second = await startLocalRuntime({ dataDir, port: 0, quiet: true });
  const again = clientOf(second.stack.endpoints.dynamodb);
  const recreated = (await again.describe(tableName)).Table?.CreationDateTime;
  again.close();
  await second.close();

  // Assess
  expect(fromIndex.Items).toEqual([{ pk: 'SUBMISSION#owed', sk: '#SUBMISSION', submissionId: 'owed', gsiCreated: owed.gsiCreated, gsiUnsentOutcome: 'OUTCOME', reviewCompletion: { outcome: 'VERIFIED' } }]);
  expect(count).toBe(60);
  expect(recreated).toEqual(created);
});

function clientOf(endpoint: string) {
  const raw = new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint });
  const db = DynamoDBDocumentClient.from(raw);
  return { db, describe: (TableName: string) => raw.send(new DescribeTableCommand({ TableName })), close: () => db.destroy() };
}

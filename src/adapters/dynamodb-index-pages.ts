/**
 * Pages of the intake table's indexes: `nextToken` is the last key DynamoDB returned, checked on
 * the way back in (a forged or foreign token answers 400, never 500).
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationFailed } from '../domain/errors.js';

export interface IndexPageQuery {
  index: string;
  partition: [attribute: string, value: string];
  /** Only keys that sort below this value of the index's sort key. */
  sortBelow?: [attribute: string, value: string];
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  newestFirst: boolean;
  limit: number;
  nextToken: string | undefined;
}

export function encodeToken(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/** A page token this API did not issue (tampered, forged, or another listing's). */
export const INVALID_TOKEN = () =>
  new ValidationFailed('The page token is not valid. Start again from the first page.', [{ path: 'nextToken', message: 'Not a token this API issued.' }]);

/** What a listing's page token may hold: the key attributes of its items (strings only), and their table key's shape. */
export interface TokenShape {
  keys: ReadonlySet<string>;
  pkPrefix: string;
  sk: string;
}

/** A page token of the submission lists is the last key DynamoDB returned: only submission items' string key attributes. */
const SUBMISSION_TOKENS: TokenShape = {
  keys: new Set(['pk', 'sk', 'gsiProvider', 'gsiStatus', 'gsiEntity', 'gsiCreated', 'gsiQueue', 'gsiQueueSince', 'gsiUnfinished', 'gsiUnsentOutcome']),
  pkPrefix: 'SUBMISSION#',
  sk: '#SUBMISSION',
};

export function decodeToken(token: string | undefined, shape: TokenShape = SUBMISSION_TOKENS): Record<string, unknown> | undefined {
  if (!token) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw INVALID_TOKEN();
  }
  const valid =
    parsed !== null &&
    typeof parsed === 'object' &&
    !Array.isArray(parsed) &&
    Object.entries(parsed).every(([key, value]) => shape.keys.has(key) && typeof value === 'string') &&
    String((parsed as Record<string, unknown>).pk ?? '').startsWith(shape.pkPrefix) &&
    (parsed as Record<string, unknown>).sk === shape.sk;
  if (!valid) throw INVALID_TOKEN();
  return parsed as Record<string, unknown>;
}

/** A well-formed token from another listing (another index or partition) is refused by DynamoDB: 400 too. */
export const refusedToken = (error: unknown): never => {
  throw (error as { name?: string }).name === 'ValidationException' ? INVALID_TOKEN() : error;
};

/**
 * One page of an index, newest or oldest first. With a filter, DynamoDB applies `Limit` before
 * filtering, so this reads on (a bounded number of times) until the page is full.
 */
export async function queryIndexPage(db: DynamoDBDocumentClient, tableName: string, query: IndexPageQuery): Promise<{ items: Record<string, unknown>[]; nextToken?: string }> {
  const items: Record<string, unknown>[] = [];
  let startKey = decodeToken(query.nextToken);
  for (let read = 0; read < 10 && items.length < query.limit; read++) {
    const request = new QueryCommand({
      TableName: tableName,
      IndexName: query.index,
      KeyConditionExpression: query.sortBelow ? '#pk = :pk AND #sk < :below' : '#pk = :pk',
      ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
      ExpressionAttributeNames: { '#pk': query.partition[0], ...(query.sortBelow ? { '#sk': query.sortBelow[0] } : {}), ...query.filter?.names },
      ExpressionAttributeValues: { ':pk': query.partition[1], ...(query.sortBelow ? { ':below': query.sortBelow[1] } : {}), ...query.filter?.values },
      ScanIndexForward: !query.newestFirst,
      Limit: query.limit - items.length,
      ExclusiveStartKey: startKey,
    });
    const result = await db.send(request).catch(refusedToken);
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
    if (!startKey) break;
  }
  const nextToken = encodeToken(startKey);
  return { items, ...(nextToken ? { nextToken } : {}) };
}

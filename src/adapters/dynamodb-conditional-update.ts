/** One conditional UpdateItem on the intake table, built from attributes to set and a condition. */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './dynamodb-errors.js';

export interface Condition {
  /** May use `#status` for the item's status. */
  expression: string;
  values: Record<string, unknown>;
}

/** Raw clauses beside the attributes: the sparse index keys a status change adds or removes, a counter, an append. */
export interface RawClauses {
  set?: string[];
  remove?: string[];
  values?: Record<string, unknown>;
  /** Attribute names the clauses or the condition use, e.g. a notice's key inside a map. */
  names?: Record<string, string>;
}

/** Items written before attempts were counted have no attempt attribute: they are attempt 1. */
export const attemptIs = (attempt: number): Condition => ({
  expression: attempt === 1 ? '(attempt = :attempt OR attribute_not_exists(attempt))' : 'attempt = :attempt',
  values: { ':attempt': attempt },
});

/** The write's result, or null when its condition did not hold. */
export async function unlessConditionFails<T>(write: Promise<T>): Promise<T | null> {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/** Whether the write's condition held. */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  return (await unlessConditionFails(write)) !== null;
}

export function conditionalUpdate(
  db: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, string>,
  attributes: Record<string, unknown>,
  condition: Condition,
  clauses: RawClauses = {},
) {
  const names = Object.keys(attributes);
  const sets = [...names.map((_, i) => `#a${i} = :a${i}`), ...(clauses.set ?? [])];
  const removes = clauses.remove ?? [];
  // DynamoDB refuses a name the expressions do not use, and an empty map of names or values.
  const usesStatus = [condition.expression, ...sets, ...removes].some((part) => part.includes('#status'));
  const attributeNames = { ...(usesStatus ? { '#status': 'status' } : {}), ...clauses.names, ...Object.fromEntries(names.map((name, i) => [`#a${i}`, name])) };
  const values = { ...condition.values, ...clauses.values, ...Object.fromEntries(names.map((name, i) => [`:a${i}`, attributes[name]])) };
  return db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: condition.expression,
      ...(Object.keys(attributeNames).length > 0 ? { ExpressionAttributeNames: attributeNames } : {}),
      ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
      ReturnValues: 'ALL_NEW',
    }),
  );
}

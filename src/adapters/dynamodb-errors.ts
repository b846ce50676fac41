import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/** A conditional write lost: the item was not in the expected state. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';
}

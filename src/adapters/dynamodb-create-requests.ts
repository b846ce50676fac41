/**
 * A create's client-token claim: one item of the intake table per provider and token, written
 * once by a conditional put before anything else of the create, read back (consistently, with
 * the Query the create already uses) when an earlier request put it first.
 */
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INTAKE_TABLE_TIME_TO_LIVE } from '../contract/tables.js';
import type { CreateClaim, CreateRequests } from '../ports/create-requests.js';
import { isConditionFailure } from './dynamodb-errors.js';
import { createClaimKey } from './dynamodb-intake-items.js';

export class DynamoDbCreateRequests implements CreateRequests {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(providerId: string, clientToken: string, claim: CreateClaim, expiresAt: Date): Promise<CreateClaim> {
    const key = createClaimKey(providerId, clientToken);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, ...claim, [INTAKE_TABLE_TIME_TO_LIVE]: Math.ceil(expiresAt.getTime() / 1000) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return claim;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Items } = await this.db.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': key.pk, ':sk': key.sk }, ConsistentRead: true }),
    );
    const held = Items?.[0];
    // Only TTL deletes a claim: gone between the put and this read, it expired — claim it afresh.
    if (!held) return this.claim(providerId, clientToken, claim, expiresAt);
    return { submissionId: held.submissionId as string, documentIds: held.documentIds as string[], createdAt: held.createdAt as string, fingerprint: held.fingerprint as string };
  }
}

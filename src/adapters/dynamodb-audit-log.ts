/**
 * Append-only audit table (pk submissionId, sk sequence). Each append is a conditional put on
 * the next sequence number, so two writers can never overwrite each other; the loser re-reads
 * and retries. Recording a fact twice (a retried workflow step) returns the first event.
 */
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GENESIS_HASH, chainAuditEvent, type AuditEvent, type AuditEventInput } from '../domain/audit.js';
import type { AuditLog } from '../ports/audit-log.js';
import { isConditionFailure } from './dynamodb-errors.js';

const MAX_ATTEMPTS = 8;

export class DynamoDbAuditLog implements AuditLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(input: AuditEventInput): Promise<AuditEvent> {
    for (let attempt = 1; ; attempt++) {
      const events = await this.list(input.submissionId);
      const existing = events.find((event) => event.factKey === input.factKey);
      if (existing) return existing;
      const last = events.at(-1);
      const event = chainAuditEvent(input, (last?.sequence ?? 0) + 1, last?.hash ?? GENESIS_HASH);
      try {
        await this.db.send(
          new PutCommand({ TableName: this.tableName, Item: event, ConditionExpression: 'attribute_not_exists(#seq)', ExpressionAttributeNames: { '#seq': 'sequence' } }),
        );
        return event;
      } catch (error) {
        if (!isConditionFailure(error) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  async list(submissionId: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'submissionId = :id',
          ExpressionAttributeValues: { ':id': submissionId },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      events.push(...((page.Items ?? []) as AuditEvent[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return events;
  }
}

/**
 * Append-only audit table (pk submissionId = the chain, sk sequence). Each append is a
 * conditional put on the next sequence number, so two writers can never overwrite each other;
 * the loser re-reads and retries. Recording a fact twice (a retried step) returns the first
 * event. Every appended hash is anchored outside the table (`AuditAnchorStore`) after its row,
 * and the chain's tail again before each append, so a writer that stopped in between, or an
 * anchor store that was unavailable, leaves the tail unanchored only until the next append. The
 * row is the record: an anchor that cannot be written is reported, never fails the append.
 */
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GENESIS_HASH, auditIndexAttributes, chainAuditEvent, type AuditAnchors, type AuditEvent, type AuditEventInput } from '../domain/audit.js';
import type { AuditAnchorStore, AuditLog } from '../ports/audit-log.js';
import { isConditionFailure } from './dynamodb-errors.js';

const MAX_ATTEMPTS = 8;

/** Exactly the fields the hash covers: index attributes stay in the table. */
function toEvent(item: Record<string, unknown>): AuditEvent {
  const { submissionId, sequence, type, factKey, actor, occurredAt, requestId, sourceIp, details, previousHash, hash } = item as unknown as AuditEvent;
  return { submissionId, sequence, type, factKey, actor, occurredAt, requestId, sourceIp, details, previousHash, hash };
}

export class DynamoDbAuditLog implements AuditLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly anchorStore: AuditAnchorStore,
    private readonly anchorFailed: (error: unknown, event: AuditEvent) => void = () => undefined,
  ) {}

  async record(input: AuditEventInput): Promise<AuditEvent> {
    for (let attempt = 1; ; attempt++) {
      const events = await this.list(input.submissionId);
      const existing = events.find((event) => event.factKey === input.factKey);
      if (existing) {
        await this.anchor(existing);
        return existing;
      }
      const last = events.at(-1);
      if (last) await this.anchor(last);
      const event = chainAuditEvent(input, (last?.sequence ?? 0) + 1, last?.hash ?? GENESIS_HASH);
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...event, ...auditIndexAttributes(event) },
            ConditionExpression: 'attribute_not_exists(#seq)',
            ExpressionAttributeNames: { '#seq': 'sequence' },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
        continue;
      }
      await this.anchor(event);
      return event;
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
      events.push(...(page.Items ?? []).map(toEvent));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return events;
  }

  anchors(chain: string, sequences: number[]): Promise<AuditAnchors> {
    return this.anchorStore.read(chain, sequences);
  }

  private async anchor(event: AuditEvent): Promise<void> {
    await this.anchorStore.anchor(event.submissionId, event.sequence, event.hash).catch((error: unknown) => this.anchorFailed(error, event));
  }
}

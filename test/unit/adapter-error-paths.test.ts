/**
 * Error paths the emulators cannot produce (throttling, conflicts on every attempt), with
 * aws-sdk-client-mock standing in for DynamoDB. No network.
 */
import { ConditionalCheckFailedException, DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbAuditLog } from '../../src/adapters/dynamodb-audit-log.js';
import { DynamoDbSubmissionRepository } from '../../src/adapters/dynamodb-submission-repository.js';
import type { AuditEventInput } from '../../src/domain/audit.js';
import type { AuditAnchorStore } from '../../src/ports/audit-log.js';

const db = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const conflict = () => new ConditionalCheckFailedException({ message: 'conflict', $metadata: {} });
const noAnchors: AuditAnchorStore = { anchor: async () => undefined, read: async () => new Map() };
const event: AuditEventInput = { submissionId: 's', type: 'SUBMISSION_CREATED', factKey: 'SUBMISSION_CREATED', actor: { type: 'system', id: 't' }, occurredAt: '2026-11-25T00:00:00Z', requestId: 'r', sourceIp: null, details: {} };

beforeEach(() => db.reset());

describe('submission repository', () => {
  it('reports a lost conditional update as "not transitioned"', async () => {
    db.on(UpdateCommand).rejects(conflict());
    await expect(new DynamoDbSubmissionRepository(client, 'intake').transition('s', 'AWAITING_UPLOAD', 'VALIDATING')).resolves.toBe(false);
  });

  it('does not mistake throttling for a lost race: it surfaces so the workflow retries', async () => {
    db.on(UpdateCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(new DynamoDbSubmissionRepository(client, 'intake').transition('s', 'VALIDATING', 'REJECTED')).rejects.toThrow(ProvisionedThroughputExceededException);
  });
});

describe('audit log', () => {
  it('retries the append after losing a race for the next sequence number', async () => {
    // Prepare: the first put conflicts, the second succeeds
    db.on(QueryCommand).resolves({ Items: [] });
    db.on(PutCommand).rejectsOnce(conflict()).resolves({});
    // Act
    const recorded = await new DynamoDbAuditLog(client, 'audit', noAnchors).record(event);
    // Assess
    expect(recorded.sequence).toBe(1);
    expect(db.commandCalls(PutCommand)).toHaveLength(2);
    expect(db.commandCalls(PutCommand)[0]!.args[0].input.ConditionExpression).toBe('attribute_not_exists(#seq)');
  });

  it('gives up after repeated conflicts instead of looping forever', async () => {
    db.on(QueryCommand).resolves({ Items: [] });
    db.on(PutCommand).rejects(conflict());
    await expect(new DynamoDbAuditLog(client, 'audit', noAnchors).record(event)).rejects.toThrow(ConditionalCheckFailedException);
    expect(db.commandCalls(PutCommand)).toHaveLength(8);
  });
});

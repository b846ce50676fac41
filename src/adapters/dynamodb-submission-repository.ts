/**
 * Submissions and their documents in one table (items in `dynamodb-intake-items.ts`). No
 * transactions: the embedded DynamoDB has none, and none are needed — documents are written
 * before the submission item, and every status change is one conditional update (README
 * "Decisions worth knowing").
 */
import { BatchWriteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INTAKE_INDEXES } from '../contract/tables.js';
import { canTransition, type SubmissionStatus } from '../domain/status.js';
import type { NotificationKind, Snapshot, Submission, SubmissionDocument } from '../domain/submission.js';
import type { DocumentChanges, ListQuery, Page, SubmissionRepository } from '../ports/submission-repository.js';
import { isConditionFailure } from './dynamodb-errors.js';
import {
  INVALID_TOKEN,
  UNFINISHED,
  decodeToken,
  documentItemKey,
  encodeToken,
  fromDocumentItem,
  fromSubmissionItem,
  referenceKey,
  submissionKey,
  toSubmissionItem,
} from './dynamodb-intake-items.js';

interface Condition {
  expression: string;
  values: Record<string, unknown>;
}

/** Items written before attempts were counted have no attempt attribute: they are attempt 1. */
const attemptIs = (attempt: number): Condition => ({
  expression: attempt === 1 ? '(attempt = :attempt OR attribute_not_exists(attempt))' : 'attempt = :attempt',
  values: { ':attempt': attempt },
});

async function unlessConditionFails<T>(write: Promise<T>): Promise<T | null> {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

export class DynamoDbSubmissionRepository implements SubmissionRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(submission: Submission, documents: SubmissionDocument[]): Promise<void> {
    const items = documents.map((doc) => ({ ...documentItemKey(doc.submissionId, doc.documentId), ...doc, gsiDocument: doc.documentId }));
    for (let i = 0; i < items.length; i += 25) {
      let pending: Record<string, unknown>[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const result = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (result.UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined) ?? [];
        if (attempt > 6 && pending.length > 0) throw new Error('DynamoDB kept documents unprocessed');
      }
    }
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: toSubmissionItem(submission), ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async get(submissionId: string) {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': submissionKey(submissionId).pk },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const head = items.find((item) => item.sk === '#SUBMISSION');
    if (!head) return null;
    const submission = fromSubmissionItem(head);
    // Documents come back in key order; the provider's order is the submission's documentIds.
    const position = new Map(submission.documentIds.map((id, index) => [id, index]));
    const documents = items
      .filter((item) => String(item.sk).startsWith('DOCUMENT#'))
      .map(fromDocumentItem)
      .sort((a, b) => (position.get(a.documentId) ?? 0) - (position.get(b.documentId) ?? 0));
    return { submission, documents };
  }

  async findIdByReference(referenceNumber: string): Promise<string | null> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INTAKE_INDEXES.byReference.name,
        KeyConditionExpression: 'gsiReference = :ref',
        ExpressionAttributeValues: { ':ref': referenceNumber },
        Limit: 1,
      }),
    );
    return (result.Items?.[0]?.submissionId as string | undefined) ?? null;
  }

  async list(query: ListQuery): Promise<Page<Submission>> {
    const index = query.providerId ? INTAKE_INDEXES.byProvider : query.status ? INTAKE_INDEXES.byStatus : INTAKE_INDEXES.allSubmissions;
    const partitionValue = query.providerId ?? query.status ?? 'SUBMISSION';
    const statusFilter = query.providerId && query.status;
    const request = new QueryCommand({
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      ...(statusFilter ? { FilterExpression: '#status = :status' } : {}),
      ExpressionAttributeNames: { '#pk': index.partitionKey, ...(statusFilter ? { '#status': 'status' } : {}) },
      ExpressionAttributeValues: { ':pk': partitionValue, ...(statusFilter ? { ':status': query.status } : {}) },
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: decodeToken(query.nextToken),
    });
    // A well-formed token from another listing (another index or partition) is refused by DynamoDB.
    const result = await this.db.send(request).catch((error: unknown) => {
      throw (error as { name?: string }).name === 'ValidationException' ? INVALID_TOKEN() : error;
    });
    const nextToken = encodeToken(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map(fromSubmissionItem), ...(nextToken ? { nextToken } : {}) };
  }

  async listUnfinished(query: { limit: number; nextToken?: string }): Promise<Page<string>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INTAKE_INDEXES.unfinished.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': UNFINISHED.attribute },
        ExpressionAttributeValues: { ':pk': UNFINISHED.value },
        ScanIndexForward: true,
        Limit: query.limit,
        ExclusiveStartKey: decodeToken(query.nextToken),
      }),
    );
    const nextToken = encodeToken(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map((item) => item.submissionId as string), ...(nextToken ? { nextToken } : {}) };
  }

  async transition(submissionId: string, from: SubmissionStatus, to: SubmissionStatus): Promise<boolean> {
    return (await unlessConditionFails(this.conditionalTransition(submissionId, from, to, {}))) !== null;
  }

  async markSubmitted(submissionId: string, submittedAt: string): Promise<boolean> {
    const attributes = { submittedAt, attempt: 1, attemptStartedAt: submittedAt, [UNFINISHED.attribute]: UNFINISHED.value };
    return (await unlessConditionFails(this.conditionalTransition(submissionId, 'AWAITING_UPLOAD', 'VALIDATING', attributes))) !== null;
  }

  async markProcessingFailed(submissionId: string, attempt: number, failedAt: string): Promise<boolean> {
    return (await unlessConditionFails(this.conditionalTransition(submissionId, 'VALIDATING', 'PROCESSING_FAILED', { failedAt }, attemptIs(attempt)))) !== null;
  }

  async beginNextAttempt(seen: Pick<Submission, 'submissionId' | 'status' | 'attempt'>, startedAt: string): Promise<Submission | null> {
    const attributes = { attempt: seen.attempt + 1, attemptStartedAt: startedAt, [UNFINISHED.attribute]: UNFINISHED.value };
    const write =
      seen.status === 'PROCESSING_FAILED'
        ? this.conditionalTransition(seen.submissionId, 'PROCESSING_FAILED', 'VALIDATING', attributes, attemptIs(seen.attempt))
        : this.update(seen.submissionId, attributes, { expression: `#status = :from AND ${attemptIs(seen.attempt).expression}`, values: { ':from': seen.status, ':attempt': seen.attempt } });
    const result = await unlessConditionFails(write);
    return result ? fromSubmissionItem(result.Attributes ?? {}) : null;
  }

  async markFinished(submissionId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: submissionKey(submissionId),
        UpdateExpression: 'REMOVE #unfinished',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#unfinished': UNFINISHED.attribute },
      }),
    );
  }

  /** Every status change: allowed by the transition table, conditional on the current status, index kept in step. */
  private conditionalTransition(submissionId: string, from: SubmissionStatus, to: SubmissionStatus, attributes: Record<string, unknown>, condition?: Condition) {
    if (!canTransition(from, to)) throw new Error(`A submission cannot go from ${from} to ${to}`);
    return this.update(
      submissionId,
      { status: to, gsiStatus: to, ...attributes },
      { expression: ['#status = :from', condition?.expression].filter(Boolean).join(' AND '), values: { ':from': from, ...condition?.values } },
    );
  }

  private update(submissionId: string, attributes: Record<string, unknown>, condition: Condition) {
    const names = Object.keys(attributes);
    return this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: submissionKey(submissionId),
        UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(names.map((name, i) => [`#a${i}`, name])) },
        ExpressionAttributeValues: { ...condition.values, ...Object.fromEntries(names.map((name, i) => [`:a${i}`, attributes[name]])) },
        ReturnValues: 'ALL_NEW',
      }),
    );
  }

  async updateDocument(submissionId: string, documentId: string, changes: DocumentChanges): Promise<void> {
    await this.updateDocumentItem(submissionId, documentId, { ...changes });
  }

  async recordSnapshot(submissionId: string, documentId: string, snapshot: Snapshot): Promise<void> {
    await this.updateDocumentItem(submissionId, documentId, { snapshot });
  }

  private async updateDocumentItem(submissionId: string, documentId: string, changes: Record<string, unknown>): Promise<void> {
    const names = Object.keys(changes).filter((name) => changes[name] !== undefined);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: documentItemKey(submissionId, documentId),
        UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#a${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:a${i}`, changes[name]])),
      }),
    );
  }

  async markDocumentsValidating(submissionId: string, documentIds: string[]): Promise<void> {
    await Promise.all(
      documentIds.map((documentId) =>
        unlessConditionFails(
          this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: documentItemKey(submissionId, documentId),
              UpdateExpression: 'SET #status = :validating',
              ConditionExpression: '#status = :pending',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':validating': 'VALIDATING', ':pending': 'PENDING_UPLOAD' },
            }),
          ),
        ),
      ),
    );
  }

  async setPendingReference(submissionId: string, expected: string | null, next: string): Promise<string | null> {
    const written = await unlessConditionFails(
      this.update(
        submissionId,
        { pendingReference: next },
        expected === null
          ? { expression: '#status = :validating AND (attribute_not_exists(pendingReference) OR attribute_type(pendingReference, :null))', values: { ':validating': 'VALIDATING', ':null': 'NULL' } }
          : { expression: '#status = :validating AND pendingReference = :expected', values: { ':validating': 'VALIDATING', ':expected': expected } },
      ),
    );
    if (written) return next;
    return (await this.get(submissionId))?.submission.pendingReference ?? null;
  }

  async reserveReference(referenceNumber: string, submissionId: string): Promise<boolean> {
    const reserved = await unlessConditionFails(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...referenceKey(referenceNumber), submissionId },
          ConditionExpression: 'attribute_not_exists(pk) OR submissionId = :id',
          ExpressionAttributeValues: { ':id': submissionId },
        }),
      ),
    );
    return reserved !== null;
  }

  async markReceived(submissionId: string, referenceNumber: string, estimatedReviewCompletionDate: string): Promise<Submission> {
    const result = await this.conditionalTransition(submissionId, 'VALIDATING', 'RECEIVED', { referenceNumber, gsiReference: referenceNumber, estimatedReviewCompletionDate });
    return fromSubmissionItem(result.Attributes ?? {});
  }

  async markEmailSent(submissionId: string, kind: NotificationKind, messageId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: submissionKey(submissionId),
        UpdateExpression: 'SET emailsSent.#kind = :messageId',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#kind': kind },
        ExpressionAttributeValues: { ':messageId': messageId },
      }),
    );
  }
}

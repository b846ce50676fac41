/**
 * Submissions and their documents in one table (pk = SUBMISSION#id). No transactions: the
 * embedded DynamoDB has none, and none are needed — documents are written before the
 * submission item, and every status change is one conditional update (README "Decisions worth knowing").
 */
import { BatchWriteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationFailed } from '../domain/errors.js';
import { canTransition, type SubmissionStatus } from '../domain/status.js';
import { lineageOf, type NotificationKind, type Submission, type SubmissionDocument } from '../domain/submission.js';
import type { DocumentChanges, ListQuery, Page, SubmissionRepository } from '../ports/submission-repository.js';
import { isConditionFailure } from './dynamodb-errors.js';
import { INTAKE_INDEXES } from '../contract/tables.js';

export const submissionKey = (id: string) => ({ pk: `SUBMISSION#${id}`, sk: '#SUBMISSION' });
export const documentKey = (submissionId: string, documentId: string) => ({ pk: `SUBMISSION#${submissionId}`, sk: `DOCUMENT#${documentId}` });

export const ownerVersionKey = (doc: Pick<SubmissionDocument, 'documentId' | 'lineageId' | 'uploadedAt'>) => `${lineageOf(doc)}#${doc.uploadedAt ?? ''}#${doc.documentId}`;

/** A document item: its key and its index attributes (every version of a provider's credentials is listed by owner). */
function toDocumentItem(doc: SubmissionDocument) {
  return {
    ...documentKey(doc.submissionId, doc.documentId),
    ...doc,
    gsiDocument: doc.documentId,
    gsiOwner: doc.providerId,
    gsiOwnerVersion: ownerVersionKey(doc),
  };
}

function toSubmissionItem(s: Submission) {
  return {
    ...submissionKey(s.submissionId),
    ...s,
    gsiProvider: s.provider.providerId,
    gsiCreated: `${s.createdAt}#${s.submissionId}`,
    gsiStatus: s.status,
    gsiEntity: 'SUBMISSION',
    ...(s.referenceNumber ? { gsiReference: s.referenceNumber } : {}),
  };
}

export function fromSubmissionItem(item: Record<string, unknown>): Submission {
  return {
    submissionId: item.submissionId as string,
    provider: item.provider as Submission['provider'],
    referenceNumber: (item.referenceNumber as string | null) ?? null,
    status: item.status as SubmissionStatus,
    createdAt: item.createdAt as string,
    submittedAt: (item.submittedAt as string | null) ?? null,
    estimatedReviewCompletionDate: (item.estimatedReviewCompletionDate as string | null) ?? null,
    documentIds: (item.documentIds as string[]) ?? [],
    emailsSent: (item.emailsSent as Submission['emailsSent']) ?? {},
    earliestExpirationDate: (item.earliestExpirationDate as string | null | undefined) ?? null,
    ...(item.replacedBy ? { replacedBy: item.replacedBy as Submission['replacedBy'] } : {}),
  };
}

/** The document without its key and index attributes. */
export function fromDocumentItem(item: Record<string, unknown>): SubmissionDocument {
  return Object.fromEntries(Object.entries(item).filter(([name]) => name !== 'pk' && name !== 'sk' && !name.startsWith('gsi'))) as unknown as SubmissionDocument;
}

function encodeToken(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

const INVALID_TOKEN = () =>
  new ValidationFailed('The page token is not valid. Start again from the first page.', [{ path: 'nextToken', message: 'Not a token this API issued.' }]);

/** A page token is the last key DynamoDB returned: only submission items' string key attributes. */
const TOKEN_KEYS = new Set(['pk', 'sk', 'gsiProvider', 'gsiStatus', 'gsiEntity', 'gsiCreated']);

function decodeToken(token: string | undefined): Record<string, unknown> | undefined {
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
    Object.entries(parsed).every(([key, value]) => TOKEN_KEYS.has(key) && typeof value === 'string') &&
    String((parsed as Record<string, unknown>).pk ?? '').startsWith('SUBMISSION#') &&
    (parsed as Record<string, unknown>).sk === '#SUBMISSION';
  if (!valid) throw INVALID_TOKEN();
  return parsed as Record<string, unknown>;
}

export class DynamoDbSubmissionRepository implements SubmissionRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(submission: Submission, documents: SubmissionDocument[]): Promise<void> {
    const items = documents.map(toDocumentItem);
    for (let i = 0; i < items.length; i += 25) {
      let pending: Record<string, unknown>[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const result = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (result.UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined) ?? [];
        if (attempt > 6 && pending.length > 0) throw new Error('DynamoDB kept documents unprocessed');
      }
    }
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: toSubmissionItem(submission), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
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

  async transition(submissionId: string, from: SubmissionStatus, to: SubmissionStatus, changes: { submittedAt?: string | null } = {}): Promise<boolean> {
    try {
      await this.conditionalTransition(submissionId, from, to, changes.submittedAt ? { submittedAt: changes.submittedAt } : {});
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Every status change: allowed by the transition table, conditional on the current status, index kept in step. */
  private async conditionalTransition(submissionId: string, from: SubmissionStatus, to: SubmissionStatus, attributes: Record<string, unknown>) {
    if (!canTransition(from, to)) throw new Error(`A submission cannot go from ${from} to ${to}`);
    const names = Object.keys(attributes);
    return this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: submissionKey(submissionId),
        UpdateExpression: `SET #status = :to, gsiStatus = :to${names.map((name, i) => `, #a${i} = :a${i}`).join('')}`,
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(names.map((name, i) => [`#a${i}`, name])) },
        ExpressionAttributeValues: { ':to': to, ':from': from, ...Object.fromEntries(names.map((name, i) => [`:a${i}`, attributes[name]])) },
        ReturnValues: 'ALL_NEW',
      }),
    );
  }

  async updateDocument(submissionId: string, documentId: string, changes: DocumentChanges): Promise<void> {
    const sets = ['#status = :status'];
    const values: Record<string, unknown> = { ':status': changes.status };
    if (changes.issues) {
      sets.push('issues = :issues');
      values[':issues'] = changes.issues;
    }
    if (changes.inspection) {
      sets.push('inspection = :inspection');
      values[':inspection'] = changes.inspection;
    }
    if (changes.storedKey !== undefined) {
      sets.push('storedKey = :storedKey');
      values[':storedKey'] = changes.storedKey;
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: documentKey(submissionId, documentId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      }),
    );
  }

  async markDocumentsValidating(submissionId: string, documentIds: string[]): Promise<void> {
    await Promise.all(
      documentIds.map((documentId) =>
        this.db
          .send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: documentKey(submissionId, documentId),
              UpdateExpression: 'SET #status = :validating',
              ConditionExpression: '#status = :pending',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':validating': 'VALIDATING', ':pending': 'PENDING_UPLOAD' },
            }),
          )
          .catch((error: unknown) => {
            if (!isConditionFailure(error)) throw error;
          }),
      ),
    );
  }

  async reserveReference(referenceNumber: string, submissionId: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `REFERENCE#${referenceNumber}`, sk: '#REFERENCE', submissionId },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markReceived(submissionId: string, referenceNumber: string, estimatedReviewCompletionDate: string): Promise<Submission> {
    const result = await this.conditionalTransition(submissionId, 'VALIDATING', 'RECEIVED', {
      referenceNumber,
      gsiReference: referenceNumber,
      estimatedReviewCompletionDate,
    });
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

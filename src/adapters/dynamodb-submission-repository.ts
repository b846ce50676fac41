/**
 * Submissions and their documents in one table (pk = SUBMISSION#id). No transactions: the
 * embedded DynamoDB has none, and none are needed — documents are written before the
 * submission item, and every status change is one conditional update (README "Decisions worth knowing").
 */
import { BatchWriteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationFailed } from '../domain/errors.js';
import type { DocumentReview, ReviewCompletion } from '../domain/review.js';
import { canTransition, type SubmissionStatus } from '../domain/status.js';
import type { NotificationKind, Submission, SubmissionDocument } from '../domain/submission.js';
import type { DocumentChanges, ListQuery, Page, ReviewQueueQuery, ReviewSchedule, SubmissionRepository } from '../ports/submission-repository.js';
import { isConditionFailure } from './dynamodb-errors.js';
import { INTAKE_INDEXES } from '../contract/tables.js';

const submissionKey = (id: string) => ({ pk: `SUBMISSION#${id}`, sk: '#SUBMISSION' });
const documentKey = (submissionId: string, documentId: string) => ({ pk: `SUBMISSION#${submissionId}`, sk: `DOCUMENT#${documentId}` });

/** The staff list (allSubmissions) is sparse: a draft joins it when it is submitted. */
const LISTED = { gsiEntity: 'SUBMISSION' };
/** The review queue (reviewQueue) is sparse: a submission is in it from received until decided. */
const QUEUED = 'REVIEW';
const queueSince = (submittedAt: string, submissionId: string) => `${submittedAt}#${submissionId}`;

function toSubmissionItem(s: Submission) {
  return {
    ...submissionKey(s.submissionId),
    ...s,
    gsiProvider: s.provider.providerId,
    gsiCreated: `${s.createdAt}#${s.submissionId}`,
    gsiStatus: s.status,
    ...(s.status === 'AWAITING_UPLOAD' ? {} : LISTED),
    ...(s.referenceNumber ? { gsiReference: s.referenceNumber } : {}),
  };
}

function fromSubmissionItem(item: Record<string, unknown>): Submission {
  return {
    submissionId: item.submissionId as string,
    provider: item.provider as Submission['provider'],
    referenceNumber: (item.referenceNumber as string | null) ?? null,
    status: item.status as SubmissionStatus,
    createdAt: item.createdAt as string,
    submittedAt: (item.submittedAt as string | null) ?? null,
    estimatedReviewCompletionDate: (item.estimatedReviewCompletionDate as string | null) ?? null,
    reviewDueDate: (item.reviewDueDate as string | null) ?? null,
    documentIds: (item.documentIds as string[]) ?? [],
    documentTypes: (item.documentTypes as Submission['documentTypes']) ?? [],
    emailsSent: (item.emailsSent as Submission['emailsSent']) ?? {},
    reviews: (item.reviews as Submission['reviews']) ?? {},
    reviewRevision: (item.reviewRevision as number | undefined) ?? 0,
    reviewCompletion: (item.reviewCompletion as ReviewCompletion | null) ?? null,
  };
}

function fromDocumentItem(item: Record<string, unknown>): SubmissionDocument {
  const { pk: _pk, sk: _sk, gsiDocument: _g, ...rest } = item;
  return rest as unknown as SubmissionDocument;
}

function encodeToken(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

const isMissingMap = (error: unknown) =>
  (error as { name?: string }).name === 'ValidationException' && /document path/i.test((error as Error).message ?? '');

const INVALID_TOKEN = () =>
  new ValidationFailed('The page token is not valid. Start again from the first page.', [{ path: 'nextToken', message: 'Not a token this API issued.' }]);

/** A page token is the last key DynamoDB returned: only submission items' string key attributes. */
const TOKEN_KEYS = new Set(['pk', 'sk', 'gsiProvider', 'gsiStatus', 'gsiEntity', 'gsiCreated', 'gsiQueue', 'gsiQueueSince']);

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
    const items = documents.map((doc) => ({ ...documentKey(doc.submissionId, doc.documentId), ...doc, gsiDocument: doc.documentId }));
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
    return this.submissionIdFromIndex(INTAKE_INDEXES.byReference, referenceNumber);
  }

  async findIdByDocument(documentId: string): Promise<string | null> {
    return this.submissionIdFromIndex(INTAKE_INDEXES.byDocument, documentId);
  }

  private async submissionIdFromIndex(index: { name: string; partitionKey: string }, value: string): Promise<string | null> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :value',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':value': value },
        Limit: 1,
      }),
    );
    return (result.Items?.[0]?.submissionId as string | undefined) ?? null;
  }

  async list(query: ListQuery): Promise<Page<Submission>> {
    const index = query.providerId ? INTAKE_INDEXES.byProvider : query.status ? INTAKE_INDEXES.byStatus : INTAKE_INDEXES.allSubmissions;
    const statusFilter = query.providerId && query.status;
    return this.queryIndex({
      index: index.name,
      partition: [index.partitionKey, query.providerId ?? query.status ?? LISTED.gsiEntity],
      ...(statusFilter ? { filter: { expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': query.status } } } : {}),
      newestFirst: true,
      limit: query.limit,
      nextToken: query.nextToken,
    });
  }

  async listReviewQueue(query: ReviewQueueQuery): Promise<Page<Submission>> {
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    if (query.status) {
      conditions.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = query.status;
    }
    if (query.documentType) {
      conditions.push('contains(documentTypes, :documentType)');
      values[':documentType'] = query.documentType;
    }
    const index = INTAKE_INDEXES.reviewQueue;
    return this.queryIndex({
      index: index.name,
      partition: [index.partitionKey, QUEUED],
      ...(conditions.length > 0 ? { filter: { expression: conditions.join(' AND '), names, values } } : {}),
      newestFirst: false,
      limit: query.limit,
      nextToken: query.nextToken,
    });
  }

  async listUnsentOutcomes(outcome: 'VERIFIED' | 'ACTION_REQUIRED', limit: number, nextToken?: string): Promise<Page<Submission>> {
    return this.queryIndex({
      index: INTAKE_INDEXES.byStatus.name,
      partition: [INTAKE_INDEXES.byStatus.partitionKey, outcome],
      filter: { expression: 'attribute_not_exists(emailsSent.#kind)', names: { '#kind': outcome }, values: {} },
      newestFirst: false,
      limit,
      nextToken,
    });
  }

  /**
   * One page of an index, newest or oldest first. With a filter, DynamoDB applies `Limit` before
   * filtering, so this reads on (a bounded number of times) until the page is full.
   */
  private async queryIndex(query: {
    index: string;
    partition: [attribute: string, value: string];
    filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
    newestFirst: boolean;
    limit: number;
    nextToken: string | undefined;
  }): Promise<Page<Submission>> {
    const items: Record<string, unknown>[] = [];
    let startKey = decodeToken(query.nextToken);
    for (let read = 0; read < 10 && items.length < query.limit; read++) {
      const request = new QueryCommand({
        TableName: this.tableName,
        IndexName: query.index,
        KeyConditionExpression: '#pk = :pk',
        ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
        ExpressionAttributeNames: { '#pk': query.partition[0], ...query.filter?.names },
        ExpressionAttributeValues: { ':pk': query.partition[1], ...query.filter?.values },
        ScanIndexForward: !query.newestFirst,
        Limit: query.limit - items.length,
        ExclusiveStartKey: startKey,
      });
      // A well-formed token from another listing (another index or partition) is refused by DynamoDB.
      const result = await this.db.send(request).catch((error: unknown) => {
        throw (error as { name?: string }).name === 'ValidationException' ? INVALID_TOKEN() : error;
      });
      items.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    const nextToken = encodeToken(startKey);
    return { items: items.map(fromSubmissionItem), ...(nextToken ? { nextToken } : {}) };
  }

  async transition(submissionId: string, from: SubmissionStatus, to: SubmissionStatus, changes: { submittedAt?: string | null } = {}): Promise<boolean> {
    try {
      await this.conditionalTransition(submissionId, from, to, {
        ...(changes.submittedAt ? { submittedAt: changes.submittedAt } : {}),
        ...(from === 'AWAITING_UPLOAD' ? LISTED : {}),
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Every status change: allowed by the transition table, conditional on the current status, index kept in step. */
  private async conditionalTransition(
    submissionId: string,
    from: SubmissionStatus,
    to: SubmissionStatus,
    attributes: Record<string, unknown>,
    extra: { condition?: string; values?: Record<string, unknown>; remove?: string[] } = {},
  ) {
    if (!canTransition(from, to)) throw new Error(`A submission cannot go from ${from} to ${to}`);
    const names = Object.keys(attributes);
    return this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: submissionKey(submissionId),
        UpdateExpression: `SET #status = :to, gsiStatus = :to${names.map((_name, i) => `, #a${i} = :a${i}`).join('')}${extra.remove ? ` REMOVE ${extra.remove.join(', ')}` : ''}`,
        ConditionExpression: `#status = :from${extra.condition ? ` AND ${extra.condition}` : ''}`,
        ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(names.map((name, i) => [`#a${i}`, name])) },
        ExpressionAttributeValues: {
          ':to': to,
          ':from': from,
          ...Object.fromEntries(names.map((name, i) => [`:a${i}`, attributes[name]])),
          ...extra.values,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
  }

  async updateDocument(submissionId: string, documentId: string, changes: DocumentChanges): Promise<void> {
    const sets = ['#status = :status'];
    const values: Record<string, unknown> = { ':status': changes.status };
    for (const name of ['issues', 'inspection', 'storedKey', 'review'] as const) {
      if (changes[name] === undefined) continue;
      sets.push(`${name} = :${name}`);
      values[`:${name}`] = changes[name];
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

  async markReceived(submissionId: string, referenceNumber: string, dates: ReviewSchedule): Promise<Submission> {
    const result = await this.conditionalTransition(submissionId, 'VALIDATING', 'RECEIVED', {
      referenceNumber,
      gsiReference: referenceNumber,
      estimatedReviewCompletionDate: dates.estimatedReviewCompletionDate,
      reviewDueDate: dates.reviewDueDate,
      gsiQueue: QUEUED,
      gsiQueueSince: queueSince(dates.submittedAt, submissionId),
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

  async recordReview(submissionId: string, documentId: string, review: DocumentReview, from: 'RECEIVED' | 'IN_REVIEW'): Promise<Submission | null> {
    const moving = from === 'RECEIVED';
    if (moving && !canTransition('RECEIVED', 'IN_REVIEW')) throw new Error('A submission cannot go from RECEIVED to IN_REVIEW');
    // The decision, the revision and (for the first decision) the status in one conditional write: none can be lost.
    const record = () =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: submissionKey(submissionId),
          UpdateExpression: `SET reviews.#document = :review, reviewRevision = if_not_exists(reviewRevision, :zero) + :one${moving ? ', #status = :inReview, gsiStatus = :inReview' : ''}`,
          // Only a different decision is written: the same one sent many times at once is recorded once.
          ConditionExpression:
            '#status = :from AND (attribute_not_exists(reviews.#document) OR reviews.#document.decision <> :decision OR reviews.#document.reason <> :reason OR reviews.#document.reasonCode <> :reasonCode)',
          ExpressionAttributeNames: { '#status': 'status', '#document': documentId },
          ExpressionAttributeValues: {
            ':review': review,
            ':decision': review.decision,
            ':reason': review.reason,
            ':reasonCode': review.reasonCode,
            ':zero': 0,
            ':one': 1,
            ':from': from,
            ...(moving ? { ':inReview': 'IN_REVIEW' } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
    try {
      const result = await record().catch(async (error: unknown) => {
        if (!isMissingMap(error)) throw error;
        // Submissions stored before reviews existed have no map to put a decision in.
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: submissionKey(submissionId),
            UpdateExpression: 'SET reviews = if_not_exists(reviews, :empty)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':empty': {} },
          }),
        );
        return record();
      });
      return fromSubmissionItem(result.Attributes ?? {});
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }

  async completeReview(submissionId: string, revision: number, completion: ReviewCompletion): Promise<Submission | null> {
    try {
      const result = await this.conditionalTransition(
        submissionId,
        'IN_REVIEW',
        completion.outcome,
        { reviewCompletion: completion },
        { condition: 'reviewRevision = :revision', values: { ':revision': revision }, remove: ['gsiQueue', 'gsiQueueSince'] },
      );
      return fromSubmissionItem(result.Attributes ?? {});
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }
}

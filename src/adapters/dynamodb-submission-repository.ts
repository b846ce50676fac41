/**
 * Submissions and their documents in one table (pk = SUBMISSION#id). No transactions: the
 * embedded DynamoDB has none, and none are needed — documents are written before the
 * submission item, and every status change is one conditional update (README "Decisions worth knowing").
 */
import { BatchWriteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DocumentReview, ReviewCompletion } from '../domain/review.js';
import { canTransition, type SubmissionStatus } from '../domain/status.js';
import type { NotificationKind, Submission, SubmissionDocument } from '../domain/submission.js';
import type { DocumentChanges, ListQuery, Page, ReviewQueueQuery, ReviewSchedule, SubmissionRepository } from '../ports/submission-repository.js';
import { isConditionFailure } from './dynamodb-errors.js';
import { queryIndexPage, type IndexPageQuery } from './dynamodb-index-pages.js';
import { ALL_SUBMISSIONS, documentKey, fromDocumentItem, fromSubmissionItem, listIndexChanges, QUEUED, queueSince, submissionKey, toDocumentItem, toSubmissionItem } from './dynamodb-intake-items.js';
import { INTAKE_INDEXES } from '../contract/tables.js';

const isMissingMap = (error: unknown) =>
  (error as { name?: string }).name === 'ValidationException' && /document path/i.test((error as Error).message ?? '');

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
    return this.page({
      index: index.name,
      partition: [index.partitionKey, query.providerId ?? query.status ?? ALL_SUBMISSIONS],
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
    return this.page({
      index: index.name,
      partition: [index.partitionKey, QUEUED],
      ...(conditions.length > 0 ? { filter: { expression: conditions.join(' AND '), names, values } } : {}),
      newestFirst: false,
      limit: query.limit,
      nextToken: query.nextToken,
    });
  }

  async listUnsentOutcomes(outcome: 'VERIFIED' | 'ACTION_REQUIRED', limit: number, nextToken?: string): Promise<Page<Submission>> {
    return this.page({
      index: INTAKE_INDEXES.byStatus.name,
      partition: [INTAKE_INDEXES.byStatus.partitionKey, outcome],
      filter: { expression: 'attribute_not_exists(emailsSent.#kind)', names: { '#kind': outcome }, values: {} },
      newestFirst: false,
      limit,
      nextToken,
    });
  }

  private async page(query: IndexPageQuery): Promise<Page<Submission>> {
    const page = await queryIndexPage(this.db, this.tableName, query);
    return { items: page.items.map(fromSubmissionItem), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  }

  async listByStatusCreatedBefore(status: SubmissionStatus, createdBefore: string, page: { limit: number; nextToken?: string }): Promise<Page<Submission>> {
    const index = INTAKE_INDEXES.byStatus;
    return this.page({
      index: index.name,
      partition: [index.partitionKey, status],
      // gsiCreated is `${createdAt}#${id}`: every key of an instant before the cutoff sorts below it.
      sortBelow: [index.sortKey, createdBefore],
      newestFirst: false,
      limit: page.limit,
      nextToken: page.nextToken,
    });
  }

  async transition(submissionId: string, from: SubmissionStatus, to: SubmissionStatus, changes: { submittedAt?: string | null } = {}): Promise<boolean> {
    try {
      await this.conditionalTransition(submissionId, from, to, {
        ...(changes.submittedAt ? { submittedAt: changes.submittedAt } : {}),
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
    const index = listIndexChanges(from, to);
    const sets = ['#status = :to', 'gsiStatus = :to', ...names.map((_, i) => `#a${i} = :a${i}`), ...index.set];
    const removes = [...index.remove, ...(extra.remove ?? [])];
    return this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: submissionKey(submissionId),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: `#status = :from${extra.condition ? ` AND ${extra.condition}` : ''}`,
        ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(names.map((name, i) => [`#a${i}`, name])) },
        ExpressionAttributeValues: {
          ':to': to,
          ':from': from,
          ...index.values,
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

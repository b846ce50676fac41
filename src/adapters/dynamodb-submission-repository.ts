/**
 * Submissions and their documents in one table (items in `dynamodb-intake-items.ts`). No
 * transactions: the embedded DynamoDB has none, and none are needed — documents are written
 * before the submission item, and every status change is one conditional update (README
 * "Decisions worth knowing").
 */
import { BatchWriteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordedCrossCheck } from '../domain/cross-check/views.js';
import type { DocumentReview, ReviewCompletion } from '../domain/review.js';
import { canTransition, type SubmissionStatus } from '../domain/status.js';
import type { NotificationKind, Snapshot, Submission, SubmissionDocument } from '../domain/submission.js';
import type { DocumentChanges, ListQuery, Page, ReviewQueueQuery, ReviewSchedule, SubmissionRepository } from '../ports/submission-repository.js';
import { attemptIs, conditionalUpdate, unlessConditionFails, type Condition } from './dynamodb-conditional-update.js';
import { isConditionFailure } from './dynamodb-errors.js';
import { queryIndexPage, type IndexPageQuery } from './dynamodb-index-pages.js';
import {
  ALL_SUBMISSIONS,
  documentKey,
  fromDocumentItem,
  fromSubmissionItem,
  listIndexChanges,
  QUEUED,
  queueSince,
  referenceKey,
  submissionKey,
  toDocumentItem,
  toSubmissionItem,
  UNFINISHED,
} from './dynamodb-intake-items.js';
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

  async listUnfinished(query: { limit: number; nextToken?: string }): Promise<Page<string>> {
    const page = await queryIndexPage(this.db, this.tableName, {
      index: INTAKE_INDEXES.unfinished.name,
      partition: [UNFINISHED.attribute, UNFINISHED.value],
      newestFirst: false,
      limit: query.limit,
      nextToken: query.nextToken,
    });
    return { items: page.items.map((item) => item.submissionId as string), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
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

  /** Every status change: allowed by the transition table, conditional on the current status, list indexes kept in step. */
  private conditionalTransition(submissionId: string, from: SubmissionStatus, to: SubmissionStatus, attributes: Record<string, unknown>, condition?: Condition, remove: string[] = []) {
    if (!canTransition(from, to)) throw new Error(`A submission cannot go from ${from} to ${to}`);
    const index = listIndexChanges(from, to);
    return this.update(
      submissionId,
      { status: to, gsiStatus: to, ...attributes },
      { expression: ['#status = :from', condition?.expression].filter(Boolean).join(' AND '), values: { ':from': from, ...condition?.values } },
      { set: index.set, values: index.values, remove: [...index.remove, ...remove] },
    );
  }

  private update(submissionId: string, attributes: Record<string, unknown>, condition: Condition, clauses?: Parameters<typeof conditionalUpdate>[5]) {
    return conditionalUpdate(this.db, this.tableName, submissionKey(submissionId), attributes, condition, clauses);
  }

  async updateDocument(submissionId: string, documentId: string, changes: DocumentChanges): Promise<void> {
    await this.updateDocumentItem(submissionId, documentId, { ...changes });
  }

  async recordCrossCheck(submissionId: string, documentId: string, result: RecordedCrossCheck): Promise<boolean> {
    const update = new UpdateCommand({
      TableName: this.tableName,
      Key: documentKey(submissionId, documentId),
      UpdateExpression: 'SET crossCheck = :result',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(crossCheck)',
      ExpressionAttributeValues: { ':result': result },
    });
    return (await unlessConditionFails(this.db.send(update))) !== null;
  }

  async recordSnapshot(submissionId: string, documentId: string, snapshot: Snapshot): Promise<void> {
    await this.updateDocumentItem(submissionId, documentId, { snapshot });
  }

  private async updateDocumentItem(submissionId: string, documentId: string, changes: Record<string, unknown>): Promise<void> {
    const names = Object.keys(changes).filter((name) => changes[name] !== undefined);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: documentKey(submissionId, documentId),
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
        { expression: 'reviewRevision = :revision', values: { ':revision': revision } },
        ['gsiQueue', 'gsiQueueSince'],
      );
      return fromSubmissionItem(result.Attributes ?? {});
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }
}

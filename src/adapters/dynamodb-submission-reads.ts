/**
 * Reading submissions from the intake table: one submission with its documents (a Query on its
 * partition), and the pages of the sparse indexes the lists, queues and jobs read — never a Scan.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INTAKE_INDEXES } from '../contract/tables.js';
import type { SubmissionStatus } from '../domain/status.js';
import type { Submission } from '../domain/submission.js';
import type { ReviewCompletion } from '../domain/review.js';
import type { ListQuery, Page, ReviewQueueQuery, UnsentOutcome } from '../ports/submission-repository.js';
import { queryIndexPage, type IndexPageQuery } from './dynamodb-index-pages.js';
import { ALL_SUBMISSIONS, fromDocumentItem, fromSubmissionItem, QUEUED, submissionKey, UNFINISHED, UNSENT_OUTCOME } from './dynamodb-intake-items.js';

export class DynamoDbSubmissionReads {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

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
    // Her partition holds every status: a status, or "submitted", is a filter there (the page reads on to fill).
    const conditions = [...(query.providerId && query.status ? ['#status = :status'] : []), ...(query.providerId && query.submittedOnly ? ['#status <> :draft'] : [])];
    const values = { ...(conditions.includes('#status = :status') ? { ':status': query.status } : {}), ...(conditions.includes('#status <> :draft') ? { ':draft': 'AWAITING_UPLOAD' } : {}) };
    return this.page({
      index: index.name,
      partition: [index.partitionKey, query.providerId ?? query.status ?? ALL_SUBMISSIONS],
      ...(conditions.length > 0 ? { filter: { expression: conditions.join(' AND '), names: { '#status': 'status' }, values } } : {}),
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

  async listUnsentOutcomes(query: { limit: number; nextToken?: string }): Promise<Page<UnsentOutcome>> {
    return this.page(
      { index: INTAKE_INDEXES.unsentOutcomes.name, partition: [UNSENT_OUTCOME.attribute, UNSENT_OUTCOME.value], newestFirst: false, limit: query.limit, nextToken: query.nextToken },
      (item) => ({ submissionId: item.submissionId as string, reviewCompletion: item.reviewCompletion as ReviewCompletion }),
    );
  }

  /** A page of an index, each item read whole (its projection ALL) unless `read` takes what a narrower projection holds. */
  private async page(query: IndexPageQuery): Promise<Page<Submission>>;
  private async page<T>(query: IndexPageQuery, read: (item: Record<string, unknown>) => T): Promise<Page<T>>;
  private async page(query: IndexPageQuery, read: (item: Record<string, unknown>) => unknown = fromSubmissionItem): Promise<Page<unknown>> {
    const page = await queryIndexPage(this.db, this.tableName, query);
    return { items: page.items.map(read), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  }

  async listByStatusCreatedBefore(status: SubmissionStatus, createdBefore: string, page: { limit: number; nextToken?: string }): Promise<Page<Submission>> {
    const index = INTAKE_INDEXES.byStatus;
    return this.page({
      index: index.name,
      partition: [index.partitionKey, status],
      // A draft's gsiCreated is `${createdAt}#${id}`: every key of an instant before the cutoff sorts below it.
      sortBelow: [index.sortKey, createdBefore],
      newestFirst: false,
      limit: page.limit,
      nextToken: page.nextToken,
    });
  }

  async listUnfinished(query: { limit: number; nextToken?: string }): Promise<Page<string>> {
    return this.page(
      { index: INTAKE_INDEXES.unfinished.name, partition: [UNFINISHED.attribute, UNFINISHED.value], newestFirst: false, limit: query.limit, nextToken: query.nextToken },
      (item) => item.submissionId as string,
    );
  }
}

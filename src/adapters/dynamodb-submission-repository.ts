/**
 * Submissions and their documents in one table (items in `dynamodb-intake-items.ts`). No
 * transactions: the embedded DynamoDB has none, and none are needed — documents are written before
 * the submission item, and every status change is one conditional update (docs/architecture.md "No
 * transactions").
 */
import { BatchWriteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RecordedCrossCheck } from '../domain/cross-check/views.js';
import type { MalwareScanRecord } from '../domain/malware-scan.js';
import type { DocumentReview, ReviewCompletion } from '../domain/review.js';
import { canTransition, type SubmissionStatus } from '../domain/status.js';
import type { NotificationKind, Snapshot, Submission, SubmissionDocument } from '../domain/submission.js';
import type { DocumentChanges, ReviewSchedule, SubmissionRepository } from '../ports/submission-repository.js';
import { attemptIs, conditionalUpdate, conditionHeld, unlessConditionFails, type Condition } from './dynamodb-conditional-update.js';
import { documentKey, fromSubmissionItem, instantKey, listIndexChanges, QUEUED, queueSince, referenceKey, submissionKey, toDocumentItem, toSubmissionItem, UNFINISHED, UNSENT_OUTCOME } from './dynamodb-intake-items.js';
import { DynamoDbSubmissionReads } from './dynamodb-submission-reads.js';

const isMissingMap = (error: unknown) =>
  (error as { name?: string }).name === 'ValidationException' && /document path/i.test((error as Error).message ?? '');

/** The reads (`dynamodb-submission-reads.ts`) and every write: conditional, through the transition table. */
export class DynamoDbSubmissionRepository extends DynamoDbSubmissionReads implements SubmissionRepository {
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
    await this.putIfAbsent(toSubmissionItem(submission));
  }

  async createIfAbsent(submission: Submission, documents: SubmissionDocument[]): Promise<boolean> {
    // One conditional put per document (BatchWrite has no conditions): never over a document the submit or workflow changed.
    await Promise.all(documents.map((doc) => unlessConditionFails(this.putIfAbsent(toDocumentItem(doc)))));
    return conditionHeld(this.putIfAbsent(toSubmissionItem(submission)));
  }

  private putIfAbsent(item: Record<string, unknown>) {
    return this.db.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async transition(submissionId: string, from: SubmissionStatus, to: SubmissionStatus): Promise<boolean> {
    return conditionHeld(this.conditionalTransition(submissionId, from, to, {}));
  }

  async markSubmitted(submissionId: string, submittedAt: string): Promise<boolean> {
    const attributes = { submittedAt, gsiCreated: instantKey(submittedAt, submissionId), attempt: 1, attemptStartedAt: submittedAt, [UNFINISHED.attribute]: UNFINISHED.value };
    return conditionHeld(this.conditionalTransition(submissionId, 'AWAITING_UPLOAD', 'VALIDATING', attributes));
  }

  async markProcessingFailed(submissionId: string, attempt: number, failedAt: string): Promise<boolean> {
    return conditionHeld(this.conditionalTransition(submissionId, 'VALIDATING', 'PROCESSING_FAILED', { failedAt }, attemptIs(attempt)));
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
    await this.removeAttribute(submissionId, UNFINISHED.attribute);
  }

  async markOutcomeRecorded(submissionId: string): Promise<void> {
    await this.removeAttribute(submissionId, UNSENT_OUTCOME.attribute);
  }

  /** Takes the submission out of a sparse index. */
  private async removeAttribute(submissionId: string, attribute: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: submissionKey(submissionId),
        UpdateExpression: 'REMOVE #attribute',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#attribute': attribute },
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

  async applyReview(submissionId: string, documentId: string, review: DocumentReview): Promise<boolean> {
    return this.updateDocumentIf(submissionId, documentId, { status: review.decision, review }, { expression: 'attribute_exists(pk) AND attribute_not_exists(supersededBy) AND #status <> :superseded', values: { ':superseded': 'SUPERSEDED' } });
  }

  async recordCrossCheck(submissionId: string, documentId: string, result: RecordedCrossCheck): Promise<boolean> {
    return this.updateDocumentIf(submissionId, documentId, { crossCheck: result }, { expression: 'attribute_exists(pk) AND attribute_not_exists(crossCheck)', values: {} });
  }

  /** Sets the attributes on the document item if the condition holds; false when it did not. */
  private async updateDocumentIf(submissionId: string, documentId: string, attributes: Record<string, unknown>, condition: Condition): Promise<boolean> {
    return conditionHeld(conditionalUpdate(this.db, this.tableName, documentKey(submissionId, documentId), attributes, condition));
  }

  async recordSnapshot(submissionId: string, documentId: string, snapshot: Snapshot, attempt: number): Promise<void> {
    await this.updateDocumentItem(submissionId, documentId, { snapshot, snapshotAttempt: attempt });
  }

  async recordMalwareScan(submissionId: string, documentId: string, malwareScan: MalwareScanRecord): Promise<void> {
    await this.updateDocumentItem(submissionId, documentId, { malwareScan });
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
        unlessConditionFails(
          this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: documentKey(submissionId, documentId),
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

  async recordReview(submissionId: string, documentId: string, review: DocumentReview, from: 'RECEIVED' | 'IN_REVIEW', replacing: string | null): Promise<Submission | null> {
    const moving = from === 'RECEIVED';
    if (moving && !canTransition('RECEIVED', 'IN_REVIEW')) throw new Error('A submission cannot go from RECEIVED to IN_REVIEW');
    // The decision, the revision and (for the first decision) the status in one conditional write: none can be lost.
    const record = () =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: submissionKey(submissionId),
          UpdateExpression: `SET reviews.#document = :review, reviewRevision = if_not_exists(reviewRevision, :zero) + :one${moving ? ', #status = :inReview, gsiStatus = :inReview' : ''}`,
          // Only over the decision it read: the same one sent many times at once is recorded once, and
          // decisions on one document land one at a time.
          ConditionExpression: `#status = :from AND ${replacing === null ? 'attribute_not_exists(reviews.#document)' : 'reviews.#document.requestId = :replacing'}`,
          ExpressionAttributeNames: { '#status': 'status', '#document': documentId },
          ExpressionAttributeValues: {
            ':review': review,
            ...(replacing === null ? {} : { ':replacing': replacing }),
            ':zero': 0,
            ':one': 1,
            ':from': from,
            ...(moving ? { ':inReview': 'IN_REVIEW' } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
    const result = await unlessConditionFails(
      record().catch(async (error: unknown) => {
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
      }),
    );
    return result ? fromSubmissionItem(result.Attributes ?? {}) : null;
  }

  async completeReview(submissionId: string, revision: number, completion: ReviewCompletion): Promise<Submission | null> {
    const result = await unlessConditionFails(
      this.conditionalTransition(
        submissionId,
        'IN_REVIEW',
        completion.outcome,
        // In the same write: the outcome is the reconciler's until its email is audited as sent.
        { reviewCompletion: completion, [UNSENT_OUTCOME.attribute]: UNSENT_OUTCOME.value },
        { expression: 'reviewRevision = :revision', values: { ':revision': revision } },
        ['gsiQueue', 'gsiQueueSince'],
      ),
    );
    return result ? fromSubmissionItem(result.Attributes ?? {}) : null;
  }
}

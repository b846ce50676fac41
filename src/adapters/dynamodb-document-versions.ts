/**
 * Versions of a provider's credentials in the intake table: document items listed by owner (the
 * byOwner index, each credential's versions together), superseded with one conditional update
 * (and listed among its submission's `replacedDocuments`), put on the expiry schedule (the
 * byNextNotice and byExpiration indexes) when received.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DocumentRef, SubmissionRef } from '../contract/http.js';
import { INTAKE_INDEXES } from '../contract/tables.js';
import { auditPendingNotice, noticeDate } from '../domain/expiry.js';
import type { ReceivedFacts, SubmissionDocument } from '../domain/submission.js';
import type { DocumentVersions, SupersedeResult } from '../ports/document-versions.js';
import { conditionalUpdate, conditionHeld, unlessConditionFails, type Condition, type RawClauses } from './dynamodb-conditional-update.js';
import { expiryIndexAttributes, noticeIndexAttributes, SCHEDULE_ATTRIBUTES } from './dynamodb-expiry-schedule.js';
import { documentKey, fromDocumentItem, submissionKey } from './dynamodb-intake-items.js';
import { DynamoDbSubmissionRepository } from './dynamodb-submission-repository.js';

const when = (expression: string, values: Record<string, unknown> = {}): Condition => ({ expression, values });

export class DynamoDbDocumentVersions implements DocumentVersions {
  private readonly submissions: DynamoDbSubmissionRepository;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.submissions = new DynamoDbSubmissionRepository(db, tableName);
  }

  async find(documentId: string) {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INTAKE_INDEXES.byDocument.name,
        KeyConditionExpression: '#pk = :documentId',
        ExpressionAttributeNames: { '#pk': INTAKE_INDEXES.byDocument.partitionKey },
        ExpressionAttributeValues: { ':documentId': documentId },
        Limit: 1,
      }),
    );
    const submissionId = Items[0]?.submissionId as string | undefined;
    const found = submissionId ? await this.submissions.get(submissionId) : null;
    const document = found?.documents.find((doc) => doc.documentId === documentId);
    return found && document ? { submission: found.submission, document } : null;
  }

  async listOwned(providerId: string): Promise<SubmissionDocument[]> {
    const documents: SubmissionDocument[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INTAKE_INDEXES.byOwner.name,
          KeyConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': INTAKE_INDEXES.byOwner.partitionKey },
          ExpressionAttributeValues: { ':owner': providerId },
          ExclusiveStartKey: startKey,
        }),
      );
      documents.push(...(page.Items ?? []).map(fromDocumentItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return documents;
  }

  async recordReceived(doc: SubmissionDocument, facts: ReceivedFacts, nextNoticeDate: string | null): Promise<boolean> {
    const key = documentKey(doc.submissionId, doc.documentId);
    const recorded = await conditionHeld(this.update(key, { received: facts }, when('attribute_exists(pk) AND attribute_not_exists(received)')));
    if (!doc.expirationDate) return recorded;
    // On the schedule once (an empty notice record marks it), and never once superseded.
    const schedule = { ...expiryIndexAttributes(doc.documentId, doc.expirationDate), ...(nextNoticeDate ? noticeIndexAttributes(doc.documentId, nextNoticeDate) : {}) };
    const scheduled = await conditionHeld(this.update(key, { notices: {}, ...schedule }, when('attribute_exists(pk) AND attribute_not_exists(notices) AND attribute_not_exists(supersededBy)')));
    return recorded || scheduled;
  }

  async supersede(doc: DocumentRef, by: DocumentRef, at: string, passedOn?: string): Promise<SupersedeResult> {
    await this.bumpReviewRevision(doc.submissionId);
    const free = passedOn
      ? when('attribute_exists(pk) AND (attribute_not_exists(supersededBy) OR supersededBy.documentId = :passedOn)', { ':passedOn': passedOn })
      : when('attribute_exists(pk) AND attribute_not_exists(supersededBy)');
    const done = await unlessConditionFails(
      this.update(documentKey(doc.submissionId, doc.documentId), { status: 'SUPERSEDED', supersededBy: by, supersededAt: at }, free, { remove: [...SCHEDULE_ATTRIBUTES] }),
    );
    if (done) {
      await this.keepAuditPendingDue(doc, fromDocumentItem(done.Attributes ?? {}));
      return { outcome: 'SUPERSEDED' };
    }
    const current = (await this.submissions.get(doc.submissionId))?.documents.find((d) => d.documentId === doc.documentId);
    if (!current?.supersededBy) throw new Error(`Document ${doc.documentId} of submission ${doc.submissionId} does not exist`);
    if (current.supersededBy.documentId !== by.documentId) return { outcome: 'BY_OTHER', supersededBy: current.supersededBy };
    await this.keepAuditPendingDue(doc, current);
    return { outcome: 'ALREADY' };
  }

  /**
   * A reminder sent whose audit event the expiry job still has to write keeps its document due on
   * the notice index after the supersession took it off: the next run writes the event, then lets
   * it go. Also on a repeated supersession, so a step retried after a crash between the two writes
   * still does it.
   */
  private async keepAuditPendingDue(doc: DocumentRef, superseded: Pick<SubmissionDocument, 'notices' | 'expirationDate'>): Promise<void> {
    const key = auditPendingNotice(superseded.notices ?? {});
    if (!key || !superseded.expirationDate) return;
    const due = noticeDate(superseded.expirationDate, key);
    await unlessConditionFails(
      this.update(
        documentKey(doc.submissionId, doc.documentId),
        noticeIndexAttributes(doc.documentId, due),
        when('notices.#pending.auditPending = :pending AND attribute_not_exists(nextNoticeDate)', { ':pending': true }),
        { names: { '#pending': key } },
      ),
    );
  }

  async reinstate(doc: SubmissionDocument, after: DocumentRef, nextNoticeDate: string | null): Promise<boolean> {
    const schedule = doc.expirationDate ? { ...expiryIndexAttributes(doc.documentId, doc.expirationDate), ...(nextNoticeDate ? noticeIndexAttributes(doc.documentId, nextNoticeDate) : {}) } : {};
    return conditionHeld(
      this.update(
        documentKey(doc.submissionId, doc.documentId),
        { status: 'VERIFIED', reinstatedAfter: after, ...schedule },
        when('#status = :superseded AND supersededBy.documentId = :after', { ':superseded': 'SUPERSEDED', ':after': after.documentId }),
        { remove: ['supersededBy', 'supersededAt'] },
      ),
    );
  }

  /**
   * Before a document of a submission in review is superseded, its review revision moves on: a
   * completion that read the revision before this point fails its condition and reads again, so an
   * outcome is never committed without seeing a replacement that landed before the commit
   * (docs/review.md "A document replaced while in review is decided by its replacement"). A no-op
   * once the review is complete.
   */
  private async bumpReviewRevision(submissionId: string): Promise<void> {
    await unlessConditionFails(
      this.update(
        submissionKey(submissionId),
        {},
        when('#status IN (:received, :inReview)', { ':received': 'RECEIVED', ':inReview': 'IN_REVIEW' }),
        { set: ['reviewRevision = if_not_exists(reviewRevision, :zero) + :one'], values: { ':zero': 0, ':one': 1 } },
      ),
    );
  }

  async recordReplaced(doc: DocumentRef): Promise<void> {
    await unlessConditionFails(
      this.update(
        submissionKey(doc.submissionId),
        {},
        when('attribute_exists(pk) AND NOT contains(replacedDocuments, :documentId)', { ':documentId': doc.documentId }),
        { set: ['replacedDocuments = list_append(if_not_exists(replacedDocuments, :none), :replaced)'], values: { ':none': [], ':replaced': [doc.documentId] } },
      ),
    );
  }

  async markSubmissionReplaced(submissionId: string, by: SubmissionRef[]): Promise<void> {
    await this.update(submissionKey(submissionId), { replacedBy: by }, when('attribute_exists(pk)'));
  }

  private update(key: Record<string, string>, attributes: Record<string, unknown>, condition: Condition, clauses?: RawClauses) {
    return conditionalUpdate(this.db, this.tableName, key, attributes, condition, clauses);
  }
}

/**
 * The expiry schedule in the intake table. A document on the schedule carries its next notice
 * date in the sparse byNextNotice index (spread over a few shards; the job queries
 * `nextNoticeDate <= today` in each, so documents not yet due are never read) and its expiration
 * date in the sparse byExpiration index (partitioned by month: a date range reads only its months).
 * Every change is one conditional update on the document item; no index entry is trusted.
 */
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { EXPIRY_NOTICE_SHARDS, INTAKE_INDEXES } from '../contract/tables.js';
import { LAPSING_STATUSES, noticeStatuses, type NoticeKey, type NoticeRecord } from '../domain/expiry.js';
import type { SubmissionDocument } from '../domain/submission.js';
import type { ExpirySchedule, NoticeClaim, ScheduledDocument } from '../ports/expiry-schedule.js';
import type { Page } from '../ports/submission-repository.js';
import { conditionHeld, unlessConditionFails } from './dynamodb-conditional-update.js';
import { isConditionFailure } from './dynamodb-errors.js';
import { INVALID_TOKEN } from './dynamodb-index-pages.js';
import { documentKey, fromDocumentItem } from './dynamodb-intake-items.js';

/** Attributes that put a document on the schedule; superseding removes them all. */
export const SCHEDULE_ATTRIBUTES = ['gsiNoticeShard', 'nextNoticeDate', 'gsiExpiryMonth', 'gsiExpiry'] as const;

const shardOf = (documentId: string) => String(Number.parseInt(documentId.slice(0, 8), 16) % EXPIRY_NOTICE_SHARDS);

export const noticeIndexAttributes = (documentId: string, nextNoticeDate: string) => ({ gsiNoticeShard: shardOf(documentId), nextNoticeDate });
export const expiryIndexAttributes = (documentId: string, expirationDate: string) => ({ gsiExpiryMonth: expirationDate.slice(0, 7), gsiExpiry: `${expirationDate}#${documentId}` });

const keyOf = (doc: Pick<SubmissionDocument, 'submissionId' | 'documentId'>) => documentKey(doc.submissionId, doc.documentId);

const digestKey = (date: string) => ({ pk: `DIGEST#${date}`, sk: '#DIGEST' });

/** Page tokens: which shard or month the listing is in, and DynamoDB's key within it. */
interface Cursor {
  at: string;
  key?: Record<string, unknown>;
}
const encode = (cursor: Cursor | undefined) => (cursor ? Buffer.from(JSON.stringify(cursor)).toString('base64url') : undefined);

/** The index a listing reads: the key attributes of its page keys (a document item's key and the index's own). */
interface ListedIndex {
  partitionKey: string;
  sortKey: string;
}

/** A key this listing could have returned: exactly a document item's key and the index's, all strings, in the cursor's partition. */
function isIndexKey(key: unknown, at: string, index: ListedIndex): key is Record<string, string> {
  if (key === null || typeof key !== 'object' || Array.isArray(key)) return false;
  const entries = Object.entries(key);
  const names = new Set(['pk', 'sk', index.partitionKey, index.sortKey]);
  return (
    entries.length === names.size &&
    entries.every(([name, value]) => names.has(name) && typeof value === 'string') &&
    String((key as Record<string, string>).pk).startsWith('SUBMISSION#') &&
    String((key as Record<string, string>).sk).startsWith('DOCUMENT#') &&
    (key as Record<string, string>)[index.partitionKey] === at
  );
}

function decode(token: string | undefined, allowed: (at: string) => boolean, index: ListedIndex): Cursor | undefined {
  if (!token) return undefined;
  let cursor: Cursor;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw INVALID_TOKEN();
  }
  const valid = cursor !== null && typeof cursor === 'object' && typeof cursor.at === 'string' && allowed(cursor.at) && (cursor.key === undefined || isIndexKey(cursor.key, cursor.at, index));
  if (!valid) throw INVALID_TOKEN();
  return cursor;
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  while (`${year}-${String(month).padStart(2, '0')}` <= to.slice(0, 7)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

export class DynamoDbExpirySchedule implements ExpirySchedule {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listDue(today: string, limit: number, nextToken?: string) {
    const shards = Array.from({ length: EXPIRY_NOTICE_SHARDS }, (_, shard) => String(shard));
    const { partitionKey, sortKey, name } = INTAKE_INDEXES.byNextNotice;
    const page = await this.queryAcross(shards, { partitionKey, sortKey }, limit, nextToken, (shard) => ({
      IndexName: name,
      KeyConditionExpression: '#shard = :shard AND #next <= :today',
      ExpressionAttributeNames: { '#shard': partitionKey, '#next': sortKey },
      ExpressionAttributeValues: { ':shard': shard, ':today': today },
    }));
    return { ...page, items: page.items as ScheduledDocument[] };
  }

  /**
   * Reads `limit` items from the partitions in order, each queried with `query(partition)`; the
   * page token says which partition it stopped in and where (checked on the way back in: a forged
   * or foreign one answers 400, never 500).
   */
  private async queryAcross(partitions: string[], index: ListedIndex, limit: number, nextToken: string | undefined, query: (partition: string) => Omit<QueryCommandInput, 'TableName'>, maxReads = Infinity) {
    let cursor: Cursor | undefined = decode(nextToken, (at) => partitions.includes(at), index) ?? (partitions[0] ? { at: partitions[0] } : undefined);
    const items: SubmissionDocument[] = [];
    let itemsRead = 0;
    for (let reads = 0; cursor && items.length < limit && reads < maxReads; reads++) {
      const page: QueryCommandOutput = await this.db.send(new QueryCommand({ TableName: this.tableName, ...query(cursor.at), Limit: limit - items.length, ExclusiveStartKey: cursor.key })).catch((error: unknown) => {
        // A well-formed key DynamoDB still refuses (not a key of this index's items) is a token we did not issue.
        throw cursor?.key && (error as { name?: string }).name === 'ValidationException' ? INVALID_TOKEN() : error;
      });
      itemsRead += page.ScannedCount ?? 0;
      items.push(...(page.Items ?? []).map(fromDocumentItem));
      const next: string | undefined = partitions[partitions.indexOf(cursor.at) + 1];
      cursor = page.LastEvaluatedKey ? { at: cursor.at, key: page.LastEvaluatedKey } : next ? { at: next } : undefined;
    }
    const token = encode(cursor);
    return { items, itemsRead, ...(token ? { nextToken: token } : {}) };
  }

  async claim(doc: ScheduledDocument, claim: NoticeClaim): Promise<boolean> {
    const statuses = noticeStatuses(claim.key);
    const skipped: NoticeRecord = { state: 'SKIPPED', at: claim.at, runId: claim.runId };
    const sets = ['notices.#send = :claim', ...claim.skip.map((_, i) => `notices.#skip${i} = :skipped`), ...(claim.expire ? ['#status = :expired'] : [])];
    return conditionHeld(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(doc),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `nextNoticeDate = :seen AND attribute_not_exists(supersededBy) AND #status IN (${statuses.map((_, i) => `:st${i}`).join(', ')}) AND attribute_not_exists(notices.#send)`,
          ExpressionAttributeNames: { '#send': claim.key, '#status': 'status', ...Object.fromEntries(claim.skip.map((key, i) => [`#skip${i}`, key])) },
          ExpressionAttributeValues: {
            ':claim': { state: 'SENDING', at: claim.at, runId: claim.runId } satisfies NoticeRecord,
            ':seen': doc.nextNoticeDate,
            ...(claim.skip.length > 0 ? { ':skipped': skipped } : {}),
            ...(claim.expire ? { ':expired': 'EXPIRED' } : {}),
            ...Object.fromEntries(statuses.map((status, i) => [`:st${i}`, status])),
          },
        }),
      ),
    );
  }

  async confirm(doc: ScheduledDocument, key: NoticeKey, runId: string, sent: NoticeRecord, next: string | null): Promise<void> {
    // A document superseded since it was read leaves the schedule instead, unless its audit event is still to be written.
    const unlessSuperseded = next !== null && !sent.auditPending;
    try {
      await this.record(doc, key, runId, sent, next, unlessSuperseded);
    } catch (error) {
      if (!unlessSuperseded || !isConditionFailure(error)) throw error;
      await this.record(doc, key, runId, sent, null, false);
    }
  }

  private async record(doc: ScheduledDocument, key: NoticeKey, runId: string, sent: NoticeRecord, next: string | null, unlessSuperseded: boolean): Promise<void> {
    const move = this.moveTo(doc, next);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keyOf(doc),
        UpdateExpression: `SET notices.#key = :sent${move.set} ${move.remove}`,
        ConditionExpression: `notices.#key.runId = :runId${unlessSuperseded ? ' AND attribute_not_exists(supersededBy)' : ''}`,
        ExpressionAttributeNames: { '#key': key },
        ExpressionAttributeValues: { ':sent': sent, ':runId': runId, ...move.values },
      }),
    );
  }

  async release(doc: ScheduledDocument, key: NoticeKey, runId: string): Promise<void> {
    await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(doc),
          UpdateExpression: 'REMOVE notices.#key',
          ConditionExpression: 'notices.#key.runId = :runId AND notices.#key.#state = :sending',
          ExpressionAttributeNames: { '#key': key, '#state': 'state' },
          ExpressionAttributeValues: { ':runId': runId, ':sending': 'SENDING' },
        }),
      ),
    );
  }

  async reschedule(doc: ScheduledDocument, next: string | null, record?: { key: NoticeKey; value: NoticeRecord; claimedBy: string }): Promise<boolean> {
    const move = this.moveTo(doc, next);
    const set = record ? `SET notices.#key = :record${move.set}` : move.set ? `SET ${move.set.slice(2)}` : '';
    return conditionHeld(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(doc),
          UpdateExpression: `${set} ${move.remove}`.trim(),
          ConditionExpression: `nextNoticeDate = :seen${record ? ' AND notices.#key.runId = :claimedBy' : ''}`,
          ...(record ? { ExpressionAttributeNames: { '#key': record.key } } : {}),
          ExpressionAttributeValues: { ':seen': doc.nextNoticeDate, ...move.values, ...(record ? { ':record': record.value, ':claimedBy': record.claimedBy } : {}) },
        }),
      ),
    );
  }

  /** The update clauses that move a document to its next notice date, or off the notice index. */
  private moveTo(doc: ScheduledDocument, next: string | null) {
    return next
      ? { set: ', nextNoticeDate = :next, gsiNoticeShard = :shard', remove: '', values: { ':next': next, ':shard': noticeIndexAttributes(doc.documentId, next).gsiNoticeShard } }
      : { set: '', remove: 'REMOVE nextNoticeDate, gsiNoticeShard', values: {} };
  }

  async listExpiring(from: string, to: string, limit: number, nextToken?: string): Promise<Page<SubmissionDocument>> {
    const { partitionKey, sortKey, name } = INTAKE_INDEXES.byExpiration;
    const lapsing = Object.fromEntries(LAPSING_STATUSES.map((status, i) => [`:lapsing${i}`, status]));
    // A filter applies after `Limit`: a page reads on to fill itself, at most ten reads (a token resumes).
    const { items, nextToken: next } = await this.queryAcross(
      monthsBetween(from, to),
      { partitionKey, sortKey },
      limit,
      nextToken,
      (month) => ({
        IndexName: name,
        KeyConditionExpression: '#month = :month AND #expiry BETWEEN :from AND :to',
        FilterExpression: `#status IN (${Object.keys(lapsing).join(', ')})`,
        ExpressionAttributeNames: { '#month': partitionKey, '#expiry': sortKey, '#status': 'status' },
        // Sort keys are `date#documentId`: every document of the last day sorts before `date#~`.
        ExpressionAttributeValues: { ':month': month, ':from': from, ':to': `${to}#~`, ...lapsing },
      }),
      10,
    );
    return { items, ...(next ? { nextToken: next } : {}) };
  }

  async claimDigest(date: string, runId: string): Promise<boolean> {
    return conditionHeld(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...digestKey(date), state: 'SENDING', runId },
          ConditionExpression: 'attribute_not_exists(pk) OR #state = :failed',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':failed': 'FAILED' },
        }),
      ),
    );
  }

  async releaseDigest(date: string, runId: string): Promise<void> {
    await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: digestKey(date),
          UpdateExpression: 'SET #state = :failed',
          ConditionExpression: 'runId = :runId',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':failed': 'FAILED', ':runId': runId },
        }),
      ),
    );
  }
}

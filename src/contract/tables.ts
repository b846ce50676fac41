/**
 * Keys and indexes of the tables: the CDK stack declares them, the DynamoDB adapters query them,
 * and the local runtime creates them from the template.
 */
export const INTAKE_TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

/**
 * The intake table's time-to-live attribute (epoch seconds): DynamoDB deletes an item some time
 * after it. Only a create's client-token claim carries it; records of submissions never expire.
 */
export const INTAKE_TABLE_TIME_TO_LIVE = 'expiresAtEpochSeconds';

export const INTAKE_INDEXES = {
  /** The lists' sort key `gsiCreated` is when a draft was made, then when it was submitted (`listedAt`). */
  byProvider: { name: 'byProvider', partitionKey: 'gsiProvider', sortKey: 'gsiCreated' },
  byStatus: { name: 'byStatus', partitionKey: 'gsiStatus', sortKey: 'gsiCreated' },
  allSubmissions: { name: 'allSubmissions', partitionKey: 'gsiEntity', sortKey: 'gsiCreated' },
  /** Read for the submission id only: an update writes this index only when its key changes. */
  byReference: { name: 'byReference', partitionKey: 'gsiReference', include: ['submissionId'] },
  /** Read for the submission id only (a document item's many updates never write it). */
  byDocument: { name: 'byDocument', partitionKey: 'gsiDocument', include: ['submissionId'] },
  /**
   * Sparse: only submissions waiting for a decision (RECEIVED, IN_REVIEW) carry `gsiQueue`, so
   * the staff queue reads oldest-submitted first without Scan and without finished submissions.
   */
  reviewQueue: { name: 'reviewQueue', partitionKey: 'gsiQueue', sortKey: 'gsiQueueSince' },
  /** Every document of a provider, each credential's versions together (sort key: lineage, then upload time). */
  byOwner: { name: 'byOwner', partitionKey: 'gsiOwner', sortKey: 'gsiOwnerVersion' },
  /**
   * Sparse: documents with an expiry notice still to send, by the date it is due; partitioned
   * into `EXPIRY_NOTICE_SHARDS` so writes spread. The expiry job reads `nextNoticeDate <= today`.
   */
  byNextNotice: { name: 'byNextNotice', partitionKey: 'gsiNoticeShard', sortKey: 'nextNoticeDate' },
  /** Sparse: current stored documents with an expiration date, by expiration month, then date. */
  byExpiration: { name: 'byExpiration', partitionKey: 'gsiExpiryMonth', sortKey: 'gsiExpiry' },
  /**
   * Sparse: submissions whose workflow has not written every fact yet (in progress, failed, or
   * committed with its email or audit events still missing). Set at submit, removed when the
   * last fact is written; the reconciler reads it instead of scanning.
   */
  unfinished: { name: 'byUnfinished', partitionKey: 'gsiUnfinished', sortKey: 'gsiCreated', include: ['submissionId'] },
  /**
   * Sparse: completed reviews whose OUTCOME_EMAIL_SENT is not in the audit trail yet. Set by the
   * completing write, removed when that event is recorded; the reconciler reads the whole index
   * (the submission id and the completion: when it was decided) instead of filtering every decided submission.
   */
  unsentOutcomes: { name: 'byUnsentOutcome', partitionKey: 'gsiUnsentOutcome', sortKey: 'gsiCreated', include: ['submissionId', 'reviewCompletion'] },
  /**
   * Sparse: one profile item per provider who ever submitted (`PROVIDER#id`), by family name,
   * given name, email and id — the staff directory. Its readers need only these attributes: a
   * submission rewrites it only when a new one is newer (`lastSubmittedAt`). The projection of a
   * deployed index cannot change (CloudFormation refuses): add a new index instead.
   */
  providerDirectory: { name: 'byDirectoryName', partitionKey: 'gsiDirectory', sortKey: 'gsiDirectoryName', include: ['providerId', 'name', 'email', 'lastSubmittedAt', 'searchText'] },
} as const;

/** Partitions of the byNextNotice index: the job queries each one. */
export const EXPIRY_NOTICE_SHARDS = 4;

export interface IndexSpec {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /**
   * The only attributes besides the keys its readers use (projection INCLUDE): an update then
   * writes the index only when it changes these or a key. Without it the index projects whole
   * items (ALL), and every update of an item in it is also a write to the index.
   */
  readonly include?: readonly string[];
}

/** The audit table: one hash chain per partition, ordered by sequence number. */
export const AUDIT_TABLE_KEY = { partitionKey: 'submissionId', sortKey: 'sequence' } as const;

/** Sparse index of refused requests by the user who made them (audit table). */
export const AUDIT_INDEXES = {
  refusalsByUser: { name: 'refusalsByUser', partitionKey: 'refusedBy', sortKey: 'occurredAt' },
} as const;

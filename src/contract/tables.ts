/**
 * Keys and indexes of the tables: the CDK stack declares them, the DynamoDB adapters query them,
 * and the local runtime creates them from the template.
 */
export const INTAKE_TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const INTAKE_INDEXES = {
  byProvider: { name: 'byProvider', partitionKey: 'gsiProvider', sortKey: 'gsiCreated' },
  byStatus: { name: 'byStatus', partitionKey: 'gsiStatus', sortKey: 'gsiCreated' },
  allSubmissions: { name: 'allSubmissions', partitionKey: 'gsiEntity', sortKey: 'gsiCreated' },
  byReference: { name: 'byReference', partitionKey: 'gsiReference' },
  byDocument: { name: 'byDocument', partitionKey: 'gsiDocument' },
  /**
   * Sparse: only submissions waiting for a decision (RECEIVED, IN_REVIEW) carry `gsiQueue`, so
   * the staff queue reads oldest-submitted first without Scan and without finished submissions.
   */
  reviewQueue: { name: 'reviewQueue', partitionKey: 'gsiQueue', sortKey: 'gsiQueueSince' },
} as const;

export interface IndexSpec {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
}

/** The audit table: one hash chain per partition, ordered by sequence number. */
export const AUDIT_TABLE_KEY = { partitionKey: 'submissionId', sortKey: 'sequence' } as const;

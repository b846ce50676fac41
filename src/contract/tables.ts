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
   * Sparse: submissions whose workflow has not written every fact yet (in progress, failed, or
   * committed with its email or audit events still missing). Set at submit, removed when the
   * last fact is written; the reconciler reads it instead of scanning.
   */
  unfinished: { name: 'byUnfinished', partitionKey: 'gsiUnfinished', sortKey: 'gsiCreated' },
} as const;

export interface IndexSpec {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
}

/** The audit table: one hash chain per partition, ordered by sequence number. */
export const AUDIT_TABLE_KEY = { partitionKey: 'submissionId', sortKey: 'sequence' } as const;

/** Sparse index of refused requests by the user who made them (audit table). */
export const AUDIT_INDEXES = {
  refusalsByUser: { name: 'refusalsByUser', partitionKey: 'refusedBy', sortKey: 'occurredAt' },
} as const;

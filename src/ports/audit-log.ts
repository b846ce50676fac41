import type { AuditAnchors, AuditEvent, AuditEventInput } from '../domain/audit.js';

export interface AuditLog {
  /**
   * Appends once per `factKey`: recording the same fact again returns the existing event.
   * Every appended event's hash is also anchored outside the table.
   */
  record(event: AuditEventInput): Promise<AuditEvent>;
  list(submissionId: string): Promise<AuditEvent[]>;
  /** The anchored hashes of a chain's events, by sequence (those that exist among `sequences`). */
  anchors(chain: string, sequences: number[]): Promise<AuditAnchors>;
}

/** Write-once copies of each event's hash, outside the audit table. */
export interface AuditAnchorStore {
  /** Anchors an appended event; an anchor that already exists is never replaced. */
  anchor(chain: string, sequence: number, hash: string): Promise<void>;
  read(chain: string, sequences: number[]): Promise<AuditAnchors>;
}

import type { AuditEvent, AuditEventInput } from '../domain/audit.js';

export interface AuditLog {
  /** Appends once per `factKey`: recording the same fact again returns the existing event. */
  record(event: AuditEventInput): Promise<AuditEvent>;
  list(submissionId: string): Promise<AuditEvent[]>;
}

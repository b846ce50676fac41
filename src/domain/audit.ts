/**
 * Audit events form a hash chain per submission: each event's hash covers its content and the
 * previous event's hash, so editing or removing any row breaks every hash after it.
 */
import { createHash } from 'node:crypto';
import type { AuditActor, AuditEventView } from '../contract/http.js';

export { AUDIT_EVENT_TYPES, type AuditEventType } from '../contract/vocabulary.js';

export type { AuditActor };

/** What a use case records. `factKey` makes recording idempotent: one event per fact. */
export type AuditEventInput = Omit<AuditEventView, 'sequence' | 'previousHash' | 'hash'>;

/** A recorded event is exactly what the API shows: every field is evidence. */
export type AuditEvent = AuditEventView;

export const GENESIS_HASH = '0'.repeat(64);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function chainAuditEvent(input: AuditEventInput, sequence: number, previousHash: string): AuditEvent {
  const body = { ...input, sequence, previousHash };
  const hash = createHash('sha256').update(canonical(body)).digest('hex');
  return { ...body, hash };
}

/** Index of the first event whose hash or link does not verify, or -1 when the chain is intact. */
export function findBrokenLink(events: AuditEvent[]): number {
  let previous = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const { hash, ...rest } = event;
    const expected = chainAuditEvent(rest, event.sequence, previous);
    if (event.previousHash !== previous || hash !== expected.hash || event.sequence !== index + 1) return index;
    previous = hash;
  }
  return -1;
}

/**
 * Audit events form a hash chain per submission: each event's hash covers its content and the
 * previous event's hash, so editing or removing any row breaks every hash after it. Whoever can
 * write the table could still rewrite a row and recompute every later hash, so each hash is
 * also anchored outside the table (write-once objects in a locked bucket) when it is appended:
 * a chain is intact only if it links and matches its anchors.
 */
import { canonicalHash } from './canonical-hash.js';
import type { AuditActor, AuditEventView } from '../contract/http.js';
import { AUDIT_INDEXES } from '../contract/tables.js';

export { AUDIT_EVENT_TYPES, type AuditEventType } from '../contract/vocabulary.js';

export type { AuditActor };

/** What a use case records. `factKey` makes recording idempotent: one event per fact. */
export type AuditEventInput = Omit<AuditEventView, 'sequence' | 'previousHash' | 'hash'>;

/** A recorded event is exactly what the API shows: every field is evidence. */
export type AuditEvent = AuditEventView;

export const GENESIS_HASH = '0'.repeat(64);

export function chainAuditEvent(input: AuditEventInput, sequence: number, previousHash: string): AuditEvent {
  const body = { ...input, sequence, previousHash };
  const hash = canonicalHash(body);
  return { ...body, hash };
}

/** The hashes anchored outside the table, by sequence number. */
export type AuditAnchors = ReadonlyMap<number, string>;

/**
 * The sequence of the first event that does not verify — its hash, its link, or its anchor —
 * or null when the chain is intact. An event may lack an anchor (S3 was unavailable when it was
 * appended): rewriting it would change every later hash, so any later anchor still catches it;
 * only events after the last anchor are covered by the links alone, until the writer anchors
 * the tail again at the chain's next append. An anchor past the last row means rows were
 * removed: the first missing sequence is broken.
 */
export function firstBrokenSequence(events: readonly AuditEvent[], anchors: AuditAnchors): number | null {
  let previous = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const { hash, ...rest } = event;
    const expected = chainAuditEvent(rest, event.sequence, previous);
    if (event.previousHash !== previous || hash !== expected.hash || event.sequence !== index + 1) return index + 1;
    const anchored = anchors.get(event.sequence);
    if (anchored !== undefined && anchored !== hash) return index + 1;
    previous = hash;
  }
  return [...anchors.keys()].some((sequence) => sequence > events.length) ? events.length + 1 : null;
}

/** Refusals have no submission: a sparse index finds a user's refusals (docs/architecture.md "The audit trail"). */
export function auditIndexAttributes(event: AuditEvent): Record<string, string> {
  return event.type === 'SUBMISSION_REFUSED' ? { [AUDIT_INDEXES.refusalsByUser.partitionKey]: event.actor.id } : {};
}

/** Each refused request is its own chain: refusals never contend for one user's chain. */
export const refusalChain = (requestId: string) => `refusal:${requestId}`;

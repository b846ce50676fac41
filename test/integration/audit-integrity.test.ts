/**
 * The audit trail under pressure (issue 7, findings 4 and 5): fifty refusals at once are all
 * 400s and all audited; and a rewritten row — with every later hash recomputed so the chain
 * still links — is caught by the hashes anchored outside the table when the events were written.
 */
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_INDEXES } from '../../src/contract/tables.js';
import { chainAuditEvent, firstBrokenSequence, type AuditEvent } from '../../src/domain/audit.js';
import type { Caller } from '../../src/domain/caller.js';
import type { AuditLog } from '../../src/ports/audit-log.js';
import { getSubmissionAudit } from '../../src/use-cases/get-submission-audit.js';
import { callApi, waitForStatus } from '../../testkit/local-api.js';
import { realAdapters, uploadedCv } from './support/intake.js';
import { MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('audit-integrity');
let adapters: ReturnType<typeof realAdapters>;
beforeAll(() => {
  adapters = realAdapters(local.stack);
});
afterAll(() => adapters?.destroy());

async function refusalsOf(userId: string) {
  const { Items = [] } = await adapters.clients.db.send(
    new QueryCommand({
      TableName: local.stack.tables.audit,
      IndexName: AUDIT_INDEXES.refusalsByUser.name,
      KeyConditionExpression: '#user = :user',
      ExpressionAttributeNames: { '#user': AUDIT_INDEXES.refusalsByUser.partitionKey },
      ExpressionAttributeValues: { ':user': userId },
    }),
  );
  return Items as { requestId: string; type: string; details: { code: string; fields: string[] } }[];
}

const trailOf = async (submissionId: string) => (await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, local.tokens[STAFF]!)).body as { events: AuditEvent[]; chainIntact: boolean; firstBrokenSequence?: number };

describe('fifty refused requests at once', () => {
  it('answers each with 400 naming the field, and audits each one', async () => {
    // Prepare
    const userId = String(decodeJwt(local.tokens[MICHAEL]!).sub);
    const before = (await refusalsOf(userId)).length;

    // Act
    const responses = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const response = await fetch(`${local.stack.apiUrl}/submissions`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${local.tokens[MICHAEL]!}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ documents: [] }),
        });
        return { status: response.status, requestId: response.headers.get('x-amzn-requestid'), body: (await response.json()) as { error: { code: string; details: { path: string }[] } } };
      }),
    );

    // Assess
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(400));
    for (const response of responses) expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'documents' }] });
    const refusals = await refusalsOf(userId);
    expect(refusals).toHaveLength(before + 50);
    expect(new Set(refusals.map((r) => r.requestId))).toEqual(new Set([...refusals.slice(0, before).map((r) => r.requestId), ...responses.map((r) => r.requestId)]));
    expect(refusals.every((r) => r.type === 'SUBMISSION_REFUSED' && r.details.code === 'VALIDATION_FAILED')).toBe(true);
  });
});

/** A received submission with its four audit events. */
async function receivedSubmission(): Promise<string> {
  const { submissionId } = await uploadedCv(local.stack, local.tokens[MICHAEL]!);
  await callApi(local.stack, 'POST', `/submissions/${submissionId}/submit`, local.tokens[MICHAEL]!);
  await waitForStatus(local.stack, local.tokens[MICHAEL]!, submissionId, (status) => status !== 'VALIDATING');
  await local.runtime.workflowsIdle();
  return submissionId;
}

describe('tampering with the audit table', () => {
  it('is caught when a row is rewritten and every later hash recomputed', async () => {
    // Prepare: the untouched trail verifies
    const submissionId = await receivedSubmission();
    const original = await trailOf(submissionId);
    expect(original).toMatchObject({ chainIntact: true });
    expect(original.events.map((e) => e.type)).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);

    // Act: whoever can put items backdates "submitted" and re-links the rest of the chain
    const rewritten: AuditEvent[] = [original.events[0]!];
    for (const event of original.events.slice(1)) {
      const { sequence, previousHash: _p, hash: _h, ...content } = event;
      const changed = sequence === 2 ? { ...content, occurredAt: '2026-01-02T09:00:00.000Z' } : content;
      rewritten.push(chainAuditEvent(changed, sequence, rewritten.at(-1)!.hash));
    }
    for (const event of rewritten.slice(1)) await adapters.clients.db.send(new PutCommand({ TableName: local.stack.tables.audit, Item: event }));
    const tampered = await trailOf(submissionId);

    // Assess: the links alone would not tell; the anchors do, at the rewritten row
    expect(firstBrokenSequence(rewritten, new Map())).toBeNull();
    expect(tampered.events[1]!.occurredAt).toBe('2026-01-02T09:00:00.000Z');
    expect(tampered).toMatchObject({ chainIntact: false, firstBrokenSequence: 2 });
  });

  it('is not claimed when an event is appended while the trail is read (the workflow still writing)', async () => {
    // Prepare: the trail is read by the use case with an audit log that lets the workflow append
    // an event right after the rows were read and before the anchors are
    const submissionId = await receivedSubmission();
    const before = await trailOf(submissionId);
    const appendingMidRead: AuditLog = {
      list: (id) => adapters.audit.list(id),
      record: (event) => adapters.audit.record(event),
      anchors: async (chain, sequences) => {
        if (sequences.length === before.events.length + 1) {
          await adapters.audit.record({ submissionId, type: 'DOCUMENT_DOWNLOADED', factKey: 'DOCUMENT_DOWNLOADED#mid-read', actor: { type: 'staff', id: 'reviewer' }, occurredAt: new Date().toISOString(), requestId: 'mid-read', sourceIp: null, details: {} });
        }
        return adapters.audit.anchors(chain, sequences);
      },
    };
    const staff: Caller = { userId: 'reviewer', email: STAFF, name: 'Credentialing Staff', role: 'staff', requestId: 'audit-read', sourceIp: null };

    // Act
    const trail = await getSubmissionAudit({ repository: adapters.repository, audit: appendingMidRead }, staff, submissionId);

    // Assess: intact, with the new event
    expect(trail).toMatchObject({ chainIntact: true });
    expect(trail.events).toHaveLength(before.events.length + 1);
  });

  it('is caught when the newest row is removed', async () => {
    // Prepare
    const submissionId = await receivedSubmission();
    const { events, chainIntact } = await trailOf(submissionId);
    expect(chainIntact).toBe(true);
    const last = events.at(-1)!;

    // Act
    await adapters.clients.db.send(new DeleteCommand({ TableName: local.stack.tables.audit, Key: { submissionId, sequence: last.sequence } }));

    // Assess: the removed row's anchor is still there
    const trail = await trailOf(submissionId);
    expect(trail.events).toHaveLength(events.length - 1);
    expect(trail).toMatchObject({ chainIntact: false, firstBrokenSequence: last.sequence });
  });
});

/**
 * Drafts: a submission created but never submitted (she reloaded mid-upload, or gave up). She can
 * discard it; the hourly clean-up discards it 24 hours after it was created; either way nothing
 * is deleted, it leaves every list, and the audit trail says who discarded it and why.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbSubmissionRepository } from '../../src/adapters/dynamodb-submission-repository.js';
import type { Submission } from '../../src/domain/submission.js';
import { LOCAL_CREDENTIALS } from '../../local/provision.js';
import { scheduledEvent } from '../../local/scheduled-event.js';
import { makePdf, sha256Hex } from '../../testkit/files.js';
import { callApi, uploadFile, waitForStatus } from '../../testkit/local-api.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';
import { submissionRecord } from './support/submissions.js';

const local = useLocalRuntime('drafts');
const HOUR = 3_600_000;

function cvDocument() {
  const bytes = makePdf({ pages: 1 });
  return { bytes, metadata: { documentType: 'CURRICULUM_VITAE', fileName: 'cv.pdf', contentType: 'application/pdf', sizeBytes: bytes.byteLength, sha256: sha256Hex(bytes), issueDate: '2026-01-05' } };
}

async function createDraft(token = local.tokens[EMILY]!): Promise<string> {
  const created = await callApi(local.stack, 'POST', '/submissions', token, { documents: [cvDocument().metadata] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.submissionId as string;
}

const listIds = async (token: string) => ((await callApi(local.stack, 'GET', '/submissions?limit=100', token)).body.items as { submissionId: string }[]).map((item) => item.submissionId);
async function auditTypes(submissionId: string) {
  const trail = await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, local.tokens[STAFF]!);
  expect(trail.status, JSON.stringify(trail.body)).toBe(200);
  return trail.body.events as { type: string; actor: { type: string }; details: Record<string, unknown> }[];
}
const storedStatus = async (submissionId: string) =>
  (await local.db.send(new GetCommand({ TableName: local.stack.tables.intake, Key: { pk: `SUBMISSION#${submissionId}`, sk: '#SUBMISSION' } }))).Item?.status;

describe('a draft in the lists', () => {
  it('is in her own list and in no staff list, by any status', async () => {
    // Prepare
    const draftId = await createDraft();
    // Act
    const hers = await listIds(local.tokens[EMILY]!);
    const staff = await listIds(local.tokens[STAFF]!);
    const staffByStatus = await callApi(local.stack, 'GET', '/submissions?status=AWAITING_UPLOAD', local.tokens[STAFF]!);
    // Assess
    expect(hers).toContain(draftId);
    expect(staff).not.toContain(draftId);
    expect(staffByStatus.status).toBe(400);
    expect(staffByStatus.body.error.details).toEqual([{ path: 'status', message: expect.not.stringContaining('AWAITING_UPLOAD') }]);
  });
});

describe('POST /submissions/{id}/discard', () => {
  it('discards her draft: 200, gone from her list, audited once even when sent twenty times at once, and kept as a record', async () => {
    // Prepare
    const draftId = await createDraft();
    // Act
    const responses = await Promise.all(Array.from({ length: 20 }, () => callApi(local.stack, 'POST', `/submissions/${draftId}/discard`, local.tokens[EMILY]!)));
    // Assess
    for (const response of responses) expect(response).toEqual({ status: 200, body: { submissionId: draftId, status: 'DISCARDED' } });
    expect(await listIds(local.tokens[EMILY]!)).not.toContain(draftId);
    expect(await listIds(local.tokens[STAFF]!)).not.toContain(draftId);
    expect((await callApi(local.stack, 'GET', '/submissions?status=DISCARDED', local.tokens[EMILY]!)).status).toBe(400);
    const discarded = (await auditTypes(draftId)).filter((event) => event.type === 'DRAFT_DISCARDED');
    expect(discarded).toHaveLength(1);
    expect(discarded[0]).toMatchObject({ actor: { type: 'provider' }, details: { reason: 'PROVIDER', documentCount: 1 } });
    expect(await storedStatus(draftId)).toBe('DISCARDED');
    expect((await callApi(local.stack, 'GET', `/submissions/${draftId}`, local.tokens[EMILY]!)).body.status).toBe('DISCARDED');
    // A discarded draft cannot be submitted after all.
    expect((await callApi(local.stack, 'POST', `/submissions/${draftId}/submit`, local.tokens[EMILY]!)).status).toBe(409);
  });

  it("answers 404 to another provider and 403 to staff, and leaves the draft as it was", async () => {
    const draftId = await createDraft();
    const michael = await callApi(local.stack, 'POST', `/submissions/${draftId}/discard`, local.tokens[MICHAEL]!);
    const staff = await callApi(local.stack, 'POST', `/submissions/${draftId}/discard`, local.tokens[STAFF]!);
    expect(michael).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'No submission with that id was found.' } } });
    expect(staff.status).toBe(403);
    expect(await storedStatus(draftId)).toBe('AWAITING_UPLOAD');
    expect((await auditTypes(draftId)).map((event) => event.type)).toEqual(['SUBMISSION_CREATED']);
  });

  it('answers 409 for a submission already submitted, which stays as it was', async () => {
    // Prepare
    const { bytes, metadata } = cvDocument();
    const created = await callApi(local.stack, 'POST', '/submissions', local.tokens[EMILY]!, { documents: [metadata] });
    await uploadFile(created.body.documents[0].upload, bytes, 'application/pdf');
    const submissionId = created.body.submissionId as string;
    await callApi(local.stack, 'POST', `/submissions/${submissionId}/submit`, local.tokens[EMILY]!);
    const received = await waitForStatus(local.stack, local.tokens[EMILY]!, submissionId, (status) => status !== 'VALIDATING');
    // Act
    const response = await callApi(local.stack, 'POST', `/submissions/${submissionId}/discard`, local.tokens[EMILY]!);
    // Assess
    expect(received.body.status).toBe('RECEIVED');
    expect(response).toEqual({ status: 409, body: { error: { code: 'CONFLICT', message: 'This submission was already submitted, so it cannot be discarded.' } } });
    expect(await storedStatus(submissionId)).toBe('RECEIVED');
    expect(await listIds(local.tokens[STAFF]!)).toContain(submissionId);
  });
});

describe('the hourly clean-up job', () => {
  let lambda: LambdaClient;
  let repository: DynamoDbSubmissionRepository;

  beforeAll(() => {
    lambda = new LambdaClient({ region: local.stack.region, credentials: LOCAL_CREDENTIALS, endpoint: local.stack.endpoints.lambda });
    repository = new DynamoDbSubmissionRepository(local.db, local.stack.tables.intake);
  });
  afterAll(() => lambda?.destroy());

  /** As the schedule does: the template's function, invoked with the EventBridge event for `time`. */
  async function runJob(time: Date): Promise<{ cutoff: string; discarded: number }> {
    const functionName = local.stack.scheduledJobs.draftCleanup!;
    const event = scheduledEvent({ kind: 'rule', arn: `arn:aws:events:${local.stack.region}:000000000000:rule/DraftCleanup` }, time);
    const result = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(event) }));
    const body = JSON.parse(Buffer.from(result.Payload!).toString('utf8'));
    if (result.FunctionError) throw new Error(`draft clean-up failed: ${JSON.stringify(body)}`);
    return body;
  }

  /** A draft (or a submitted one) whose createdAt lies `hoursAgo` before `now`, written by the real adapter. */
  async function submissionCreated(hoursAgo: number, now: Date, status: Submission['status'] = 'AWAITING_UPLOAD'): Promise<string> {
    const submissionId = crypto.randomUUID();
    await repository.create(
      submissionRecord({
        submissionId,
        provider: { providerId: `provider-${submissionId}`, email: 'old@example.org', name: 'Old Draft' },
        status,
        createdAt: new Date(now.getTime() - hoursAgo * HOUR).toISOString(),
      }),
      [],
    );
    return submissionId;
  }

  it('is the template\'s draftCleanup job', () => {
    expect(local.stack.scheduledJobs.draftCleanup).toEqual(expect.stringContaining('DiscardAbandonedDrafts'));
  });

  it('discards a draft 25 hours old and keeps one 23 hours old, and a submitted one of any age', async () => {
    // Prepare
    const now = new Date(Math.floor((Date.now() + 30 * 24 * HOUR) / 1000) * 1000); // later than every other test's drafts; whole seconds, as events carry
    const old = await submissionCreated(25, now);
    const young = await submissionCreated(23, now);
    const submitted = await submissionCreated(48, now, 'VALIDATING');
    // Act
    const result = await runJob(now);
    // Assess
    expect(result.cutoff).toBe(new Date(now.getTime() - 24 * HOUR).toISOString());
    expect(await storedStatus(old)).toBe('DISCARDED');
    expect(await storedStatus(young)).toBe('AWAITING_UPLOAD');
    expect(await storedStatus(submitted)).toBe('VALIDATING');
    const events = await auditTypes(old);
    expect(events).toEqual([expect.objectContaining({ type: 'DRAFT_DISCARDED', actor: { type: 'system', id: 'draft-cleanup' }, details: expect.objectContaining({ reason: 'ABANDONED' }) })]);
    expect(await auditTypes(young)).toEqual([]);
  });

  it('takes "now" from the schedule: a draft she created through the API is kept at 23 hours and discarded at 25, once', async () => {
    // Prepare
    const draftId = await createDraft();
    const createdAt = Date.parse((await callApi(local.stack, 'GET', `/submissions/${draftId}`, local.tokens[EMILY]!)).body.createdAt);
    // Act
    await runJob(new Date(createdAt + 23 * HOUR));
    const after23 = await storedStatus(draftId);
    const [first, second] = await Promise.all([runJob(new Date(createdAt + 25 * HOUR)), runJob(new Date(createdAt + 25 * HOUR))]);
    await runJob(new Date(createdAt + 26 * HOUR));
    // Assess
    expect(after23).toBe('AWAITING_UPLOAD');
    expect(await storedStatus(draftId)).toBe('DISCARDED');
    expect(first!.discarded + second!.discarded).toBe(1);
    expect((await auditTypes(draftId)).filter((event) => event.type === 'DRAFT_DISCARDED')).toHaveLength(1);
    expect(await listIds(local.tokens[EMILY]!)).not.toContain(draftId);
  });

  it('racing her submit of the same draft, either discards it or lets it be submitted, never both: answers and audit agree', async () => {
    // Prepare: uploaded drafts, as she leaves them just before pressing Submit
    const drafts = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const { bytes, metadata } = cvDocument();
        const created = await callApi(local.stack, 'POST', '/submissions', local.tokens[EMILY]!, { documents: [metadata] });
        expect(await uploadFile(created.body.documents[0].upload, bytes, 'application/pdf')).toBe(204);
        const view = await callApi(local.stack, 'GET', `/submissions/${created.body.submissionId}`, local.tokens[EMILY]!);
        return { submissionId: created.body.submissionId as string, createdAt: Date.parse(view.body.createdAt) };
      }),
    );
    const latest = Math.max(...drafts.map((draft) => draft.createdAt));

    // Act: her submits (a double click) and two clean-up runs at the same moment
    const submits = drafts.map((draft) => Promise.all([1, 2].map(() => callApi(local.stack, 'POST', `/submissions/${draft.submissionId}/submit`, local.tokens[EMILY]!))));
    await Promise.all([runJob(new Date(latest + 25 * HOUR)), runJob(new Date(latest + 25 * HOUR)), ...submits]);
    const answers = await Promise.all(submits);

    // Assess
    for (const [index, draft] of drafts.entries()) {
      const final = await waitForStatus(local.stack, local.tokens[EMILY]!, draft.submissionId, (status) => status !== 'VALIDATING');
      const types = (await auditTypes(draft.submissionId)).map((event) => event.type);
      const statuses = answers[index]!.map((answer) => answer.status);
      if (final.body.status === 'DISCARDED') {
        expect(statuses).toEqual([409, 409]);
        expect(types.filter((type) => type === 'SUBMISSION_SUBMITTED' || type === 'DRAFT_DISCARDED')).toEqual(['DRAFT_DISCARDED']);
      } else {
        expect(final.body.status).toBe('RECEIVED');
        expect(statuses).toEqual([202, 202]);
        expect(types.filter((type) => type === 'SUBMISSION_SUBMITTED' || type === 'DRAFT_DISCARDED')).toEqual(['SUBMISSION_SUBMITTED']);
      }
    }
  });
});

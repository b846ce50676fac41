/**
 * Nothing stuck (issue 7, finding 2): S3 stops answering while a submission validates. The step
 * retries what is transient, then the workflow's failure path ends the attempt
 * PROCESSING_FAILED — audited, visible to the provider — and a re-drive (her submit, or the
 * scheduled reconciler, its template function invoked as the schedule does) runs a new attempt
 * that finishes exactly once: one reference, one email, one audit event per fact. The reconciler
 * also finishes what a crash left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptSubmission } from '../../src/use-cases/accept-submission.js';
import { submitSubmission } from '../../src/use-cases/submit-submission.js';
import { validateDocument } from '../../src/use-cases/validate-document.js';
import type { SubmissionRepository } from '../../src/ports/submission-repository.js';
import type { WorkflowStarter } from '../../src/ports/workflow-starter.js';
import { reconcileSubmissions } from '../../src/use-cases/reconcile-submissions.js';
import { callApi, mailbox, waitForStatus } from '../../testkit/local-api.js';
import { dyingWorkflow, ownerOf, realAdapters, referencesReservedFor, runReconciler as runReconcilerOf, storedSha256, uploadedCv, type Uploaded } from './support/intake.js';
import { EMILY, STAFF, useLocalRuntime } from './support/runtime.js';

const TASKS = ['ValidateDocument', 'AcceptSubmission', 'RejectSubmission', 'SendConfirmation', 'SendRejectionNotice', 'RecordReceived', 'RecordRejected', 'MarkProcessingFailed'];
// The definition's retries (4 attempts), without its waits of seconds.
const local = useLocalRuntime('processing-failure', { retryIntervalOverrides: Object.fromEntries(TASKS.map((state) => [state, [100, 200, 400]])) });
let adapters: ReturnType<typeof realAdapters>;
beforeAll(() => {
  adapters = realAdapters(local.stack);
});
afterAll(() => adapters?.destroy());

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

const runReconciler = (time: Date, id: string) => runReconcilerOf(local.stack, time, id);
const emily = () => local.tokens[EMILY]!;

async function auditTypes(submissionId: string) {
  const audit = await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, local.tokens[STAFF]!);
  expect(audit.status).toBe(200);
  return { types: (audit.body.events as { type: string }[]).map((e) => e.type), events: audit.body.events as { type: string; details: Record<string, unknown> }[], chainIntact: audit.body.chainIntact };
}

/** Submits while S3 is down and waits for the attempt to fail past its retries. */
async function failedWhileS3Down(uploaded: Uploaded) {
  await local.runtime.s3Outage.begin();
  try {
    const submitted = await callApi(local.stack, 'POST', `/submissions/${uploaded.submissionId}/submit`, emily());
    expect(submitted).toEqual({ status: 202, body: { submissionId: uploaded.submissionId, status: 'VALIDATING' } });
    const failed = await waitForStatus(local.stack, emily(), uploaded.submissionId, (status) => status !== 'VALIDATING');
    await local.runtime.workflowsIdle();
    return failed;
  } finally {
    await local.runtime.s3Outage.end();
  }
}

/** Exactly once: one reference reserved, one confirmation email, the stored bytes as uploaded. */
async function assertReceivedOnce(uploaded: Uploaded) {
  const final = await waitForStatus(local.stack, emily(), uploaded.submissionId, (status) => status !== 'VALIDATING');
  await local.runtime.workflowsIdle();
  expect(final.body.status).toBe('RECEIVED');
  expect(await referencesReservedFor(adapters.clients.db, local.stack, uploaded.submissionId)).toEqual([final.body.referenceNumber]);
  expect((await mailbox(local.stack)).filter((email) => email.subject.includes(final.body.referenceNumber))).toHaveLength(1);
  expect(await storedSha256(adapters.clients.s3, local.stack, uploaded)).toBe(uploaded.sha256);
  return final;
}

describe('a step that still fails after its retries', () => {
  it('ends the submission PROCESSING_FAILED, audited and visible; her submit re-drives it to RECEIVED exactly once', async () => {
    // Prepare
    const uploaded = await uploadedCv(local.stack, emily());

    // Act
    const failed = await failedWhileS3Down(uploaded);

    // Assess: what she sees, what staff see, nothing stored
    expect(failed.body).toMatchObject({ status: 'PROCESSING_FAILED', referenceNumber: null, documents: [{ status: 'VALIDATING', issues: [] }] });
    const afterFailure = await auditTypes(uploaded.submissionId);
    expect(afterFailure.types).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'PROCESSING_FAILED']);
    expect(afterFailure.events[2]!.details).toEqual({ attempt: 1, error: 'TransientFailure' });
    expect(afterFailure.chainIntact).toBe(true);
    expect(await storedSha256(adapters.clients.s3, local.stack, uploaded)).toBeNull();

    // Act: she presses submit again (twice: a double click)
    const redriven = await Promise.all([1, 2].map(() => callApi(local.stack, 'POST', `/submissions/${uploaded.submissionId}/submit`, emily())));

    // Assess
    for (const response of redriven) expect(response).toEqual({ status: 202, body: { submissionId: uploaded.submissionId, status: 'VALIDATING' } });
    await assertReceivedOnce(uploaded);
    const final = await auditTypes(uploaded.submissionId);
    expect(final.types).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'PROCESSING_FAILED', 'PROCESSING_RETRIED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
    expect(final.events[3]!.details).toEqual({ attempt: 2, previousStatus: 'PROCESSING_FAILED' });
    expect(final.chainIntact).toBe(true);
  });

  it('is re-driven by the reconciler once its back-off has passed, and only then', async () => {
    // Prepare
    const uploaded = await uploadedCv(local.stack, emily());
    expect((await failedWhileS3Down(uploaded)).body.status).toBe('PROCESSING_FAILED');

    // Act: a run right away, then one six minutes later
    const early = await runReconciler(new Date(), 'run-early');
    const late = await runReconciler(minutesFromNow(6), 'run-late');
    await assertReceivedOnce(uploaded);
    const again = await runReconciler(minutesFromNow(60), 'run-again');

    // Assess
    expect(early.actions.waiting).toContain(uploaded.submissionId);
    expect(late.actions.redriven).toContain(uploaded.submissionId);
    expect(Object.values(again.actions).flat()).not.toContain(uploaded.submissionId);
    const audit = await auditTypes(uploaded.submissionId);
    expect(audit.types).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'PROCESSING_FAILED', 'PROCESSING_RETRIED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
    expect(audit.events[3]).toMatchObject({ actor: { type: 'system', id: 'reconciler' }, requestId: 'run-late' });
  });
});

describe('the reconciler finishes what a crash left behind', () => {
  const caller = (uploaded: Uploaded) => ownerOf(uploaded, EMILY, 'Emily Johnson');
  /** The process dies right after this status change: the conditional update is written, nothing after it. */
  const diesAfter = (method: 'markSubmitted' | 'beginNextAttempt'): SubmissionRepository =>
    Object.assign(Object.create(adapters.repository) as SubmissionRepository, {
      [method]: async (...args: unknown[]) => {
        await (adapters.repository[method] as (...args: unknown[]) => Promise<unknown>)(...args);
        throw new Error(`killed after ${method}`);
      },
    });

  /** When staff's provider directory says Emily last submitted. */
  const listedAt = async () => ((await callApi(local.stack, 'GET', '/providers?q=emily', local.tokens[STAFF]!)).body.items as { lastSubmittedAt: string }[]).map((item) => item.lastSubmittedAt);

  it.each(['the reconciler', 'her next submit'] as const)('writes what a submit that died right after its status change owes (its audit event, once; the documents; her place in the staff directory) when %s starts it', async (healer) => {
    // Prepare: VALIDATING, but no audit event, documents still pending, no execution
    const uploaded = await uploadedCv(local.stack, emily());
    await expect(submitSubmission({ ...adapters, repository: diesAfter('markSubmitted') }, caller(uploaded), uploaded.submissionId)).rejects.toThrow('killed');
    const stopped = await callApi(local.stack, 'GET', `/submissions/${uploaded.submissionId}`, emily());
    expect(stopped.body).toMatchObject({ status: 'VALIDATING', documents: [{ status: 'PENDING_UPLOAD' }] });
    expect((await auditTypes(uploaded.submissionId)).types).toEqual(['SUBMISSION_CREATED']);
    expect(await listedAt()).not.toContain(stopped.body.submittedAt);

    // Act
    if (healer === 'the reconciler') expect((await runReconciler(minutesFromNow(3), `heal-${uploaded.submissionId}`)).actions.started).toContain(uploaded.submissionId);
    else expect((await callApi(local.stack, 'POST', `/submissions/${uploaded.submissionId}/submit`, emily())).status).toBe(202);

    // Assess
    await assertReceivedOnce(uploaded);
    const audit = await auditTypes(uploaded.submissionId);
    expect(audit.types).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
    expect(audit.events[1]).toMatchObject({ actor: { type: 'provider', id: uploaded.providerId }, occurredAt: stopped.body.submittedAt, details: { documentCount: 1 } });
    expect(audit.chainIntact).toBe(true);
    expect(await listedAt()).toEqual([stopped.body.submittedAt]);
  });

  it('writes the audit event a re-drive that died right after its status change owes, once, when the reconciler starts it', async () => {
    // Prepare: attempt 1 failed; her re-submit moves it to attempt 2 and dies there
    const uploaded = await uploadedCv(local.stack, emily());
    expect((await failedWhileS3Down(uploaded)).body.status).toBe('PROCESSING_FAILED');
    await expect(submitSubmission({ ...adapters, repository: diesAfter('beginNextAttempt') }, caller(uploaded), uploaded.submissionId)).rejects.toThrow('killed');
    expect((await auditTypes(uploaded.submissionId)).types).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'PROCESSING_FAILED']);

    // Act
    const run = await runReconciler(minutesFromNow(3), `heal-retry-${uploaded.submissionId}`);

    // Assess
    expect(run.actions.started).toContain(uploaded.submissionId);
    await assertReceivedOnce(uploaded);
    const audit = await auditTypes(uploaded.submissionId);
    expect(audit.types).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'PROCESSING_FAILED', 'PROCESSING_RETRIED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
    expect(audit.events[3]).toMatchObject({ actor: { type: 'system', id: 'reconciler' }, details: { attempt: 2, previousStatus: 'PROCESSING_FAILED' } });
  });


  it('writes the audit event a re-drive of a decided submission owes, once, when it died right after its status change', async () => {
    // Prepare: committed by hand (no email, no audit events); attempt 1's execution counts as ended, so the
    // reconciler re-drives it as attempt 2, and that call dies right after its status change
    const uploaded = await uploadedCv(local.stack, emily());
    await expect(submitSubmission({ ...adapters, workflow: dyingWorkflow }, caller(uploaded), uploaded.submissionId)).rejects.toThrow('killed');
    await validateDocument(adapters, uploaded.submissionId, uploaded.documentId);
    await acceptSubmission({ repository: adapters.repository, store: adapters.store, clock: adapters.clock, randomBytes: (n) => new Uint8Array(n).fill(9), reviewBusinessDays: 10, timeZone: 'America/New_York' }, uploaded.submissionId, 1);
    const attemptOneEnded: WorkflowStarter = { start: adapters.workflow.start.bind(adapters.workflow), status: async (name) => (name.endsWith('-1') ? 'SUCCEEDED' : adapters.workflow.status(name)) };
    const dying = { ...adapters, repository: diesAfter('beginNextAttempt'), workflow: attemptOneEnded };
    await expect(reconcileSubmissions(dying, minutesFromNow(10), 'run-dies')).rejects.toThrow('killed');

    // Act: the next run finds attempt 2 never started
    const run = await runReconciler(minutesFromNow(60), `run-after-${uploaded.submissionId}`);

    // Assess
    expect(run.actions.finishing).toContain(uploaded.submissionId);
    await assertReceivedOnce(uploaded);
    const audit = await auditTypes(uploaded.submissionId);
    expect(audit.types).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'PROCESSING_RETRIED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
    expect(audit.events[2]).toMatchObject({ actor: { type: 'system', id: 'reconciler' }, details: { attempt: 2, previousStatus: 'RECEIVED' } });
    expect(audit.chainIntact).toBe(true);
  });

  it('starts the workflow of a submission whose submit stopped before starting it', async () => {
    // Prepare
    const uploaded = await uploadedCv(local.stack, emily());
    await expect(submitSubmission({ ...adapters, workflow: dyingWorkflow }, caller(uploaded), uploaded.submissionId)).rejects.toThrow('killed');

    // Act
    const early = await runReconciler(new Date(), 'run-1');
    const late = await runReconciler(minutesFromNow(3), 'run-2');

    // Assess
    expect(early.actions.waiting).toContain(uploaded.submissionId);
    expect(late.actions.started).toContain(uploaded.submissionId);
    await assertReceivedOnce(uploaded);
    expect((await auditTypes(uploaded.submissionId)).types).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
  });

  it('sends the email and writes the audit events of a submission committed just before a crash', async () => {
    // Prepare: the steps up to the commit run, then the process dies (no email, no audit events)
    const uploaded = await uploadedCv(local.stack, emily());
    await expect(submitSubmission({ ...adapters, workflow: dyingWorkflow }, caller(uploaded), uploaded.submissionId)).rejects.toThrow('killed');
    await validateDocument(adapters, uploaded.submissionId, uploaded.documentId);
    const committed = await acceptSubmission({ repository: adapters.repository, store: adapters.store, clock: adapters.clock, randomBytes: (n) => new Uint8Array(n).fill(7), reviewBusinessDays: 10, timeZone: 'America/New_York' }, uploaded.submissionId, 1);

    // Act
    const run = await runReconciler(minutesFromNow(10), 'run-3');

    // Assess: the same reference, now announced once and audited once
    expect(run.actions.finishing).toContain(uploaded.submissionId);
    const final = await assertReceivedOnce(uploaded);
    expect(final.body.referenceNumber).toBe(committed.referenceNumber);
    expect((await auditTypes(uploaded.submissionId)).types).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
    const after = await runReconciler(minutesFromNow(30), 'run-4');
    expect(Object.values(after.actions).flat()).not.toContain(uploaded.submissionId);
  });
});

describe('two reconciler runs at once', () => {
  it('re-drive a PROCESSING_FAILED submission once: one attempt, one reference, one email, one audit event per fact', async () => {
    // Prepare
    const uploaded = await uploadedCv(local.stack, emily());
    expect((await failedWhileS3Down(uploaded)).body.status).toBe('PROCESSING_FAILED');

    // Act: two runs of the schedule overlapping (a slow run and the next one)
    const runs = await Promise.all([runReconciler(minutesFromNow(6), 'overlap-a'), runReconciler(minutesFromNow(6), 'overlap-b')]);
    await assertReceivedOnce(uploaded);

    // Assess
    expect(runs.some((run) => run.actions.redriven?.includes(uploaded.submissionId))).toBe(true);
    expect((await auditTypes(uploaded.submissionId)).types).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'PROCESSING_FAILED', 'PROCESSING_RETRIED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
  });

  it('finish a submission committed just before a crash once: one email, one audit event per fact', async () => {
    // Prepare
    const uploaded = await uploadedCv(local.stack, emily());
    await expect(submitSubmission({ ...adapters, workflow: dyingWorkflow }, ownerOf(uploaded, EMILY, 'Emily Johnson'), uploaded.submissionId)).rejects.toThrow('killed');
    await validateDocument(adapters, uploaded.submissionId, uploaded.documentId);
    await acceptSubmission({ repository: adapters.repository, store: adapters.store, clock: adapters.clock, randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)), reviewBusinessDays: 10, timeZone: 'America/New_York' }, uploaded.submissionId, 1);

    // Act
    await Promise.all([runReconciler(minutesFromNow(10), 'overlap-c'), runReconciler(minutesFromNow(10), 'overlap-d')]);

    // Assess
    await assertReceivedOnce(uploaded);
    expect((await auditTypes(uploaded.submissionId)).types).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
  });
});

describe('a request while a service it needs is down', () => {
  const request = (method: string, path: string, body?: unknown) =>
    fetch(`${local.stack.apiUrl}${path}`, { method, headers: { Authorization: `Bearer ${emily()}`, ...(body ? { 'Content-Type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After, writes nothing, and works once the service is back', async () => {
    // Prepare: her list as it is
    const before = (await callApi(local.stack, 'GET', '/submissions', emily())).body.items as { submissionId: string }[];
    const metadata = { documentType: 'CURRICULUM_VITAE', fileName: 'cv.pdf', contentType: 'application/pdf', sizeBytes: 2048, sha256: 'a'.repeat(64), issueDate: '2026-01-05', issuingAuthority: '' };

    // Act: DynamoDB refuses connections while she lists and creates
    await local.runtime.dynamodbOutage.begin();
    let listed: Response;
    let created: Response;
    try {
      listed = await request('GET', '/submissions');
      created = await request('POST', '/submissions', { documents: [metadata] });
    } finally {
      await local.runtime.dynamodbOutage.end();
    }

    // Assess: a status a client can retry on, when, and in words she can act on; nothing half-written
    for (const response of [listed, created]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(((await response.json()) as { error: unknown }).error).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'A service we depend on is briefly unavailable. Try again in a few seconds.', requestId: expect.any(String) });
    }
    expect((await callApi(local.stack, 'GET', '/submissions', emily())).body.items).toEqual(before);
    expect((await request('POST', '/submissions', { documents: [metadata] })).status).toBe(201);
  });
});

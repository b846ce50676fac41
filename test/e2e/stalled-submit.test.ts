/**
 * Her submit stopped right after it marked the submission VALIDATING, before the workflow started
 * (a crash, a timeout). Her submission page starts it again within a minute of her looking,
 * instead of leaving "Validating your documents…" on screen until the reconciler's next run.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoDbSubmissionRepository } from '../../src/adapters/dynamodb-submission-repository.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/provision.js';
import { makePdf, sha256Hex } from '../../testkit/files.js';
import { callApi, uploadFile } from '../../testkit/local-api.js';
import { pageErrors } from './support/browser.js';
import { leaveQueueAsFound } from './support/review.js';
import { apiSignIn, EMILY, mailbox, STAFF, until } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: EMILY });
const { stack } = session;
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
const made: string[] = [];
afterAll(async () => {
  for (const submissionId of made) await leaveQueueAsFound(stack, submissionId);
  db.destroy();
});

/** Her CV created and uploaded through the API, then only the submit's status change written: what a submit killed there leaves. */
async function submitStoppedBeforeTheWorkflow(token: string, stoppedSecondsAgo: number): Promise<string> {
  const pdf = makePdf({ pages: 1 });
  const created = await callApi(stack, 'POST', '/submissions', token, {
    documents: [{ documentType: 'CURRICULUM_VITAE', fileName: 'cv-stalled.pdf', contentType: 'application/pdf', sizeBytes: pdf.byteLength, sha256: sha256Hex(pdf), issueDate: '2026-10-01' }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const [document] = created.body.documents as { upload: { url: string; fields: Record<string, string> } }[];
  expect(await uploadFile(document!.upload, pdf, 'application/pdf')).toBe(204);
  const submissionId = created.body.submissionId as string;
  made.push(submissionId);
  const repository = new DynamoDbSubmissionRepository(db, stack.tables.intake);
  expect(await repository.markSubmitted(submissionId, new Date(Date.now() - stoppedSecondsAgo * 1000).toISOString())).toBe(true);
  return submissionId;
}

describe('a submission whose submit stopped before the workflow started', () => {
  it('is started by her submission page within a minute of her opening it, received once, with one email and one audit event per fact', async () => {
    // Prepare: VALIDATING for 40 s with nothing checking it (the reconciler waits for 2 minutes)
    const token = await apiSignIn(stack, EMILY);
    const submissionId = await submitStoppedBeforeTheWorkflow(token, 40);
    const stopped = await callApi(stack, 'GET', `/submissions/${submissionId}`, token);
    expect(stopped.body).toMatchObject({ status: 'VALIDATING', referenceNumber: null });

    // Act: she opens her submission
    await session.page.goto(`${stack.portalUrl}/submissions/${submissionId}`);
    await session.page.getByRole('heading', { level: 1, name: 'Validating your documents…' }).waitFor();

    // Assess: received, as she sees it, well before the reconciler could have acted
    await session.page.getByRole('heading', { level: 1, name: 'Documents received' }).waitFor({ timeout: 45_000 });
    const received = await callApi(stack, 'GET', `/submissions/${submissionId}`, token);
    expect(received.body.status).toBe('RECEIVED');
    const reference = received.body.referenceNumber as string;
    expect(await session.page.getByText(reference).first().isVisible()).toBe(true);
    const staff = await apiSignIn(stack, STAFF);
    // The workflow records its events after the status changes: read until the last one is there.
    const audit = await until(
      () => callApi(stack, 'GET', `/submissions/${submissionId}/audit`, staff),
      (read) => (read.body.events as { type: string }[]).some((event) => event.type === 'CONFIRMATION_EMAIL_SENT'),
    );
    expect((audit.body.events as { type: string }[]).map((event) => event.type)).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
    expect(audit.body.events[1]).toMatchObject({ occurredAt: stopped.body.submittedAt });
    expect(audit.body.chainIntact).toBe(true);
    const confirmations = await until(
      async () => (await mailbox(stack)).filter((email) => email.destination.to.includes(EMILY) && `${email.subject} ${email.body.text ?? ''}`.includes(reference)),
      (found) => found.length > 0,
    );
    expect(confirmations).toHaveLength(1);
    expect(pageErrors(session.page)).toEqual([]);
  });

  it('is started by her page once it is overdue when she opened it before: status polls that bring nothing new do not wait for it', async () => {
    // Prepare: VALIDATING for 20 s with nothing checking it (overdue 10 s after she opens it)
    const token = await apiSignIn(stack, EMILY);
    const submissionId = await submitStoppedBeforeTheWorkflow(token, 20);

    // Act: she opens her submission and keeps it open
    await session.page.goto(`${stack.portalUrl}/submissions/${submissionId}`);
    await session.page.getByRole('heading', { level: 1, name: 'Validating your documents…' }).waitFor();

    // Assess: received once validation is overdue (30 s after the submit), not at the reconciler's run
    await session.page.getByRole('heading', { level: 1, name: 'Documents received' }).waitFor({ timeout: 60_000 });
    const received = await callApi(stack, 'GET', `/submissions/${submissionId}`, token);
    expect(received.body.status).toBe('RECEIVED');
    expect(await session.page.getByText(received.body.referenceNumber as string).first().isVisible()).toBe(true);
    expect(pageErrors(session.page)).toEqual([]);
  });
});

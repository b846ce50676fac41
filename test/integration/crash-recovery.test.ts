/**
 * `kill -9` of the whole local runtime while twenty workflows run, then a start on the same data:
 * every started execution is run again to its end. Each submission ends RECEIVED with its
 * confirmation email and one audit event per fact, and the provider's list agrees with each item.
 *
 * Email is at least once: SES has no idempotency key, so a kill after SES accepted a message and
 * before the step recorded it sends that message again when the step re-runs (in AWS, a Lambda
 * dying at that moment does the same). So: a submission whose email was recorded just before the
 * kill gets no second one; any other gets the recorded one exactly once, plus at most the one the
 * kill cut. CRASH_TEST_ROUNDS / CRASH_TEST_SUBMISSIONS make a longer fault run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../local/local-aws.js';
import type { StackInfo } from '../../local/runtime.js';
import { makePdf, sha256Hex } from '../../testkit/files.js';
import { callApi, mailbox, signIn, uploadFile } from '../../testkit/local-api.js';
import { startChildRuntime, type ChildRuntime } from './support/child-runtime.js';

const ROUNDS = Number(process.env.CRASH_TEST_ROUNDS ?? 2);
const SUBMISSIONS = Number(process.env.CRASH_TEST_SUBMISSIONS ?? 20);
const EMILY = 'emily.johnson@example.org';
const dataDir = mkdtempSync(path.join(tmpdir(), 'crash-recovery-'));
let current: ChildRuntime | undefined;

afterAll(async () => {
  await current?.kill9();
  rmSync(dataDir, { recursive: true, force: true });
});

async function createUploaded(stack: StackInfo, token: string): Promise<string> {
  const pdf = makePdf({ pages: 1 });
  const created = await callApi(stack, 'POST', '/submissions', token, {
    documents: [{ documentType: 'CURRICULUM_VITAE', fileName: 'cv.pdf', contentType: 'application/pdf', sizeBytes: pdf.byteLength, sha256: sha256Hex(pdf), issueDate: '2026-10-01' }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(await uploadFile(created.body.documents[0].upload, pdf, 'application/pdf')).toBe(204);
  return created.body.submissionId as string;
}

/** Each submission's status and whether its confirmation is recorded, read from the table an instant before the kill. */
async function snapshot(stack: StackInfo, ids: string[]): Promise<{ status: string; emailRecorded: boolean }[]> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: stack.region, credentials: LOCAL_CREDENTIALS }));
  const items = await Promise.all(ids.map(async (id) => (await db.send(new GetCommand({ TableName: stack.tables.intake, Key: { pk: `SUBMISSION#${id}`, sk: '#SUBMISSION' } }))).Item));
  db.destroy();
  return items.map((item) => ({ status: String(item?.status), emailRecorded: Boolean(item?.emailsSent?.RECEIVED) }));
}

/** Waits until no execution of any state machine runs. */
async function workflowsFinished(stack: StackInfo): Promise<void> {
  const sfn = new SFNClient({ endpoint: stack.endpoints.stepfunctions, region: stack.region, credentials: LOCAL_CREDENTIALS });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const running = await Promise.all(Object.values(stack.stateMachines).map((stateMachineArn) => sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }))));
    if (running.every((page) => !page.executions?.length)) break;
    if (Date.now() > deadline) throw new Error('Workflows still running after 90 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  sfn.destroy();
}

async function listAll(stack: StackInfo, token: string, query: string): Promise<{ submissionId: string; status: string }[]> {
  const items: { submissionId: string; status: string }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callApi(stack, 'GET', `/submissions?limit=100${query}${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`, token);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    nextToken = page.body.nextToken;
  } while (nextToken);
  return items;
}

it(`finishes every started workflow after kill -9 (${ROUNDS} rounds of ${SUBMISSIONS} submissions)`, { timeout: 150_000 * ROUNDS }, async () => {
  for (let round = 1; round <= ROUNDS; round++) {
    // Prepare: submissions uploaded and submitted, their workflows running
    const started = Date.now();
    const progress = (step: string) => process.env.CRASH_TEST_VERBOSE && console.log(`round ${round} +${((Date.now() - started) / 1000).toFixed(1)} s: ${step}`);
    current = await startChildRuntime(dataDir);
    progress('started');
    let token = await signIn(current.stack, EMILY);
    const ids = await Promise.all(Array.from({ length: SUBMISSIONS }, () => createUploaded(current!.stack, token)));
    const submitted = await Promise.all(ids.map((id) => callApi(current!.stack, 'POST', `/submissions/${id}/submit`, token)));
    expect(submitted.map((response) => response.status)).toEqual(ids.map(() => 202));
    progress('submitted');

    // Act: kill everything once a random number of them has been received (so kills land in every step), start again
    const killWhenReceived = Math.floor(Math.random() * SUBMISSIONS);
    let atKill = await snapshot(current.stack, ids);
    for (const deadline = Date.now() + 60_000; atKill.filter((item) => item.status === 'RECEIVED').length < killWhenReceived && Date.now() < deadline; ) {
      atKill = await snapshot(current.stack, ids);
    }
    await current.kill9();
    progress(`killed (${atKill.filter((item) => item.status === 'RECEIVED').length} received)`);
    current = await startChildRuntime(dataDir);
    progress('restarted');
    const { stack } = current;
    token = await signIn(stack, EMILY);
    await workflowsFinished(stack);
    progress('workflows finished');

    // Assess
    const staff = await signIn(stack, 'credentialing@example.org');
    const items = await Promise.all(ids.map(async (id) => (await callApi(stack, 'GET', `/submissions/${id}`, token)).body));
    const mail = await mailbox(stack);
    const audits = await Promise.all(ids.map(async (id) => (await callApi(stack, 'GET', `/submissions/${id}/audit`, staff)).body));
    const listed = new Map((await listAll(stack, token, '')).map((item) => [item.submissionId, item.status]));
    const received = new Set((await listAll(stack, staff, '&status=RECEIVED')).map((item) => item.submissionId));
    const validating = new Set((await listAll(stack, staff, '&status=VALIDATING')).map((item) => item.submissionId));
    const statuses = atKill.map((item) => item.status);
    const summary = { round, atKill: { ...Object.fromEntries([...new Set(statuses)].map((status) => [status, statuses.filter((s) => s === status).length])), emailRecorded: atKill.filter((item) => item.emailRecorded).length } };

    expect(items.map((item) => item.status), JSON.stringify(summary)).toEqual(ids.map(() => 'RECEIVED'));
    let resent = 0;
    for (const [index, item] of items.entries()) {
      const emails = mail.filter((email) => email.subject.includes(item.referenceNumber));
      const events = audits[index].events as { type: string; details: Record<string, string> }[];
      const types = events.map((event) => event.type);
      const recorded = events.find((event) => event.type === 'CONFIRMATION_EMAIL_SENT')?.details.emailMessageId;
      expect(emails.filter((email) => email.messageId === recorded), `${item.submissionId} ${JSON.stringify(summary)}`).toHaveLength(1);
      expect(emails.length, `${item.submissionId} ${JSON.stringify(summary)}`).toBeLessThanOrEqual(atKill[index]!.emailRecorded ? 1 : 2);
      expect(emails.every((email) => email.destination.to.join() === EMILY)).toBe(true);
      resent += emails.length - 1;
      expect(types.filter((type: string) => type === 'SUBMISSION_SUBMITTED'), item.submissionId).toHaveLength(1);
      expect(types.filter((type: string) => type === 'SUBMISSION_RECEIVED'), item.submissionId).toHaveLength(1);
      expect(types.filter((type: string) => type === 'CONFIRMATION_EMAIL_SENT'), item.submissionId).toHaveLength(1);
      expect(audits[index].chainIntact).toBe(true);
      expect(listed.get(item.submissionId)).toBe(item.status);
      expect(received.has(item.submissionId) && !validating.has(item.submissionId)).toBe(true);
    }
    console.log(`crash round ${round}: at kill ${JSON.stringify(summary.atKill)}; after restart all ${SUBMISSIONS} RECEIVED with complete audit; confirmations sent again: ${resent}`);
    await current.kill9();
    current = undefined;
  }
});

/**
 * `npm start` keeps data under .data/: a second start on the same folder finds the same users,
 * submissions, files and audit trail, and resumes a workflow a stop interrupted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { makePdf, sha256Hex } from '../../testkit/files.js';
import { callApi, signIn, uploadFile, waitForStatus } from '../../testkit/local-api.js';
import { EMILY, STAFF, localClients } from './support/runtime.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'intake-restart-'));
let runtime: LocalRuntime | undefined;

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function createUploaded(rt: LocalRuntime, token: string) {
  const pdf = makePdf({ pages: 1 });
  const created = await callApi(rt.stack, 'POST', '/submissions', token, {
    documents: [{ documentType: 'CURRICULUM_VITAE', fileName: 'cv.pdf', contentType: 'application/pdf', sizeBytes: pdf.byteLength, sha256: sha256Hex(pdf), issueDate: '2026-10-01' }],
  });
  expect(await uploadFile(created.body.documents[0].upload, pdf, 'application/pdf')).toBe(204);
  return created.body.submissionId as string;
}

it('keeps users, submissions and the audit trail across a restart, and resumes an interrupted workflow', async () => {
  // Prepare: one received submission, and one stopped between "submitted" and its workflow
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true });
  let token = await signIn(runtime.stack, EMILY);
  const received = await createUploaded(runtime, token);
  await callApi(runtime.stack, 'POST', `/submissions/${received}/submit`, token);
  const before = await waitForStatus(runtime.stack, token, received, (s) => s !== 'VALIDATING');
  await runtime.workflowsIdle();
  const interrupted = await createUploaded(runtime, token);
  const { db, s3 } = localClients(runtime.stack);
  s3.destroy();
  // As if the process stopped right after the submit call's conditional transition.
  await db.send(new UpdateCommand({ TableName: runtime.stack.tables.intake, Key: { pk: `SUBMISSION#${interrupted}`, sk: '#SUBMISSION' }, UpdateExpression: 'SET #s = :v, gsiStatus = :v', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':v': 'VALIDATING' } }));
  db.destroy();
  const { userPoolId } = runtime.stack;
  await runtime.close();

  // Act
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true });
  token = await signIn(runtime.stack, EMILY);
  const after = await callApi(runtime.stack, 'GET', `/submissions/${received}`, token);
  const resumed = await waitForStatus(runtime.stack, token, interrupted, (s) => s !== 'VALIDATING');

  // Assess
  expect(before.body.status).toBe('RECEIVED');
  expect(runtime.stack.userPoolId).toBe(userPoolId);
  expect(after.body).toEqual(before.body);
  expect(resumed.body.status).toBe('RECEIVED');
  const audit = await callApi(runtime.stack, 'GET', `/submissions/${received}/audit`, await signIn(runtime.stack, STAFF));
  expect(audit.body).toMatchObject({ chainIntact: true, events: expect.arrayContaining([expect.objectContaining({ type: 'SUBMISSION_RECEIVED' })]) });
});

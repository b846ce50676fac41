/**
 * `npm start` keeps data under .data/: a second start on the same folder finds the same users,
 * submissions, files, audit trail and mail, and runs to their end the workflows a stop interrupted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws.js';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { makePdf, sha256Hex } from '../../testkit/files.js';
import { callApi, mailbox, signIn, uploadFile, waitForStatus } from '../../testkit/local-api.js';
import { EMILY, STAFF } from './support/runtime.js';

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

/** A raw MIME message with a calendar attachment, as SES v2 `Content.Raw` carries it. */
function rawMessage(invite: string): Uint8Array {
  const boundary = 'b1-restart-test';
  return new TextEncoder().encode(
    [
      'From: credentialing@example.org',
      `To: ${EMILY}`,
      'Subject: Your review meeting',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'The invitation is attached.',
      `--${boundary}`,
      'Content-Type: text/calendar; charset=UTF-8; method=REQUEST',
      'Content-Disposition: attachment; filename="review.ics"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(invite).toString('base64'),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}

it('keeps users, submissions, audit trail and mail across a stop, and finishes the workflows it interrupted', async () => {
  // Prepare: one received submission, a raw message with an attachment, and three workflows running at the stop
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  let token = await signIn(runtime.stack, EMILY);
  const received = await createUploaded(runtime, token);
  await callApi(runtime.stack, 'POST', `/submissions/${received}/submit`, token);
  await waitForStatus(runtime.stack, token, received, (s) => s !== 'VALIDATING');
  await runtime.workflowsIdle();
  // As the workflow left it: steps after the commit (the cross-check) add to the view after RECEIVED.
  const before = await callApi(runtime.stack, 'GET', `/submissions/${received}`, token);
  const invite = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Credentialing review\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
  const ses = new SESv2Client({ endpoint: runtime.stack.endpoints.ses, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const { MessageId: rawId } = await ses.send(new SendEmailCommand({ Content: { Raw: { Data: rawMessage(invite) } } }));
  ses.destroy();
  const mailBefore = await mailbox(runtime.stack);
  const { userPoolId } = runtime.stack;
  const interrupted = await Promise.all([1, 2, 3].map(() => createUploaded(runtime!, token)));
  const submitted = await Promise.all(interrupted.map((id) => callApi(runtime!.stack, 'POST', `/submissions/${id}/submit`, token)));
  const sfn = new SFNClient({ endpoint: runtime.stack.endpoints.stepfunctions, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const runningAtStop = (await Promise.all(Object.values(runtime.stack.stateMachines).map((stateMachineArn) => sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }))))).flatMap((page) => page.executions ?? []);
  sfn.destroy();

  // Act: stop while those workflows run, start again on the same folder
  await runtime.close();
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  token = await signIn(runtime.stack, EMILY);
  const after = await callApi(runtime.stack, 'GET', `/submissions/${received}`, token);
  const resumed = await Promise.all(interrupted.map((id) => waitForStatus(runtime!.stack, token, id, (s) => s !== 'VALIDATING')));
  await runtime.workflowsIdle();

  // Assess
  expect(submitted.map((response) => response.status)).toEqual([202, 202, 202]);
  expect(runningAtStop.length).toBeGreaterThan(0);
  expect(before.body.status).toBe('RECEIVED');
  expect(runtime.stack.userPoolId).toBe(userPoolId);
  expect(after.body).toEqual(before.body);
  const audit = await callApi(runtime.stack, 'GET', `/submissions/${received}/audit`, await signIn(runtime.stack, STAFF));
  expect(audit.body).toMatchObject({ chainIntact: true, events: expect.arrayContaining([expect.objectContaining({ type: 'SUBMISSION_RECEIVED' })]) });
  const mail = await mailbox(runtime.stack);
  expect(mail.map((m) => m.messageId)).toEqual(expect.arrayContaining(mailBefore.map((m) => m.messageId)));
  for (const response of resumed) {
    expect(response.body.status).toBe('RECEIVED');
    expect(mail.filter((m) => m.subject.includes(response.body.referenceNumber))).toHaveLength(1);
  }
  const raw = mail.find((m) => m.messageId === rawId) as unknown as { subject: string; body: { text: string }; attachments: { filename: string; contentType: string; content: string }[] };
  expect(raw.subject).toBe('Your review meeting');
  expect(raw.body.text.trim()).toBe('The invitation is attached.');
  expect(raw.attachments).toHaveLength(1);
  expect(raw.attachments[0]).toMatchObject({ filename: 'review.ics', contentType: 'text/calendar' });
  expect(Buffer.from(raw.attachments[0]!.content, 'base64').toString('utf8')).toBe(invite);
});

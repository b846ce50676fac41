/**
 * The intake flow end to end against the local runtime: real emulators, the synthesized
 * template's resources, state machine and handlers. Asserts what a provider, a reviewer and
 * an auditor would see.
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { REFERENCE_PATTERN } from '../../src/domain/reference-number.js';
import { makePng, sha256Hex } from '../../testkit/files.js';
import { createAndUpload as createAndUploadTo, fiveDocuments, type TestDocument } from '../../testkit/intake-documents.js';
import { callApi, mailbox, waitForStatus } from '../../testkit/local-api.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('intake-flow');

const createAndUpload = (token: string, documents: TestDocument[], uploadBytes?: Uint8Array[]) => createAndUploadTo(local.stack, token, documents, uploadBytes);

async function keysUnder(prefix: string): Promise<string[]> {
  const listed = await local.s3.send(new ListObjectsV2Command({ Bucket: local.stack.bucketName, Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => object.Key!);
}



describe('a provider submits five credentialing documents', () => {
  it('receives them: permanent copies, a reference number, an email, and an intact audit trail', async () => {
    // Prepare
    const documents = fiveDocuments();
    const { submissionId, documents: created } = await createAndUpload(local.tokens[EMILY]!, documents);

    // Act
    const submitted = await callApi(local.stack, 'POST', `/submissions/${submissionId}/submit`, local.tokens[EMILY]!);
    const during = await callApi(local.stack, 'GET', `/submissions/${submissionId}`, local.tokens[EMILY]!);
    const final = await waitForStatus(local.stack, local.tokens[EMILY]!, submissionId, (status) => status !== 'VALIDATING');
    await local.runtime.workflowsIdle(); // the email and audit steps run after the status flips

    // Assess: what the provider sees
    expect(submitted).toEqual({ status: 202, body: { submissionId, status: 'VALIDATING' } });
    expect(during.body.documents.map((d: { status: string }) => d.status)).not.toContain('PENDING_UPLOAD');
    expect(final.body.status).toBe('RECEIVED');
    expect(final.body.referenceNumber).toMatch(REFERENCE_PATTERN);
    expect(final.body.estimatedReviewCompletionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(final.body.documents.map((d: { documentType: string; status: string; issues: unknown[] }) => [d.documentType, d.status, d.issues.length])).toEqual(
      documents.map((d) => [d.metadata.documentType, 'PENDING_REVIEW', 0]),
    );
    const byReference = await callApi(local.stack, 'GET', `/submissions/by-reference/${final.body.referenceNumber.toLowerCase()}`, local.tokens[EMILY]!);
    expect(byReference.body.submissionId).toBe(submissionId);
    const list = await callApi(local.stack, 'GET', '/submissions', local.tokens[EMILY]!);
    expect(list.body.items[0]).toMatchObject({ submissionId, status: 'RECEIVED', documentCount: 5, referenceNumber: final.body.referenceNumber });

    // Assess: the stored bytes are exactly what was uploaded, under server-generated keys
    const providerId = (await local.db.send(new GetCommand({ TableName: local.stack.tables.intake, Key: { pk: `SUBMISSION#${submissionId}`, sk: '#SUBMISSION' } }))).Item!.provider.providerId;
    for (const [index, doc] of created.entries()) {
      const stored = await local.s3.send(new GetObjectCommand({ Bucket: local.stack.bucketName, Key: `documents/${providerId}/${submissionId}/${doc.documentId}` }));
      expect(sha256Hex(await stored.Body!.transformToByteArray())).toBe(documents[index]!.metadata.sha256);
    }
    const item = await local.db.send(new GetCommand({ TableName: local.stack.tables.intake, Key: { pk: `SUBMISSION#${submissionId}`, sk: '#SUBMISSION' } }));
    expect(item.Item).toMatchObject({ status: 'RECEIVED', gsiReference: final.body.referenceNumber, emailsSent: { RECEIVED: expect.any(String) } });

    // Assess: the confirmation email, signed with the office's details from the stack's parameters
    const reference = final.body.referenceNumber as string;
    const email = (await mailbox(local.stack)).find((e) => e.subject.includes(reference));
    expect(email?.destination.to).toEqual([EMILY]);
    expect(email?.subject).toBe(`We received your credentialing documents — ${reference}`);
    const text = email?.body.text ?? '';
    expect(text).toContain('Dear Emily Johnson,');
    expect(text).toContain(`Reference number: ${reference}`);
    const reviewBy = new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${final.body.estimatedReviewCompletionDate}T00:00:00Z`));
    expect(text).toContain(`Estimated review completion: ${reviewBy}`);
    expect(email?.body.html).toContain(reviewBy);
    expect(text.split('\n').filter((line) => line.startsWith('- '))).toEqual(['- Medical License (CA)', '- Board Certification', '- DEA Registration (CA)', '- Curriculum Vitae', '- Malpractice Insurance']);
    expect(text.split('\n').filter((line) => line.startsWith('  File: ')).map((line) => line.slice('  File: '.length))).toEqual(documents.map((d) => String(d.metadata.fileName)));
    expect(text).toContain(`Track your submission: ${local.stack.portalUrl}/submissions/${submissionId}`);
    expect(email?.body.html).toContain(`href="${local.stack.portalUrl}/submissions/${submissionId}"`);
    for (const part of [text, email?.body.html ?? '']) {
      expect(part).toContain('Riverside Medical Group');
      expect(part).toContain('credentialing@example.org');
      expect(part).toContain('+1 (555) 010-0123');
      for (const number of ['A123456', 'AB1234563', 'TDC-889-2231']) expect(part).not.toContain(number);
    }

    // Assess: the audit trail (staff only), in order, chained, without file content
    const audit = await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, local.tokens[STAFF]!);
    expect(audit.body.chainIntact).toBe(true);
    expect(audit.body.events.map((e: { type: string }) => e.type)).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
    expect(audit.body.events[0]).toMatchObject({ actor: { type: 'provider' }, sourceIp: expect.any(String), requestId: expect.any(String) });
    expect(JSON.stringify(audit.body)).not.toContain(String(documents[0]!.metadata.sha256));
    expect((await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, local.tokens[EMILY]!)).status).toBe(403);
  });

  it('rejects the whole submission when one file is not what it claims, and stores nothing', async () => {
    // Prepare: the license's bytes are a PNG, declared as a PDF
    const documents = fiveDocuments();
    const png = makePng(200, 100);
    documents[0] = { bytes: png, metadata: { ...documents[0]!.metadata, sizeBytes: png.byteLength, sha256: sha256Hex(png) } };
    const { submissionId } = await createAndUpload(local.tokens[EMILY]!, documents);

    // Act
    await callApi(local.stack, 'POST', `/submissions/${submissionId}/submit`, local.tokens[EMILY]!);
    const final = await waitForStatus(local.stack, local.tokens[EMILY]!, submissionId, (status) => status !== 'VALIDATING');
    await local.runtime.workflowsIdle();

    // Assess
    expect(final.body.status).toBe('REJECTED');
    expect(final.body.referenceNumber).toBeNull();
    const [license, ...others] = final.body.documents as { status: string; issues: { code: string; message: string }[] }[];
    expect(license!.status).toBe('INVALID');
    expect(license!.issues.map((i) => i.code)).toEqual(['FORMAT_MISMATCH']);
    expect(license!.issues[0]!.message).toMatch(/PNG/);
    expect(others.every((d) => d.status === 'PENDING_REVIEW' && d.issues.length === 0)).toBe(true);
    expect(await keysUnder('documents/')).not.toEqual(expect.arrayContaining([expect.stringContaining(submissionId)]));
    const audit = await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, local.tokens[STAFF]!);
    expect(audit.body.events.map((e: { type: string }) => e.type)).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_REJECTED', 'REJECTION_EMAIL_SENT']);
    const emails = (await mailbox(local.stack)).filter((e) => e.body.text?.includes(`/submissions/${submissionId}`));
    expect(emails.map((e) => e.subject)).toEqual(['Action needed: a credentialing document could not be accepted']);
    const [needs, kept] = emails[0]!.body.text!.split('Passed our checks');
    expect(needs).toContain('- Medical License (CA) [Replace]\n  File: ca-medical-license.pdf\n  Problem: ');
    expect(needs).toContain(license!.issues[0]!.message);
    expect(kept!.match(/\[Passed checks\]/g)).toHaveLength(4);
    expect(kept).toContain('They will be sent for review together with your replacement');
    expect(emails[0]!.body.html).toContain(`href="${local.stack.portalUrl}/submissions/${submissionId}"`);
  });

  it('starts one workflow however often she presses submit', async () => {
    // Prepare
    const { submissionId } = await createAndUpload(local.tokens[EMILY]!, fiveDocuments().slice(0, 1));

    // Act: a double click and a late retry
    const [first, second] = await Promise.all([1, 2].map(() => callApi(local.stack, 'POST', `/submissions/${submissionId}/submit`, local.tokens[EMILY]!)));
    const final = await waitForStatus(local.stack, local.tokens[EMILY]!, submissionId, (status) => status !== 'VALIDATING');
    const late = await callApi(local.stack, 'POST', `/submissions/${submissionId}/submit`, local.tokens[EMILY]!);
    await local.runtime.workflowsIdle();

    // Assess
    expect([first!.status, second!.status]).toEqual([202, 202]);
    expect(late.body).toEqual({ submissionId, status: 'RECEIVED' });
    const audit = await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, local.tokens[STAFF]!);
    expect(audit.body.events.filter((e: { type: string }) => e.type === 'SUBMISSION_SUBMITTED')).toHaveLength(1);
    expect(audit.body.events.filter((e: { type: string }) => e.type === 'SUBMISSION_RECEIVED')).toHaveLength(1);
    expect((await mailbox(local.stack)).filter((e) => e.subject.includes(final.body.referenceNumber))).toHaveLength(1);
  });
});

describe('access', () => {
  it('answers 404 to another provider for every route that names the submission', async () => {
    // Prepare
    const { submissionId } = await createAndUpload(local.tokens[EMILY]!, fiveDocuments().slice(1, 2));

    // Act
    const attempts = await Promise.all([
      callApi(local.stack, 'GET', `/submissions/${submissionId}`, local.tokens[MICHAEL]!),
      callApi(local.stack, 'POST', `/submissions/${submissionId}/submit`, local.tokens[MICHAEL]!),
    ]);
    const michaelsList = await callApi(local.stack, 'GET', '/submissions', local.tokens[MICHAEL]!);

    // Assess
    for (const attempt of attempts) expect(attempt).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'No submission with that id was found.' } } });
    expect(michaelsList.body.items.map((s: { submissionId: string }) => s.submissionId)).not.toContain(submissionId);
    // Not submitted yet: hers alone, staff too get 404 (docs/review.md)
    expect((await callApi(local.stack, 'GET', `/submissions/${submissionId}`, local.tokens[STAFF]!)).status).toBe(404);
    expect((await callApi(local.stack, 'GET', `/submissions/${submissionId}`, local.tokens[EMILY]!)).status).toBe(200);
  });

  it('answers 401 in the contract shape without a valid token', async () => {
    const noToken = await callApi(local.stack, 'GET', '/submissions', null);
    const forged = await callApi(local.stack, 'GET', '/submissions', `${local.tokens[EMILY]!.slice(0, -4)}AAAA`);
    for (const response of [noToken, forged]) expect(response).toEqual({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' } } });
  });

  it('refuses bad metadata with 400 naming each field, and writes nothing', async () => {
    const [license] = fiveDocuments();
    const response = await callApi(local.stack, 'POST', '/submissions', local.tokens[MICHAEL]!, {
      documents: [{ ...license!.metadata, expirationDate: '2020-01-01', details: { licenseNumber: 'A1', jurisdiction: 'XX' } }],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'documents.0.expirationDate', message: 'Expiration date must be after the issue date.' },
        { path: 'documents.0.details.jurisdiction', message: expect.stringContaining('US state') },
      ]),
    );
    expect((await callApi(local.stack, 'GET', '/submissions', local.tokens[MICHAEL]!)).body.items).toEqual([]);
  });
});

describe('the portal', () => {
  it('gets the office name and contact details the emails show, from the stack parameters', async () => {
    // Act
    const config = (await (await fetch(`${local.stack.portalUrl}/config.json`)).json()) as Record<string, string>;
    // Assess
    expect(config).toMatchObject({
      organizationName: 'Riverside Medical Group',
      officeName: 'Credentialing Office',
      contactEmail: 'credentialing@example.org',
      contactPhone: '+1 (555) 010-0123',
    });
  });
});

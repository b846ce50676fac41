/**
 * Her Wi-Fi drops after her create reached the API but before its answer came back, and the portal
 * sends it again: with the same `clientToken` it answers the same draft (fresh upload links), never
 * a second one — however many times it is sent, at once or after a create that stopped half-way.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoDbCreateRequests } from '../../src/adapters/dynamodb-create-requests.js';
import { DynamoDbDocumentVersions } from '../../src/adapters/dynamodb-document-versions.js';
import { DEFAULT_OFFICE_TIME_ZONE } from '../../src/contract/office.js';
import { AUDIT_INDEXES } from '../../src/contract/tables.js';
import type { Caller } from '../../src/domain/caller.js';
import type { Submission, SubmissionDocument } from '../../src/domain/submission.js';
import type { AuditLog } from '../../src/ports/audit-log.js';
import type { SubmissionRepository } from '../../src/ports/submission-repository.js';
import { createSubmission, type CreateSubmissionDeps } from '../../src/use-cases/create-submission.js';
import { makePdf, makePng } from '../../testkit/files.js';
import { testDocument, type TestDocument } from '../../testkit/intake-documents.js';
import { callApi, mailbox, uploadFile, waitForStatus } from '../../testkit/local-api.js';
import { realAdapters } from './support/intake.js';
import { EMILY, MICHAEL, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('repeated-create');

interface Created {
  submissionId: string;
  documents: { documentId: string; documentType: string; upload: { url: string; fields: Record<string, string>; expiresAt: string } }[];
}

const cv = (name = 'cv.pdf') => testDocument('CURRICULUM_VITAE', name, 'application/pdf', makePdf({ pages: 1 }), { issueDate: '2026-01-05' });
const board = () => testDocument('BOARD_CERTIFICATION', 'board.png', 'image/png', makePng(320, 200), { issueDate: '2018-06-01', issuingAuthority: 'American Board of Internal Medicine', details: { specialty: 'Internal Medicine' } });

const create = (user: string, documents: TestDocument[], clientToken: unknown) =>
  callApi(local.stack, 'POST', '/submissions', local.tokens[user]!, { documents: documents.map((doc) => doc.metadata), clientToken });
const listIds = async (user: string) => ((await callApi(local.stack, 'GET', '/submissions?limit=100', local.tokens[user]!)).body.items as { submissionId: string }[]).map((item) => item.submissionId).sort();
const userIdOf = (user: string) => JSON.parse(Buffer.from(local.tokens[user]!.split('.')[1]!, 'base64url').toString()).sub as string;
const ids = (created: Created) => ({ submissionId: created.submissionId, documentIds: created.documents.map((doc) => doc.documentId) });
const auditTypes = async (submissionId: string) => {
  const adapters = realAdapters(local.stack);
  try {
    return (await adapters.audit.list(submissionId)).map((event) => event.type);
  } finally {
    adapters.destroy();
  }
};
/** Her refused requests' audit details, as staff find them (the refusals-by-user index). */
const refusalsOf = async (user: string) => {
  const { partitionKey, name } = AUDIT_INDEXES.refusalsByUser;
  const query = { TableName: local.stack.tables.audit, IndexName: name, KeyConditionExpression: '#user = :user', ExpressionAttributeNames: { '#user': partitionKey }, ExpressionAttributeValues: { ':user': userIdOf(user) } };
  return ((await local.db.send(new QueryCommand(query))).Items ?? []).map((item) => item.details as { code: string; fields: string[] });
};
const claimOf = async (user: string, clientToken: string) =>
  (await local.db.send(new GetCommand({ TableName: local.stack.tables.intake, Key: { pk: `CREATE#${userIdOf(user)}#${clientToken}`, sk: '#CREATE' } }))).Item;

async function uploadAndSubmit(user: string, created: Created, documents: TestDocument[]): Promise<string> {
  for (const [index, doc] of created.documents.entries()) expect(await uploadFile(doc.upload, documents[index]!.bytes, String(documents[index]!.metadata.contentType))).toBe(204);
  expect((await callApi(local.stack, 'POST', `/submissions/${created.submissionId}/submit`, local.tokens[user]!)).status).toBe(202);
  const final = await waitForStatus(local.stack, local.tokens[user]!, created.submissionId, (status) => status !== 'VALIDATING');
  expect(final.body.status).toBe('RECEIVED');
  await local.runtime.workflowsIdle();
  return final.body.referenceNumber as string;
}

describe('POST /submissions sent again with the same clientToken', () => {
  it('answers the same draft with fresh links that upload; submitted, it is received once, created once, confirmed once', async () => {
    // Prepare
    const documents = [cv(), board()];
    const token = randomUUID();
    const before = await listIds(EMILY);

    // Act
    const first = await create(EMILY, documents, token);
    const again = await create(EMILY, documents, token);
    const reference = await uploadAndSubmit(EMILY, again.body, documents);

    // Assess
    expect([first.status, again.status], JSON.stringify(again.body)).toEqual([201, 201]);
    expect(ids(again.body)).toEqual(ids(first.body));
    expect(again.body.documents.map((doc: Created['documents'][number]) => doc.upload.fields.key)).toEqual(first.body.documents.map((doc: Created['documents'][number]) => doc.upload.fields.key));
    expect(await listIds(EMILY)).toEqual([...before, first.body.submissionId].sort());
    expect((await auditTypes(first.body.submissionId)).filter((type) => type === 'SUBMISSION_CREATED')).toEqual(['SUBMISSION_CREATED']);
    const confirmations = (await mailbox(local.stack)).filter((email) => email.destination.to.includes(EMILY) && email.subject.includes(reference));
    expect(confirmations.map((email) => email.subject)).toEqual([`We received your credentialing documents — ${reference}`]);
  });

  it('sent twenty times at once makes one draft in her list, audited once', async () => {
    // Prepare
    const documents = [cv('cv-at-once.pdf')];
    const token = randomUUID();
    const before = await listIds(EMILY);

    // Act
    const answers = await Promise.all(Array.from({ length: 20 }, () => create(EMILY, documents, token)));

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    const made = new Set(answers.map((answer) => JSON.stringify(ids(answer.body))));
    expect(made.size).toBe(1);
    const { submissionId } = answers[0]!.body as Created;
    expect(await listIds(EMILY)).toEqual([...before, submissionId].sort());
    expect(await auditTypes(submissionId)).toEqual(['SUBMISSION_CREATED']);
  });

  it("with other documents answers 409 naming clientToken and writes nothing but the refusal's audit event", async () => {
    // Prepare
    const token = randomUUID();
    const first = await create(EMILY, [cv('first.pdf')], token);
    const claim = await claimOf(EMILY, token);
    const before = await listIds(EMILY);
    const refusals = await refusalsOf(EMILY);

    // Act
    const other = await create(EMILY, [cv('other.pdf')], token);

    // Assess
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({
      code: 'CONFLICT',
      details: [{ path: 'clientToken', message: 'This clientToken was already used for other documents. Use a new clientToken for different documents.' }],
    });
    expect(await listIds(EMILY)).toEqual(before);
    expect(await claimOf(EMILY, token)).toEqual(claim);
    expect(await refusalsOf(EMILY)).toEqual([...refusals, { code: 'CONFLICT', fields: ['clientToken'] }]);
    expect((await callApi(local.stack, 'GET', `/submissions/${first.body.submissionId}`, local.tokens[EMILY]!)).body.documents.map((doc: { fileName: string }) => doc.fileName)).toEqual(['first.pdf']);
  });

  it('answers 409 naming clientToken once its draft was submitted or discarded', async () => {
    // Prepare
    const [submittedToken, discardedToken] = [randomUUID(), randomUUID()];
    const documents = [cv('sent.pdf')];
    const submitted = await create(EMILY, documents, submittedToken);
    const reference = await uploadAndSubmit(EMILY, submitted.body, documents);
    const discarded = await create(EMILY, documents, discardedToken);
    expect((await callApi(local.stack, 'POST', `/submissions/${discarded.body.submissionId}/discard`, local.tokens[EMILY]!)).status).toBe(200);

    // Act
    const [afterSubmit, afterDiscard] = [await create(EMILY, documents, submittedToken), await create(EMILY, documents, discardedToken)];

    // Assess
    expect([afterSubmit.status, afterDiscard.status]).toEqual([409, 409]);
    expect(afterSubmit.body.error.details).toEqual([
      { path: 'clientToken', message: `This clientToken already made submission ${submitted.body.submissionId}, which was already submitted as ${reference}. Use a new clientToken to send documents again.` },
    ]);
    expect(afterDiscard.body.error.details).toEqual([
      { path: 'clientToken', message: `This clientToken already made submission ${discarded.body.submissionId}, which was discarded. Use a new clientToken to send documents again.` },
    ]);
  });

  it("from another provider makes her own submission: the token is each provider's own", async () => {
    // Prepare
    const token = randomUUID();
    const emily = await create(EMILY, [cv('emily.pdf')], token);

    // Act
    const michael = await create(MICHAEL, [cv('michael.pdf')], token);

    // Assess
    expect([emily.status, michael.status]).toEqual([201, 201]);
    expect(michael.body.submissionId).not.toBe(emily.body.submissionId);
    expect(await listIds(MICHAEL)).toContain(michael.body.submissionId);
    expect(await listIds(MICHAEL)).not.toContain(emily.body.submissionId);
    expect((await callApi(local.stack, 'GET', `/submissions/${emily.body.submissionId}`, local.tokens[EMILY]!)).body.documents[0].fileName).toBe('emily.pdf');
  });

  it('answers 400 naming clientToken when it is not 16 to 64 letters, digits, hyphens or underscores', async () => {
    // Prepare
    const message = 'Send clientToken as 16 to 64 letters, digits, hyphens or underscores (a UUID fits), or leave it out.';
    const before = await listIds(EMILY);

    // Act
    const answers = await Promise.all(['too-short', 'x'.repeat(65), 'has spaces in it, sixteen+', 1234567890123456].map((token) => create(EMILY, [cv()], token)));

    // Assess
    for (const answer of answers) expect(answer).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', details: [{ path: 'clientToken', message }] } } });
    expect(await listIds(EMILY)).toEqual(before);
  });
});

describe('a create with a clientToken that stopped half-way', () => {
  const emily = (requestId: string): Caller => ({ userId: userIdOf(EMILY), email: EMILY, name: 'Emily Johnson', role: 'provider', requestId, sourceIp: null });

  const opened: ReturnType<typeof realAdapters>[] = [];
  afterAll(() => opened.forEach((adapters) => adapters.destroy()));

  /** The create function's use case on the real adapters, with a fault injected where the test says. */
  function createDeps(faults: { repository?: Partial<SubmissionRepository>; audit?: Partial<AuditLog> }): CreateSubmissionDeps {
    const adapters = realAdapters(local.stack);
    opened.push(adapters);
    return {
      repository: Object.assign(Object.create(adapters.repository) as SubmissionRepository, faults.repository),
      createRequests: new DynamoDbCreateRequests(adapters.clients.db, local.stack.tables.intake),
      store: adapters.store,
      audit: Object.assign(Object.create(adapters.audit) as AuditLog, faults.audit),
      versions: new DynamoDbDocumentVersions(adapters.clients.db, local.stack.tables.intake),
      clock: adapters.clock,
      newId: randomUUID,
      timeZone: DEFAULT_OFFICE_TIME_ZONE,
      refusalNotAudited: () => undefined,
    };
  }

  it('right after its claim, is finished by the retry: the claimed draft, complete, audited once', async () => {
    // Prepare: the process dies once the token is claimed, before any document or the submission is written
    const documents = [cv('stopped.pdf'), board()];
    const token = randomUUID();
    let claimed: Submission | undefined;
    const dying = createDeps({
      repository: {
        createIfAbsent: async (submission: Submission) => {
          claimed = submission;
          throw new Error('killed after the claim');
        },
      },
    });
    await expect(createSubmission(dying, emily('dies-after-claim'), () => ({ documents: documents.map((doc) => doc.metadata), clientToken: token }))).rejects.toThrow('killed after the claim');
    const before = await listIds(EMILY);

    // Act
    const retried = await create(EMILY, documents, token);

    // Assess
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(ids(retried.body)).toEqual({ submissionId: claimed!.submissionId, documentIds: claimed!.documentIds });
    expect(await listIds(EMILY)).toEqual([...before, claimed!.submissionId].sort());
    const stored = await callApi(local.stack, 'GET', `/submissions/${claimed!.submissionId}`, local.tokens[EMILY]!);
    expect(stored.body).toMatchObject({ status: 'AWAITING_UPLOAD', createdAt: claimed!.createdAt });
    expect(stored.body.documents.map((doc: SubmissionDocument) => [doc.documentId, doc.fileName, doc.status])).toEqual([
      [claimed!.documentIds[0], 'stopped.pdf', 'PENDING_UPLOAD'],
      [claimed!.documentIds[1], 'board.png', 'PENDING_UPLOAD'],
    ]);
    expect(await auditTypes(claimed!.submissionId)).toEqual(['SUBMISSION_CREATED']);
    await uploadAndSubmit(EMILY, retried.body, documents);
  });

  it('after writing its draft but before auditing it, is audited once by the retry', async () => {
    // Prepare: the draft is written; the process dies before SUBMISSION_CREATED is recorded
    const documents = [cv('unaudited.pdf')];
    const token = randomUUID();
    const dying = createDeps({
      audit: {
        record: async () => {
          throw new Error('killed before the audit');
        },
      },
    });
    await expect(createSubmission(dying, emily('dies-before-audit'), () => ({ documents: documents.map((doc) => doc.metadata), clientToken: token }))).rejects.toThrow('killed before the audit');
    const { submissionId } = (await claimOf(EMILY, token))!;
    expect(await auditTypes(submissionId)).toEqual([]);

    // Act
    const retried = await create(EMILY, documents, token);

    // Assess
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.body.submissionId).toBe(submissionId);
    expect(await auditTypes(submissionId)).toEqual(['SUBMISSION_CREATED']);
  });
});

/**
 * One credential sent twice by submissions made before either was received (drafts of the same DEA
 * registration, submitted one after another or at once): it stays one credential, reminded once.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/provision.js';
import { DynamoDbAuditLog } from '../../src/adapters/dynamodb-audit-log.js';
import { DynamoDbDocumentVersions } from '../../src/adapters/dynamodb-document-versions.js';
import { DynamoDbSubmissionRepository } from '../../src/adapters/dynamodb-submission-repository.js';
import { S3AuditAnchors } from '../../src/adapters/s3-audit-anchors.js';
import { systemClock } from '../../src/adapters/system-clock.js';
import { recordCredentials, type RecordCredentialsDeps } from '../../src/use-cases/record-credentials.js';
import { runExpiryReminders } from '../../testkit/expiry-jobs.js';
import { callApi, uploadFile, waitForStatus } from '../../testkit/local-api.js';
import { expiryTestActions, written } from './support/expiry.js';
import { reviewCalls } from './support/review.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';
import { daysFromToday, dea, license, type TestDocument } from './support/submissions.js';

const local = useLocalRuntime('sent-twice');
const { newMail, auditOf } = expiryTestActions(local);
const { review, complete } = reviewCalls(local);
const get = (path: string, user: string) => callApi(local.stack, 'GET', path, local.tokens[user]!);

interface Version {
  documentId: string;
  submissionId: string;
  status: string;
  receivedAt: string | null;
}

/** Drafts made and uploaded one after another, none submitted yet. */
async function drafts(user: string, documents: TestDocument[]): Promise<{ submissionId: string; documentId: string }[]> {
  const made: { submissionId: string; documentId: string }[] = [];
  for (const doc of documents) {
    const created = await callApi(local.stack, 'POST', '/submissions', local.tokens[user]!, { documents: [doc.metadata] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await uploadFile(created.body.documents[0].upload, doc.bytes, 'application/pdf')).toBe(204);
    made.push({ submissionId: created.body.submissionId, documentId: created.body.documents[0].documentId });
  }
  return made;
}

async function submitAll(user: string, made: { submissionId: string }[]): Promise<void> {
  const answers = await Promise.all(made.map(({ submissionId }) => callApi(local.stack, 'POST', `/submissions/${submissionId}/submit`, local.tokens[user]!)));
  expect(answers.map((answer) => answer.status)).toEqual(made.map(() => 202));
  for (const { submissionId } of made) expect((await waitForStatus(local.stack, local.tokens[user]!, submissionId, (status) => status !== 'VALIDATING')).body.status).toBe('RECEIVED');
  await local.runtime.workflowsIdle();
}

const credentialsOf = async (user: string, documentType: string) =>
  ((await get('/credentials', user)).body.credentials as { credentialId: string; documentType: string; current: Version; versions: Version[] }[]).filter((c) => c.documentType === documentType);

const supersededEvents = async (submissionId: string) => (await auditOf(submissionId)).events.filter((event) => event.type === 'DOCUMENT_SUPERSEDED');

/** Real adapters against the emulators, as the step's handler wires them. */
function stepDeps(): RecordCredentialsDeps {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: local.stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }), { marshallOptions: { removeUndefinedValues: true } });
  return {
    repository: new DynamoDbSubmissionRepository(db, local.stack.tables.intake),
    versions: new DynamoDbDocumentVersions(db, local.stack.tables.intake),
    audit: new DynamoDbAuditLog(db, local.stack.tables.audit, new S3AuditAnchors(local.s3, local.stack.auditAnchorBucketName)),
    clock: systemClock,
  };
}

describe('four drafts of one DEA registration, made before any was received and submitted at once', () => {
  let made: { submissionId: string; documentId: string }[];

  it('are one credential: the version received last is current, each other one superseded once', async () => {
    // Prepare: the registration expires in 20 days, so its 30-day reminder is due today
    made = await drafts(EMILY, [1, 2, 3, 4].map((n) => dea(daysFromToday(20), { fileName: `dea-${n}.pdf` })));

    // Act
    await submitAll(EMILY, made);

    // Assess: one DEA registration in My credentials, with the four versions
    const [registration, ...others] = await credentialsOf(EMILY, 'DEA_REGISTRATION');
    expect(others).toEqual([]);
    expect(registration!.versions.map((v) => v.documentId).sort()).toEqual(made.map((d) => d.documentId).sort());
    const inForce = registration!.versions.filter((v) => v.status !== 'SUPERSEDED');
    expect(inForce.map((v) => v.documentId)).toEqual([registration!.current.documentId]);
    const lastReceived = [...registration!.versions].sort((a, b) => b.receivedAt!.localeCompare(a.receivedAt!) || b.documentId.localeCompare(a.documentId))[0]!;
    expect(registration!.current.documentId).toBe(lastReceived.documentId);

    // Assess: one DOCUMENT_SUPERSEDED on each superseded version's trail, none on the current one's
    for (const draft of made) {
      const events = await supersededEvents(draft.submissionId);
      expect(events.map((event) => event.details.documentId)).toEqual(draft.documentId === lastReceived.documentId ? [] : [draft.documentId]);
    }

    // Assess: every version's history is that one credential, for her and for staff
    for (const { documentId } of made) {
      const history = await get(`/documents/${documentId}/history`, STAFF);
      expect(history.body.credential).toMatchObject({ credentialId: registration!.credentialId, current: { documentId: lastReceived.documentId } });
      expect(history.body.credential.versions).toHaveLength(4);
    }
  });

  it('is on the staff expiring list once, and the daily job sends her one reminder, not four', async () => {
    // Act
    const expiring = await get('/credentials/expiring?days=30&limit=100', STAFF);
    const mail = await newMail(() => runExpiryReminders(local.stack, daysFromToday(0)));

    // Assess
    const listed = (expiring.body.items as { document: { documentId: string; documentType: string } }[]).filter((item) => made.some((d) => d.documentId === item.document.documentId));
    expect(listed).toHaveLength(1);
    expect(mail.filter((email) => email.destination.to[0] === EMILY).map((email) => email.subject)).toEqual([`Reminder: your DEA Registration (CA) expires in 20 days — ${written(daysFromToday(20))}`]);
  });

  it('stays so when the credentials step of all four runs again, fifty times at once', async () => {
    // Prepare
    const deps = stepDeps();
    const before = await credentialsOf(EMILY, 'DEA_REGISTRATION');

    // Act
    await Promise.all(Array.from({ length: 50 }, (_, run) => recordCredentials(deps, made[run % made.length]!.submissionId, `again-${run}`)));

    // Assess
    expect(await credentialsOf(EMILY, 'DEA_REGISTRATION')).toEqual(before);
    for (const draft of made) expect((await supersededEvents(draft.submissionId)).length).toBeLessThanOrEqual(1);
  });
});

describe('drafts of one credential whose credentials steps race', () => {
  it('leave exactly one version in force, whichever step records first', async () => {
    // Prepare: two drafts of Michael's NY license, submitted together
    const ny = { issuingAuthority: 'New York State Education Department', details: { licenseNumber: '301122', jurisdiction: 'NY' } };
    const made = await drafts(MICHAEL, [license(daysFromToday(400), { ...ny, fileName: 'ny-a.pdf' }), license(daysFromToday(400), { ...ny, fileName: 'ny-b.pdf' })]);

    // Act
    await submitAll(MICHAEL, made);
    const deps = stepDeps();
    await Promise.all(made.flatMap(({ submissionId }) => Array.from({ length: 10 }, (_, run) => recordCredentials(deps, submissionId, `race-${run}`))));

    // Assess
    const licenses = (await credentialsOf(MICHAEL, 'MEDICAL_LICENSE')).filter((c) => made.some((d) => d.documentId === c.current.documentId || c.versions.some((v) => v.documentId === d.documentId)));
    expect(licenses).toHaveLength(1);
    expect(licenses[0]!.versions.filter((v) => v.status !== 'SUPERSEDED')).toHaveLength(1);
    const events = (await Promise.all(made.map((d) => supersededEvents(d.submissionId)))).flat();
    expect(events).toHaveLength(1);
  });
});

describe('the version received last, rejected in review, of a credential sent twice', () => {
  it('gives the verified version it superseded its place back: current, on the expiring list, audited once', async () => {
    // Prepare: two drafts of one license; the first received and verified, then the second received (superseding it)
    const ca = { details: { licenseNumber: 'ST-700800', jurisdiction: 'CA' } };
    const [first, second] = await drafts(EMILY, [license(daysFromToday(60), { ...ca, fileName: 'license.pdf' }), license(daysFromToday(60), { ...ca, fileName: 'license-photo.pdf' })]);
    await submitAll(EMILY, [first!]);
    expect((await review(first!.documentId, { decision: 'VERIFIED' })).status).toBe(200);
    expect((await complete(first!.submissionId)).status).toBe(200);
    await local.runtime.workflowsIdle();
    await submitAll(EMILY, [second!]);
    expect((await get(`/submissions/${first!.submissionId}`, EMILY)).body.documents[0]).toMatchObject({ status: 'SUPERSEDED', supersededBy: { documentId: second!.documentId } });

    // Act
    expect((await review(second!.documentId, { decision: 'REJECTED', reasonCode: 'ILLEGIBLE', reason: 'The photo of the license is too blurred to read.' })).status).toBe(200);
    expect((await complete(second!.submissionId)).status).toBe(200);
    await local.runtime.workflowsIdle();

    // Assess
    const licenses = (await credentialsOf(EMILY, 'MEDICAL_LICENSE')).filter((c) => c.versions.some((v) => v.documentId === first!.documentId));
    expect(licenses.map((c) => [c.current.documentId, c.current.status, c.versions.map((v) => [v.documentId, v.status])])).toEqual([
      [first!.documentId, 'VERIFIED', [[second!.documentId, 'REJECTED'], [first!.documentId, 'VERIFIED']]],
    ]);
    const expiring = (await get('/credentials/expiring?days=90&limit=100', STAFF)).body.items as { document: { documentId: string } }[];
    expect(expiring.map((item) => item.document.documentId)).toContain(first!.documentId);
    expect((await auditOf(first!.submissionId)).events.filter((event) => event.type === 'DOCUMENT_REINSTATED')).toHaveLength(1);
  });
});

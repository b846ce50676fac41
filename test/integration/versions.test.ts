/**
 * Replacements and versions against the local runtime: what a renewal, a replacement of a
 * refused file and every bad `replacesDocumentId` do, as the provider and staff see it, and that
 * the step which supersedes is safe to run again (retries, fifty at once, a crash half-way).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/provision.js';
import { S3AuditAnchors } from '../../src/adapters/s3-audit-anchors.js';
import { DynamoDbAuditLog } from '../../src/adapters/dynamodb-audit-log.js';
import { DynamoDbDocumentVersions } from '../../src/adapters/dynamodb-document-versions.js';
import { DynamoDbSubmissionRepository } from '../../src/adapters/dynamodb-submission-repository.js';
import { systemClock } from '../../src/adapters/system-clock.js';
import type { DocumentVersions } from '../../src/ports/document-versions.js';
import { recordCredentials, type RecordCredentialsDeps } from '../../src/use-cases/record-credentials.js';
import { callApi, uploadFile, waitForStatus } from '../../testkit/local-api.js';
import { replacementSteps } from './support/replacements.js';
import { reviewCalls } from './support/review.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';
import { cv, daysFromToday, dea, disguised, license, submit, type Submitted } from './support/submissions.js';

const local = useLocalRuntime('versions');
const { replacementNotYetRecorded } = replacementSteps(local);
const get = (path: string, user = EMILY) => callApi(local.stack, 'GET', path, local.tokens[user]!);

async function submitted(user: string, documents: Parameters<typeof submit>[2]): Promise<Submitted> {
  const result = await submit(local.stack, local.tokens[user]!, documents);
  await local.runtime.workflowsIdle(); // the credentials step runs after the status flips
  return result;
}

async function auditTypes(submissionId: string): Promise<string[]> {
  const audit = await get(`/submissions/${submissionId}/audit`, STAFF);
  expect(audit.body.chainIntact).toBe(true);
  return audit.body.events.map((event: { type: string }) => event.type);
}

/** Real adapters against the emulators, as the step's handler wires them. */
function stepDeps(versions?: (real: DocumentVersions) => DocumentVersions): RecordCredentialsDeps {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: local.stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }), { marshallOptions: { removeUndefinedValues: true } });
  const real = new DynamoDbDocumentVersions(db, local.stack.tables.intake);
  return { repository: new DynamoDbSubmissionRepository(db, local.stack.tables.intake), versions: versions ? versions(real) : real, audit: new DynamoDbAuditLog(db, local.stack.tables.audit, new S3AuditAnchors(local.s3, local.stack.auditAnchorBucketName)), clock: systemClock };
}

describe('a renewal', () => {
  let first: Submitted;
  let renewal: Submitted;

  it('supersedes the license it renews once received; both versions stay readable, linked both ways', async () => {
    // Prepare
    first = await submitted(EMILY, [license(daysFromToday(60))]);
    const firstLicense = first.documents[0]!.documentId;

    // Act
    renewal = await submitted(EMILY, [license(daysFromToday(60 + 730), { fileName: 'renewed-license.pdf', replacesDocumentId: firstLicense })]);

    // Assess: the provider's submissions
    expect(renewal.status).toBe('RECEIVED');
    const renewedLicense = renewal.documents[0]!.documentId;
    expect(renewal.documents[0]).toMatchObject({ status: 'PENDING_REVIEW', replacesDocumentId: firstLicense });
    const old = await get(`/submissions/${first.submissionId}`);
    expect(old.body.documents[0]).toMatchObject({ status: 'SUPERSEDED', supersededBy: { submissionId: renewal.submissionId, documentId: renewedLicense } });
    expect(old.body.status).toBe('RECEIVED');
    expect(old.body.replacedBy).toBeUndefined();

    // Assess: the history, for her and for staff, and for nobody else
    const history = await get(`/documents/${firstLicense}/history`);
    expect(history.status).toBe(200);
    expect(history.body.credential).toMatchObject({ credentialId: firstLicense, documentType: 'MEDICAL_LICENSE', standing: 'IN_REVIEW', action: 'RENEW' });
    expect(history.body.credential.current).toMatchObject({ documentId: renewedLicense, referenceNumber: renewal.referenceNumber, fileName: 'renewed-license.pdf', receivedAt: expect.any(String) });
    expect(history.body.credential.versions.map((v: { documentId: string; status: string }) => [v.documentId, v.status])).toEqual([
      [renewedLicense, 'PENDING_REVIEW'],
      [firstLicense, 'SUPERSEDED'],
    ]);
    expect(history.body.credential.versions[1]).toMatchObject({ referenceNumber: first.referenceNumber, supersededAt: expect.any(String), supersededBy: { documentId: renewedLicense } });
    expect((await get(`/documents/${renewedLicense}/history`)).body.credential).toEqual(history.body.credential);
    expect((await get(`/documents/${firstLicense}/history`, STAFF)).status).toBe(200);
    const stranger = await get(`/documents/${firstLicense}/history`, MICHAEL);
    expect(stranger).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'No document with that id was found.' } } });
    expect((await get('/documents/not-an-id/history')).status).toBe(404);

    // Assess: one audit event, on the replaced document's submission
    expect((await auditTypes(first.submissionId)).filter((type) => type === 'DOCUMENT_SUPERSEDED')).toHaveLength(1);
    expect(await auditTypes(renewal.submissionId)).not.toContain('DOCUMENT_SUPERSEDED');
  });

  it('shows as one credential in "My credentials", the same for staff (with the whole cross-check) and for nobody else', async () => {
    const mine = await get('/credentials');
    const licenses = mine.body.credentials.filter((c: { documentType: string }) => c.documentType === 'MEDICAL_LICENSE');
    expect(licenses).toHaveLength(1);
    expect(licenses[0]).toMatchObject({ current: { documentId: renewal.documents[0]!.documentId }, versions: [{}, {}] });
    expect(mine.body.provider).toMatchObject({ name: 'Emily Johnson', email: EMILY, providerId: expect.any(String) });
    const providerId = mine.body.provider.providerId as string;
    const forStaff = await get(`/providers/${providerId}/credentials`, STAFF);
    // Staff read each document's cross-check in full, as on the review screen; she reads only the warning about its number
    // (the generated file prints none of what was typed).
    const withoutCrossCheck = (body: unknown) => JSON.parse(JSON.stringify(body), (key, value) => (key === 'crossCheck' ? undefined : value));
    expect(withoutCrossCheck(forStaff.body)).toEqual(withoutCrossCheck(mine.body));
    const staffCheck = forStaff.body.credentials.find((c: { documentType: string }) => c.documentType === 'MEDICAL_LICENSE').current.crossCheck;
    expect(staffCheck.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['providerName', 'licenseNumber', 'issueDate', 'expirationDate']));
    const numberCheck = staffCheck.fields.find((f: { field: string }) => f.field === 'licenseNumber');
    expect(licenses[0].current.crossCheck).toEqual({ status: staffCheck.status, fields: [{ field: 'licenseNumber', status: numberCheck.status, expected: numberCheck.expected }] });
    expect(numberCheck.status).toBe('NOT_FOUND');
    expect((await get(`/providers/${providerId}/credentials`, MICHAEL)).status).toBe(404);
    expect((await get('/credentials', STAFF)).status).toBe(403);
  });

  it('supersedes exactly once when its step runs again, fifty times at once', async () => {
    // Prepare: a third version, whose own workflow already ran the step once
    const third = await submitted(EMILY, [license(daysFromToday(60 + 1095), { replacesDocumentId: renewal.documents[0]!.documentId })]);
    const replaced = renewal.documents[0]!.documentId;
    const before = (await get(`/submissions/${renewal.submissionId}`)).body.documents[0];

    // Act: the retried step, fifty times at once
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => recordCredentials(stepDeps(), third.submissionId, `retry-${i}`)));

    // Assess
    expect(new Set(results.map((result) => JSON.stringify(result)))).toEqual(new Set([JSON.stringify({ recorded: 0, superseded: [replaced] })]));
    const after = (await get(`/submissions/${renewal.submissionId}`)).body.documents[0];
    expect(after).toEqual(before);
    expect(after).toMatchObject({ documentId: replaced, status: 'SUPERSEDED', supersededBy: { submissionId: third.submissionId } });
    expect((await auditTypes(renewal.submissionId)).filter((type) => type === 'DOCUMENT_SUPERSEDED')).toHaveLength(1);
    const history = await get(`/documents/${replaced}/history`);
    expect(history.body.credential.versions.map((v: { status: string }) => v.status)).toEqual(['PENDING_REVIEW', 'SUPERSEDED', 'SUPERSEDED']);
  });

  it('finishes after a crash between superseding and its audit event: the retries write the event once', async () => {
    // Prepare: a received renewal as the commit point left it, its credentials step not run yet
    const { repository } = stepDeps();
    const current = (await get('/credentials')).body.credentials.find((c: { documentType: string }) => c.documentType === 'MEDICAL_LICENSE').current;
    const { submissionId, documentId } = await replacementNotYetRecorded({ submissionId: current.submissionId, documentId: current.documentId }, 'CRD-TEST-CRSH-0001');
    const crashing = (real: DocumentVersions): DocumentVersions =>
      Object.assign(Object.create(real) as DocumentVersions, {
        supersede: async (...args: Parameters<DocumentVersions['supersede']>) => {
          await real.supersede(...args);
          throw new Error('process killed');
        },
      });

    // Act: the run dies right after superseding; then the workflow's retries, several at once
    await expect(recordCredentials(stepDeps(crashing), submissionId, 'crashed')).rejects.toThrow('process killed');
    const afterCrash = (await repository.get(current.submissionId))!.documents[0]!;
    expect(await auditTypes(current.submissionId)).not.toContain('DOCUMENT_SUPERSEDED');
    await Promise.all(Array.from({ length: 10 }, (_, i) => recordCredentials(stepDeps(), submissionId, `retry-${i}`)));

    // Assess
    const superseded = (await repository.get(current.submissionId))!.documents[0]!;
    expect(superseded).toMatchObject({ status: 'SUPERSEDED', supersededBy: { submissionId, documentId }, supersededAt: afterCrash.supersededAt });
    expect((await auditTypes(current.submissionId)).filter((type) => type === 'DOCUMENT_SUPERSEDED')).toHaveLength(1);
    const { documents } = (await repository.get(submissionId))!;
    expect(documents[0]).toMatchObject({ received: { referenceNumber: 'CRD-TEST-CRSH-0001' }, notices: {} });
  });
});

describe('a submission the checks refused', () => {
  it('is replaced by a resubmission of all its documents, which links every version', async () => {
    // Prepare
    // (a license of its own: the renewals above are another credential)
    const ownLicense = { details: { licenseNumber: 'R-100200', jurisdiction: 'CA' } };
    const refused = await submitted(EMILY, [disguised(license(daysFromToday(400), ownLicense)), dea(daysFromToday(500))]);
    expect(refused.documents.map((d) => d.status)).toEqual(['INVALID', 'PENDING_REVIEW']);
    // Act: "replace just the failing files" resends every document, each replacing its counterpart
    const resent = await submitted(EMILY, [license(daysFromToday(400), { ...ownLicense, replacesDocumentId: refused.documents[0]!.documentId }), dea(daysFromToday(500), { replacesDocumentId: refused.documents[1]!.documentId })]);
    // Assess
    expect(resent.status).toBe('RECEIVED');
    const old = await get(`/submissions/${refused.submissionId}`);
    expect(old.body.status).toBe('REJECTED');
    expect(old.body.replacedBy).toEqual([{ submissionId: resent.submissionId, referenceNumber: resent.referenceNumber }]);
    expect(old.body.documents.map((d: { status: string; supersededBy?: { submissionId: string } }) => [d.status, d.supersededBy?.submissionId])).toEqual([
      ['SUPERSEDED', resent.submissionId],
      ['SUPERSEDED', resent.submissionId],
    ]);
    for (const user of [EMILY, STAFF]) {
      const list = await get('/submissions?limit=100', user);
      expect(list.body.items.find((item: { submissionId: string }) => item.submissionId === refused.submissionId)).toMatchObject({ status: 'REJECTED', replacedBy: [{ submissionId: resent.submissionId }] });
    }
    const history = await get(`/documents/${resent.documents[0]!.documentId}/history`);
    expect(history.body.credential.versions.map((v: { status: string }) => v.status)).toEqual(['PENDING_REVIEW', 'SUPERSEDED']);
  });

  it('counts as replaced once its failing document alone is replaced', async () => {
    const refused = await submitted(EMILY, [disguised(dea(daysFromToday(300))), cv()]);
    const fixed = await submitted(EMILY, [dea(daysFromToday(300), { replacesDocumentId: refused.documents[0]!.documentId })]);
    const old = await get(`/submissions/${refused.submissionId}`);
    expect(old.body.replacedBy).toEqual([{ submissionId: fixed.submissionId, referenceNumber: fixed.referenceNumber }]);
    expect(old.body.documents.map((d: { status: string }) => d.status)).toEqual(['SUPERSEDED', 'PENDING_REVIEW']);
  });
});

describe('a replacement the checks refused', () => {
  it('is replaced in turn by the next version, which also takes the place of the rejected document it was sent for', async () => {
    // Prepare: a license rejected in review; its replacement is refused by the checks (never stored)
    const { review, complete } = reviewCalls(local);
    const ownLicense = { details: { licenseNumber: 'R-300400', jurisdiction: 'CA' } };
    const original = await submitted(EMILY, [license(daysFromToday(400), ownLicense)]);
    await review(original.documents[0]!.documentId, { decision: 'REJECTED', reason: 'The license number is cut off.', reasonCode: 'INCOMPLETE' });
    expect((await complete(original.submissionId)).body.status).toBe('ACTION_REQUIRED');
    await local.runtime.workflowsIdle();
    const refused = await submitted(EMILY, [disguised(license(daysFromToday(400), { ...ownLicense, replacesDocumentId: original.documents[0]!.documentId }))]);
    expect(refused.documents.map((d) => d.status)).toEqual(['INVALID']);

    // Act: "Replace" on the refused file, as its submission offers
    const fixed = await submitted(EMILY, [license(daysFromToday(400), { ...ownLicense, replacesDocumentId: refused.documents[0]!.documentId })]);

    // Assess: the rejected license is replaced too — its submission no longer needs her attention
    expect(fixed.status).toBe('RECEIVED');
    const old = await get(`/submissions/${original.submissionId}`);
    expect(old.body.status).toBe('ACTION_REQUIRED');
    expect(old.body.replacedBy).toEqual([{ submissionId: fixed.submissionId, referenceNumber: fixed.referenceNumber }]);
    expect(old.body.documents.map((d: { status: string; supersededBy?: { documentId: string } }) => [d.status, d.supersededBy?.documentId])).toEqual([['SUPERSEDED', fixed.documents[0]!.documentId]]);
    expect((await auditTypes(original.submissionId)).filter((t) => t === 'DOCUMENT_SUPERSEDED')).toHaveLength(1);
    const history = await get(`/documents/${fixed.documents[0]!.documentId}/history`);
    expect(history.body.credential.versions.map((v: { status: string }) => v.status)).toEqual(['PENDING_REVIEW', 'SUPERSEDED', 'SUPERSEDED']);
  });
});

describe('two replacements of one rejected license', () => {
  it('read newest first in the order they took its place: the one received last is current and listed first', async () => {
    // Prepare: a rejected license; two replacements begin uploading (two tabs), the first to begin is received last
    const { review, complete } = reviewCalls(local);
    const own = { issuingAuthority: 'Oregon Medical Board', details: { licenseNumber: 'MD-OR-51120', jurisdiction: 'OR' } };
    const original = await submitted(EMILY, [license(daysFromToday(410), own)]);
    await review(original.documents[0]!.documentId, { decision: 'REJECTED', reason: 'Illegible scan.', reasonCode: 'ILLEGIBLE' });
    await complete(original.submissionId);
    await local.runtime.workflowsIdle();
    const replacement = license(daysFromToday(410), { ...own, replacesDocumentId: original.documents[0]!.documentId });
    const create = async () => (await callApi(local.stack, 'POST', '/submissions', local.tokens[EMILY]!, { documents: [replacement.metadata] })).body as { submissionId: string; documents: { documentId: string; upload: { url: string; fields: Record<string, string> } }[] };
    const begunFirst = await create();
    const begunSecond = await create();

    // Act: the second finishes first
    for (const created of [begunSecond, begunFirst]) {
      expect(await uploadFile(created.documents[0]!.upload, replacement.bytes, 'application/pdf')).toBe(204);
      await callApi(local.stack, 'POST', `/submissions/${created.submissionId}/submit`, local.tokens[EMILY]!);
      await waitForStatus(local.stack, local.tokens[EMILY]!, created.submissionId, (status) => status !== 'VALIDATING');
      await local.runtime.workflowsIdle();
    }

    // Assess: received last is current and first; each version is listed above the one it replaced
    const { credential } = (await get(`/documents/${original.documents[0]!.documentId}/history`)).body as { credential: { current: { documentId: string }; versions: { documentId: string; status: string; supersededBy?: { documentId: string } }[] } };
    const [last, first] = [begunFirst.documents[0]!.documentId, begunSecond.documents[0]!.documentId];
    expect(credential.current.documentId).toBe(last);
    expect(credential.versions.map((v) => [v.documentId, v.status, v.supersededBy?.documentId])).toEqual([
      [last, 'PENDING_REVIEW', undefined],
      [first, 'SUPERSEDED', last],
      [original.documents[0]!.documentId, 'SUPERSEDED', first],
    ]);
  });
});

describe('her credential sent again as a new document (not through Renew or Replace)', () => {
  it('is its next version: the one on file is superseded and leaves the expiring list; another state\'s license stays its own', async () => {
    // Prepare: Michael's NY license expiring in 20 days, received
    const ny = { issuingAuthority: 'New York State Education Department', details: { licenseNumber: '298765', jurisdiction: 'NY' } };
    const onFile = await submitted(MICHAEL, [license(daysFromToday(20), ny)]);
    const expiringBefore = await get('/credentials/expiring?days=90&limit=100', STAFF);
    expect(expiringBefore.body.items.map((item: { document: { documentId: string } }) => item.document.documentId)).toContain(onFile.documents[0]!.documentId);

    // Act: he uploads the renewed license from the plain form (the number written differently), and a NJ license
    const again = await submitted(MICHAEL, [
      license(daysFromToday(20 + 730), { ...ny, fileName: 'ny-license-2028.pdf', details: { licenseNumber: '298-765', jurisdiction: 'NY' } }),
      license(daysFromToday(600), { issuingAuthority: 'New Jersey Board of Medical Examiners', details: { licenseNumber: '298765', jurisdiction: 'NJ' } }),
    ]);

    // Assess: the renewed license continues the NY credential; the NJ one is a credential of its own
    expect(again.status).toBe('RECEIVED');
    const [renewed, newJersey] = again.documents;
    expect(renewed).toMatchObject({ replacesDocumentId: onFile.documents[0]!.documentId });
    expect(newJersey!.replacesDocumentId).toBeUndefined();
    const old = await get(`/submissions/${onFile.submissionId}`, MICHAEL);
    expect(old.body.documents[0]).toMatchObject({ status: 'SUPERSEDED', supersededBy: { submissionId: again.submissionId, documentId: renewed!.documentId } });
    const licenses = (await get('/credentials', MICHAEL)).body.credentials.filter((c: { documentType: string }) => c.documentType === 'MEDICAL_LICENSE');
    expect(licenses.map((c: { current: { documentId: string }; versions: unknown[] }) => [c.current.documentId, c.versions.length])).toEqual([
      [renewed!.documentId, 2],
      [newJersey!.documentId, 1],
    ]);
    const expiringAfter = await get('/credentials/expiring?days=90&limit=100', STAFF);
    expect(expiringAfter.body.items.map((item: { document: { documentId: string } }) => item.document.documentId)).not.toContain(onFile.documents[0]!.documentId);
    expect((await auditTypes(onFile.submissionId)).filter((type) => type === 'DOCUMENT_SUPERSEDED')).toHaveLength(1);
    const created = (await get(`/submissions/${again.submissionId}/audit`, STAFF)).body.events.find((event: { type: string }) => event.type === 'SUBMISSION_CREATED');
    expect(created.details.replacesDocumentIds).toEqual([onFile.documents[0]!.documentId]);
  });
});

describe('a replacesDocumentId that cannot be', () => {
  it.each([
    ['not an id', () => 'license-1', /not a document id/],
    ['an id nobody has', () => '00000000-0000-4000-8000-000000000000', /^You have no document with this id/],
  ])('%s answers 400 naming documents.0.replacesDocumentId', async (_name, id, message) => {
    const response = await callApi(local.stack, 'POST', '/submissions', local.tokens[EMILY]!, { documents: [license(daysFromToday(300), { replacesDocumentId: id() }).metadata] });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ path: 'documents.0.replacesDocumentId', message: expect.stringMatching(message) }]);
  });

  it('refuses each wrong target with its reason, and creates nothing', async () => {
    // Prepare: Michael's license, Emily's DEA and CV in review, a draft, and a license already replaced
    const michaels = await submitted(MICHAEL, [license(daysFromToday(300))]);
    const emilys = await submitted(EMILY, [dea(daysFromToday(300)), cv()]);
    const draft = await callApi(local.stack, 'POST', '/submissions', local.tokens[EMILY]!, { documents: [license(daysFromToday(300)).metadata] });
    const superseded = (await get('/credentials')).body.credentials.find((c: { documentType: string }) => c.documentType === 'MEDICAL_LICENSE').versions.at(-1);
    const before = (await get('/submissions?limit=100')).body.items.length;
    const replacing = (documents: Record<string, unknown>[]) => callApi(local.stack, 'POST', '/submissions', local.tokens[EMILY]!, { documents });

    // Act
    const answers = {
      another: await replacing([license(daysFromToday(300), { replacesDocumentId: michaels.documents[0]!.documentId }).metadata]),
      missing: await replacing([license(daysFromToday(300), { replacesDocumentId: '00000000-0000-4000-8000-000000000000' }).metadata]),
      otherType: await replacing([license(daysFromToday(300), { replacesDocumentId: emilys.documents[0]!.documentId }).metadata]),
      nothingToRenew: await replacing([cv({ replacesDocumentId: emilys.documents[1]!.documentId }).metadata]),
      draft: await replacing([license(daysFromToday(300), { replacesDocumentId: draft.body.documents[0].documentId }).metadata]),
      superseded: await replacing([license(daysFromToday(300), { replacesDocumentId: superseded.documentId }).metadata]),
      twice: await replacing([dea(daysFromToday(900), { replacesDocumentId: emilys.documents[0]!.documentId }).metadata, dea(daysFromToday(901), { replacesDocumentId: emilys.documents[0]!.documentId }).metadata]),
    };

    // Assess
    const only = (response: { status: number; body: { error: { code: string; details: { path: string; message: string }[] } } }) => {
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details).toHaveLength(1);
      return response.body.error.details[0]!;
    };
    expect(only(answers.another)).toEqual(only(answers.missing));
    expect(only(answers.another)).toEqual({ path: 'documents.0.replacesDocumentId', message: expect.stringMatching(/^You have no document with this id/) });
    expect(only(answers.otherType)).toEqual({ path: 'documents.0.replacesDocumentId', message: 'This replaces your DEA Registration: the new document must be a DEA Registration too.' });
    expect(only(answers.nothingToRenew).message).toMatch(/Curriculum Vitae is in review and has no expiration date, so there is nothing to renew/);
    expect(only(answers.draft).message).toMatch(/never submitted/);
    expect(only(answers.superseded).message).toMatch(/already replaced by a newer version/);
    expect(only(answers.twice)).toEqual({ path: 'documents.1.replacesDocumentId', message: expect.stringMatching(/already replaces that document/) });
    expect((await get('/submissions?limit=100')).body.items.length).toBe(before);
  });
});

describe('staff: what expires soon', () => {
  it('lists current documents of every provider by expiration date, paged, and only for staff', async () => {
    const soon = await submitted(MICHAEL, [dea(daysFromToday(10)), license(daysFromToday(40))]);
    const first = await get('/credentials/expiring?days=90&limit=1', STAFF);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    const all = [...first.body.items];
    for (let token = first.body.nextToken; token; ) {
      const page = await get(`/credentials/expiring?days=90&limit=1&nextToken=${encodeURIComponent(token)}`, STAFF);
      all.push(...page.body.items);
      token = page.body.nextToken;
    }
    const days = all.map((item: { daysToExpiry: number }) => item.daysToExpiry);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(days.every((d) => d >= 0 && d <= 90)).toBe(true);
    expect(all.filter((item: { document: { status: string } }) => item.document.status === 'SUPERSEDED')).toEqual([]);
    expect(all.find((item: { document: { documentId: string } }) => item.document.documentId === soon.documents[0]!.documentId)).toMatchObject({
      provider: { name: 'Michael Chen', email: MICHAEL },
      document: { documentType: 'DEA_REGISTRATION', referenceNumber: soon.referenceNumber },
    });
    expect((await get('/credentials/expiring', EMILY)).status).toBe(403);
    expect((await get('/credentials/expiring?nextToken=abc', STAFF)).body.error.details).toEqual([{ path: 'nextToken', message: 'Not a token this API issued.' }]);
    expect((await get('/credentials/expiring?days=1000', STAFF)).body.error.details).toEqual([{ path: 'days', message: 'Days must be a whole number from 1 to 366.' }]);
  });
});

describe('the document item', () => {
  it('keeps no index attribute of the expiry schedule once superseded', async () => {
    const { credentials } = (await get('/credentials')).body;
    const oldest = credentials.find((c: { documentType: string }) => c.documentType === 'MEDICAL_LICENSE').versions.at(-1);
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: local.stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
    const { Item } = await db.send(new GetCommand({ TableName: local.stack.tables.intake, Key: { pk: `SUBMISSION#${oldest.submissionId}`, sk: `DOCUMENT#${oldest.documentId}` } }));
    expect(Item).toMatchObject({ status: 'SUPERSEDED', gsiOwner: expect.any(String) });
    for (const attribute of ['nextNoticeDate', 'gsiNoticeShard', 'gsiExpiryMonth', 'gsiExpiry']) expect(Item).not.toHaveProperty(attribute);
  });
});

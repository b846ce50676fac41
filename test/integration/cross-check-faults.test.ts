/**
 * The cross-check never fails or holds up a submission (issue 12 §1): the step's function runs
 * from a composition root whose extractor breaks — it throws, its process dies, it never answers
 * (test/integration/fixtures/faulty-cross-check.ts) — and each such document ends UNREADABLE
 * while its submission is RECEIVED with its email and audit events, and the other documents keep
 * their real results.
 */
import { describe, expect, it } from 'vitest';
import { makePng, makeTiff, makeJpeg } from '../../testkit/files.js';
import { crossCheckCorpus } from '../../testkit/cross-check-corpus.js';
import { submitReceived, testDocument, type TestDocument } from '../../testkit/intake-documents.js';
import { callApi, mailbox } from '../../testkit/local-api.js';
import { asSubmitted, checkOf, CROSS_CHECK_ENTRY, type DocumentWithCheck } from './support/cross-check.js';
import { EMILY, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('cross-check-faults', {
  functionEntryOverrides: { [CROSS_CHECK_ENTRY]: 'test/integration/fixtures/faulty-cross-check.ts' },
  // The definition's retries, without their seconds of waiting.
  retryIntervalOverrides: { CrossCheckDocument: [100, 200, 400], RecordCrossCheckFailure: [100, 200, 400] },
});

const LICENSE = { issueDate: '2020-01-15', expirationDate: '2027-06-30', issuingAuthority: 'Medical Board of California', details: { licenseNumber: 'A150032', jurisdiction: 'CA' } };
const licenseScan = (fileName: string, contentType: string, bytes: Uint8Array, jurisdiction = 'CA'): TestDocument =>
  testDocument('MEDICAL_LICENSE', fileName, contentType, bytes, { ...LICENSE, details: { ...LICENSE.details, jurisdiction } });

async function receivedWithChecks(documents: TestDocument[]) {
  const received = await submitReceived(local.stack, local.tokens[EMILY]!, documents);
  await local.runtime.workflowsIdle();
  const view = await callApi(local.stack, 'GET', `/submissions/${received.submissionId}`, local.tokens[STAFF]!);
  const audit = await callApi(local.stack, 'GET', `/submissions/${received.submissionId}/audit`, local.tokens[STAFF]!);
  const emails = (await mailbox(local.stack)).filter((email) => email.subject.includes(received.referenceNumber));
  return { received, status: view.body.status as string, documents: view.body.documents as DocumentWithCheck[], auditTypes: (audit.body.events as { type: string }[]).map((e) => e.type), emails };
}

const unreadable = (expected: Record<string, string>) => ({ status: 'UNREADABLE', fields: Object.entries(expected).map(([field, value]) => ({ field, status: 'NOT_FOUND', expected: value })) });
const LICENSE_EXPECTED = { providerName: 'Emily Johnson', licenseNumber: 'A150032', expirationDate: '2027-06-30', issueDate: '2020-01-15', jurisdiction: 'CA', issuingAuthority: 'Medical Board of California' };

describe('an extractor that fails', () => {
  it('records UNREADABLE for a check that throws and one that never answers; the submission is RECEIVED and the other document keeps its result', async () => {
    // Prepare: a typed DEA registration (read for real), a PNG whose reading throws, a TIFF whose reading never ends
    const typed = await asSubmitted(crossCheckCorpus().find((doc) => doc.id.startsWith('02-dea'))!);
    const documents = [typed, licenseScan('license.png', 'image/png', makePng(640, 480)), licenseScan('license.tif', 'image/tiff', makeTiff(320, 200), 'NV')];

    // Act
    const { received, status, documents: checked, auditTypes, emails } = await receivedWithChecks(documents);
    const [dea, thrown, hung] = received.documents.map((doc) => doc.documentId) as [string, string, string];

    // Assess
    expect(status).toBe('RECEIVED');
    expect(checkOf(checked, dea)!.status).toBe('MATCH');
    expect(checkOf(checked, thrown)).toEqual(unreadable(LICENSE_EXPECTED));
    expect(checkOf(checked, hung)).toEqual(unreadable({ ...LICENSE_EXPECTED, jurisdiction: 'NV' }));
    expect(emails).toHaveLength(1);
    expect(auditTypes).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
  });

  it('records UNREADABLE when the function dies mid-read, and the next document is read by a fresh one', async () => {
    // Prepare: a JPEG whose reading ends the function's process (alone: concurrent invocations share the local process)
    const dying = licenseScan('license.jpg', 'image/jpeg', makeJpeg(320, 200));

    // Act
    const first = await receivedWithChecks([dying]);
    const next = await receivedWithChecks([await asSubmitted(crossCheckCorpus().find((doc) => doc.id.startsWith('01-medical'))!)]);

    // Assess
    expect(first.status).toBe('RECEIVED');
    expect(checkOf(first.documents, first.received.documents[0]!.documentId)).toEqual(unreadable(LICENSE_EXPECTED));
    expect(first.auditTypes).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT']);
    expect(next.status).toBe('RECEIVED');
    expect(checkOf(next.documents, next.received.documents[0]!.documentId)!.status).toBe('MATCH');
  });
});

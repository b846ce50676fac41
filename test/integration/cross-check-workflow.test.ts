/**
 * The cross-check step in the real synthesized workflow (issue 12 §1): documents that match,
 * show another number, or cannot be read are all RECEIVED, each with its per-field result —
 * every field for staff, only the number's warning for the provider. Repeating the step (a
 * retry, a late Catch, a re-driven workflow) never changes a result already recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentTextExtractor } from '../../src/adapters/text-extraction/document-text-extractor.js';
import { acceptSubmission } from '../../src/use-cases/accept-submission.js';
import { crossCheckStoredDocument } from '../../src/use-cases/cross-check-document.js';
import { submitSubmission } from '../../src/use-cases/submit-submission.js';
import { validateDocument } from '../../src/use-cases/validate-document.js';
import { crossCheckCorpus } from '../../testkit/cross-check-corpus.js';
import { createAndUpload, submitReceived } from '../../testkit/intake-documents.js';
import { callApi, mailbox } from '../../testkit/local-api.js';
import { asSubmitted, checkOf, fieldStatuses, invokeCrossCheck, typedAs, type DocumentWithCheck } from './support/cross-check.js';
import { dyingWorkflow, ownerOf, realAdapters, runReconciler } from './support/intake.js';
import { EMILY, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('cross-check-workflow');
let adapters: ReturnType<typeof realAdapters>;
beforeAll(() => {
  adapters = realAdapters(local.stack);
});
afterAll(() => adapters?.destroy());

const corpus = crossCheckCorpus();
const corpusDocument = (id: string) => corpus.find((doc) => doc.id.startsWith(id))!;
/** A valid DEA number of hers that the corpus's mismatching registration does not print. */
const SECOND_DEA = 'BJ4821749';
const documentsAs = async (user: string, submissionId: string) => (await callApi(local.stack, 'GET', `/submissions/${submissionId}`, local.tokens[user]!)).body.documents as DocumentWithCheck[];
const storedCheck = async (submissionId: string, documentId: string) => (await adapters.repository.get(submissionId))!.documents.find((doc) => doc.documentId === documentId)!.crossCheck;

async function auditTypes(submissionId: string): Promise<string[]> {
  const audit = await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, local.tokens[STAFF]!);
  expect(audit.body.chainIntact).toBe(true);
  return (audit.body.events as { type: string }[]).map((event) => event.type);
}
const RECEIVED_ONCE = ['SUBMISSION_CREATED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_RECEIVED', 'CONFIRMATION_EMAIL_SENT'];

describe('documents read against what she typed, in the workflow', () => {
  let submissionId: string;
  let ids: { match: string; otherNumber: string; blank: string; scan: string };

  it('receives matching, mismatching and unreadable documents alike, each with its per-field result', async () => {
    // Prepare: a typed DEA registration, one (typed as her second registration) printing another DEA number, a blank scan (typed as her Nevada license), a 300-dpi scan of her license
    const [dea, otherDea, blankScan, licenseScan] = await Promise.all(['02-dea', '36-dea', '43-blank', '18-medical'].map((id) => asSubmitted(corpusDocument(id))));
    const documents = [dea!, typedAs(otherDea!, { deaNumber: SECOND_DEA }), typedAs(blankScan!, { jurisdiction: 'NV' }), licenseScan!];

    // Act
    const received = await submitReceived(local.stack, local.tokens[EMILY]!, documents);
    await local.runtime.workflowsIdle();
    submissionId = received.submissionId;
    const [match, otherNumber, blank, scan] = received.documents.map((doc) => doc.documentId) as [string, string, string, string];
    ids = { match, otherNumber, blank, scan };

    // Assess: staff see every field, with what was read
    const staff = await documentsAs(STAFF, submissionId);
    expect(checkOf(staff, match)!.status).toBe('MATCH');
    expect(checkOf(staff, match)!.fields.map((f) => [f.field, f.status, f.expected])).toEqual(corpusDocument('02-dea').expected.map(({ field, value }) => [field, 'MATCH', value]));
    expect(checkOf(staff, otherNumber)!.status).toBe('MISMATCH');
    expect(checkOf(staff, otherNumber)!.fields.find((f) => f.field === 'deaNumber')).toEqual({ field: 'deaNumber', status: 'MISMATCH', expected: SECOND_DEA, found: 'AB1234563' });
    expect(fieldStatuses(checkOf(staff, otherNumber))).toMatchObject({ providerName: 'MATCH', expirationDate: 'MATCH' });
    expect(checkOf(staff, blank)).toEqual({ status: 'UNREADABLE', fields: corpusDocument('43-blank').expected.map(({ field, value }) => ({ field, status: 'NOT_FOUND', expected: field === 'jurisdiction' ? 'NV' : value })) });
    expect(fieldStatuses(checkOf(staff, scan))).toMatchObject({ providerName: 'MATCH', licenseNumber: 'MATCH' });

    // Assess: the provider sees only what her warning needs — the number that differs, never what was read
    const mine = await documentsAs(EMILY, submissionId);
    expect(checkOf(mine, match)).toEqual({ status: 'MATCH', fields: [] });
    expect(checkOf(mine, otherNumber)).toEqual({ status: 'MISMATCH', fields: [{ field: 'deaNumber', status: 'MISMATCH', expected: SECOND_DEA }] });
    expect(checkOf(mine, blank)).toEqual({ status: 'UNREADABLE', fields: [] });

    // Assess: still RECEIVED, one email, one audit event per fact
    expect((await callApi(local.stack, 'GET', `/submissions/${submissionId}`, local.tokens[EMILY]!)).body.status).toBe('RECEIVED');
    expect((await mailbox(local.stack)).filter((email) => email.subject.includes(received.referenceNumber))).toHaveLength(1);
    expect(await auditTypes(submissionId)).toEqual(RECEIVED_ONCE);
  });

  it('changes nothing when the step runs again, as a retry or a late Catch would', async () => {
    // Prepare
    const before = await documentsAs(STAFF, submissionId);
    const recorded = await storedCheck(submissionId, ids.otherNumber);

    // Act: three retries at once, and a Catch arriving after the result
    const retries = await Promise.all([1, 2, 3].map(() => invokeCrossCheck(local.stack, { submissionId, documentId: ids.otherNumber, mode: 'CHECK' })));
    const lateCatch = await invokeCrossCheck(local.stack, { submissionId, documentId: ids.match, mode: 'RECORD_FAILURE' });

    // Assess
    expect(retries).toEqual([1, 2, 3].map(() => ({ outcome: 'ALREADY_CHECKED', status: 'MISMATCH' })));
    expect(lateCatch).toEqual({ outcome: 'ALREADY_CHECKED', status: 'MATCH' });
    expect(await storedCheck(submissionId, ids.otherNumber)).toEqual(recorded);
    expect(await documentsAs(STAFF, submissionId)).toEqual(before);
  });
});

describe('a workflow re-driven after a crash past the commit point', () => {
  it('checks only what was not checked yet, and finishes once', async () => {
    // Prepare: committed and one document checked, then the process dies (no email, no audit events, one document unchecked)
    const created = await createAndUpload(local.stack, local.tokens[EMILY]!, await Promise.all(['02-dea', '01-medical'].map((id) => asSubmitted(corpusDocument(id)))));
    const providerId = JSON.parse(Buffer.from(local.tokens[EMILY]!.split('.')[1]!, 'base64url').toString()).sub as string;
    await expect(submitSubmission({ ...adapters, workflow: dyingWorkflow }, ownerOf({ providerId }, EMILY, 'Emily Johnson'), created.submissionId)).rejects.toThrow('killed');
    const steps = { repository: adapters.repository, store: adapters.store };
    for (const { documentId } of created.documents) await validateDocument(adapters, created.submissionId, documentId);
    await acceptSubmission({ ...steps, clock: adapters.clock, randomBytes: (n) => new Uint8Array(n).fill(9), reviewBusinessDays: 10, timeZone: 'America/New_York' }, created.submissionId, 1);
    const [checkedFirst, notYet] = created.documents.map((doc) => doc.documentId) as [string, string];
    const extractor = new DocumentTextExtractor();
    await crossCheckStoredDocument({ ...steps, clock: adapters.clock, extractor }, created.submissionId, checkedFirst, 60_000).finally(() => extractor.close());
    const firstResult = await storedCheck(created.submissionId, checkedFirst);

    // Act: the reconciler re-drives it
    const report = await runReconciler(local.stack, new Date(Date.now() + 10 * 60_000), 'cross-check-redrive');
    await local.runtime.workflowsIdle();

    // Assess
    expect(report.actions.finishing).toContain(created.submissionId);
    expect(firstResult).toMatchObject({ status: 'MATCH' });
    expect(await storedCheck(created.submissionId, checkedFirst)).toEqual(firstResult);
    expect(await storedCheck(created.submissionId, notYet)).toMatchObject({ status: 'MATCH' });
    expect(await auditTypes(created.submissionId)).toEqual(RECEIVED_ONCE);
  });
});

/**
 * What acceptance stores (issue 7, findings 1 and 3). Nothing swapped: the presigned POST stays
 * valid for minutes, so the provider — or whoever holds her form — can post other bytes to the
 * same staging key while the workflow runs; what ends up under documents/ must be exactly the
 * bytes that were validated. Nothing lost or doubled: acceptance killed at any point and run
 * again reserves one reference number. The steps are driven one by one from this file's
 * composition root (real adapters on the emulators) with the fault between them; then the swap
 * race against the real workflow.
 */
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeKey, stagingKey } from '../../src/contract/storage.js';
import type { Caller } from '../../src/domain/caller.js';
import { acceptSubmission } from '../../src/use-cases/accept-submission.js';
import { submitSubmission } from '../../src/use-cases/submit-submission.js';
import { validateDocument } from '../../src/use-cases/validate-document.js';
import type { WorkflowStarter } from '../../src/ports/workflow-starter.js';
import { randomBytes as randomBytesOf } from 'node:crypto';
import type { DocumentStore } from '../../src/ports/document-store.js';
import type { SubmissionRepository } from '../../src/ports/submission-repository.js';
import { makeHtml, makePdf, sha256Hex } from '../../testkit/files.js';
import { callApi, uploadFile, waitForStatus } from '../../testkit/local-api.js';
import { realAdapters, referencesReservedFor, storedSha256, uploadedCv, type Uploaded } from './support/intake.js';
import { EMILY, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('storage-integrity');
let adapters: ReturnType<typeof realAdapters>;
beforeAll(() => {
  adapters = realAdapters(local.stack);
});
afterAll(() => adapters?.destroy());

/** The test drives the steps itself: starting the workflow records the call and runs nothing. */
const heldWorkflow: WorkflowStarter = { start: async () => 'STARTED', status: async () => 'RUNNING' };
const attackerPage = makeHtml(); // smaller than the declared PDF, with a script

async function submittedByHand(uploaded: Pick<Uploaded, 'submissionId' | 'providerId'>) {
  const caller: Caller = { userId: uploaded.providerId, email: EMILY, name: 'Emily Johnson', role: 'provider', requestId: 'step-test', sourceIp: null };
  await submitSubmission({ ...adapters, workflow: heldWorkflow }, caller, uploaded.submissionId);
}

const randomBytes = (count: number) => new Uint8Array(randomBytesOf(count));
const acceptance = (repository: SubmissionRepository = adapters.repository, store: DocumentStore = adapters.store) => ({
  repository,
  store,
  clock: adapters.clock,
  randomBytes,
  reviewBusinessDays: 10,
  timeZone: 'America/New_York',
});

/** The real store, with `then` run right after each snapshot is taken (the fault, from this composition root). */
const afterEachSnapshot = (then: () => Promise<unknown>): DocumentStore =>
  Object.assign(Object.create(adapters.store) as DocumentStore, {
    snapshot: async (...args: Parameters<DocumentStore['snapshot']>) => {
      const taken = await adapters.store.snapshot(...args);
      await then();
      return taken;
    },
  });

/** Snapshot, scan and validate every document, as the workflow's Map does. */
async function validatedByHand(submissionId: string, documentIds: string[]) {
  for (const documentId of documentIds) expect((await validateDocument(adapters, submissionId, documentId)).valid).toBe(true);
}

const exists = (key: string) =>
  adapters.clients.s3.send(new HeadObjectCommand({ Bucket: local.stack.bucketName, Key: key })).then(
    () => true,
    (error: { name?: string }) => (error.name === 'NotFound' ? false : Promise.reject(error)),
  );

describe('the same presigned POST used again while the workflow runs', () => {
  it('stores exactly the validated bytes when other bytes are posted after the snapshot and again after validation', async () => {
    // Prepare: a PDF uploaded and submitted; the steps run one by one
    const uploaded = await uploadedCv(local.stack, local.tokens[EMILY]!, makePdf({ pages: 2 }));
    await submittedByHand(uploaded);
    const { submissionId, documentId } = uploaded;
    const steps = adapters;

    // Act: snapshot → swap → scan and validate → swap → accept
    let swapped = 0;
    const swapAfterSnapshot = afterEachSnapshot(async () => (swapped = await uploadFile(uploaded.upload, attackerPage, 'application/pdf')));
    const validation = await validateDocument({ ...steps, store: swapAfterSnapshot }, submissionId, documentId);
    expect(await uploadFile(uploaded.upload, attackerPage, 'application/pdf')).toBe(204);
    const accepted = await acceptSubmission(acceptance(), submissionId, 1);

    // Assess: the PDF was validated and stored, byte for byte; the working copies are gone
    expect(swapped).toBe(204);
    expect(validation).toEqual({ documentId, valid: true, issueCodes: [], malwareFound: false });
    expect(accepted.status).toBe('RECEIVED');
    expect(await storedSha256(adapters.clients.s3, local.stack, uploaded)).toBe(uploaded.sha256);
    expect(await exists(stagingKey(submissionId, documentId))).toBe(false);
    expect(await exists(intakeKey(submissionId, documentId))).toBe(false);
  });

  it('never scans or validates a snapshot that changed after it was taken', async () => {
    // Prepare: right after the snapshot is taken, something other than the workflow writes intake/
    const uploaded = await uploadedCv(local.stack, local.tokens[EMILY]!);
    await submittedByHand(uploaded);
    const overwriteSnapshot = () => adapters.clients.s3.send(new PutObjectCommand({ Bucket: local.stack.bucketName, Key: intakeKey(uploaded.submissionId, uploaded.documentId), Body: attackerPage }));

    // Act
    const validation = validateDocument({ ...adapters, store: afterEachSnapshot(overwriteSnapshot) }, uploaded.submissionId, uploaded.documentId);

    // Assess: the step fails (into the failure path); no verdict and nothing recorded as validated
    await expect(validation).rejects.toMatchObject({ name: 'SnapshotChanged' });
    const found = await adapters.repository.get(uploaded.submissionId);
    expect(found!.documents[0]).toMatchObject({ status: 'VALIDATING', issues: [] });
    expect(found!.documents[0]!.malwareScan ?? null).toBeNull();
    expect(found!.documents[0]!.validatedSnapshot ?? null).toBeNull();
  });

  it('never reads a changed snapshot on a run again, even with a clean verdict recorded about the snapshot', async () => {
    // Prepare: the document scanned clean and validated; then intake/ is overwritten
    const uploaded = await uploadedCv(local.stack, local.tokens[EMILY]!);
    await submittedByHand(uploaded);
    const steps = adapters;
    expect(await validateDocument(steps, uploaded.submissionId, uploaded.documentId)).toMatchObject({ valid: true });
    const validated = (await adapters.repository.get(uploaded.submissionId))!.documents[0]!;
    await adapters.clients.s3.send(new PutObjectCommand({ Bucket: local.stack.bucketName, Key: intakeKey(uploaded.submissionId, uploaded.documentId), Body: attackerPage }));

    // Act: the step runs again in the same attempt (as a retry after a lost response would): it keeps its snapshot
    const again = validateDocument(steps, uploaded.submissionId, uploaded.documentId);

    // Assess: the snapshot and its recorded verdict are reused, but the read refuses other bytes; the record is unchanged
    await expect(again).rejects.toMatchObject({ name: 'SnapshotChanged' });
    const found = (await adapters.repository.get(uploaded.submissionId))!.documents[0]!;
    expect(found.snapshot).toEqual(validated.snapshot);
    expect(found.malwareScan).toEqual(validated.malwareScan);
    expect(found.malwareScan!.result).toEqual({ verdict: 'CLEAN' });
    expect(found.validatedSnapshot).toEqual(validated.snapshot);
  });

  it('through the real workflow: re-posting during validation never changes what is stored', async () => {
    // Prepare
    const uploaded = await uploadedCv(local.stack, local.tokens[EMILY]!, makePdf({ pages: 3 }));

    // Act: submit, then keep posting the attacker's page with the same form until the workflow decides
    const submitted = await callApi(local.stack, 'POST', `/submissions/${uploaded.submissionId}/submit`, local.tokens[EMILY]!);
    let decided = false;
    const attacks = (async () => {
      let posted = 0;
      while (!decided) posted += (await uploadFile(uploaded.upload, attackerPage, 'application/pdf')) === 204 ? 1 : 0;
      return posted;
    })();
    const final = await waitForStatus(local.stack, local.tokens[EMILY]!, uploaded.submissionId, (status) => status !== 'VALIDATING');
    decided = true;
    const posted = await attacks;
    await local.runtime.workflowsIdle();

    // Assess: either the snapshot caught the page (refused) or the PDF is stored exactly
    expect(submitted.status).toBe(202);
    expect(posted).toBeGreaterThan(0);
    if (final.body.status === 'RECEIVED') {
      expect(await storedSha256(adapters.clients.s3, local.stack, uploaded)).toBe(uploaded.sha256);
    } else {
      expect(final.body.status).toBe('REJECTED');
      // The page is refused as FORMAT_MISMATCH; s3rver writes an object in place, so a snapshot taken
      // mid-write can also hold an empty or cut-off file (S3's writes are atomic) — refused all the same.
      const codes = final.body.documents[0].issues.map((issue: { code: string }) => issue.code);
      expect(codes.length).toBeGreaterThan(0);
      for (const code of codes) expect(['FORMAT_MISMATCH', 'EMPTY_FILE', 'CORRUPT_FILE', 'SIZE_MISMATCH']).toContain(code);
      expect(await storedSha256(adapters.clients.s3, local.stack, uploaded)).toBeNull();
    }
  });
});

describe('acceptance stopped at any point and run again', () => {
  /** The real repository, except that the process dies right after `method` returns. */
  const dyingAfter = (method: 'setPendingReference' | 'reserveReference' | 'markReceived'): SubmissionRepository =>
    Object.assign(Object.create(adapters.repository) as SubmissionRepository, {
      [method]: async (...args: unknown[]) => {
        await (adapters.repository[method] as (...a: unknown[]) => Promise<unknown>).apply(adapters.repository, args);
        throw new Error(`killed after ${method}`);
      },
    });

  it.each(['setPendingReference', 'reserveReference', 'markReceived'] as const)('reserves one reference when killed after %s', async (method) => {
    // Prepare: validated, about to be accepted
    const uploaded = await uploadedCv(local.stack, local.tokens[EMILY]!);
    await submittedByHand(uploaded);
    await validatedByHand(uploaded.submissionId, [uploaded.documentId]);

    // Act: killed once, then the retry the workflow makes
    await expect(acceptSubmission(acceptance(dyingAfter(method)), uploaded.submissionId, 1)).rejects.toThrow(`killed after ${method}`);
    const accepted = await acceptSubmission(acceptance(), uploaded.submissionId, 1);

    // Assess
    expect(accepted.status).toBe('RECEIVED');
    expect(await referencesReservedFor(adapters.clients.db, local.stack, uploaded.submissionId)).toEqual([accepted.referenceNumber]);
    expect(await storedSha256(adapters.clients.s3, local.stack, uploaded)).toBe(uploaded.sha256);
  });

  it('copies ten documents in parallel, at most four at a time, each exactly as validated', async () => {
    // Prepare: ten CVs, validated
    const pdfs = Array.from({ length: 10 }, (_, pages) => makePdf({ pages: pages + 1 }));
    const created = await callApi(local.stack, 'POST', '/submissions', local.tokens[EMILY]!, {
      documents: pdfs.map((pdf, i) => ({ documentType: 'CURRICULUM_VITAE', fileName: `cv-${i}.pdf`, contentType: 'application/pdf', sizeBytes: pdf.byteLength, sha256: sha256Hex(pdf), issueDate: '2026-10-01' })),
    });
    expect(created.status).toBe(201);
    const documents = created.body.documents as { documentId: string; upload: Uploaded['upload'] }[];
    for (const [i, doc] of documents.entries()) expect(await uploadFile(doc.upload, pdfs[i]!, 'application/pdf')).toBe(204);
    const { submissionId } = created.body as { submissionId: string };
    const providerId = JSON.parse(Buffer.from(local.tokens[EMILY]!.split('.')[1]!, 'base64url').toString()).sub as string;
    await submittedByHand({ submissionId, providerId });
    await validatedByHand(submissionId, documents.map((d) => d.documentId));
    let inFlight = 0;
    let mostInFlight = 0;
    const counting: DocumentStore = Object.assign(Object.create(adapters.store) as DocumentStore, {
      store: async (...args: Parameters<DocumentStore['store']>) => {
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        try {
          await adapters.store.store(...args);
        } finally {
          inFlight--;
        }
      },
    });

    // Act
    const accepted = await acceptSubmission(acceptance(adapters.repository, counting), submissionId, 1);

    // Assess
    expect(accepted.status).toBe('RECEIVED');
    expect(mostInFlight).toBe(4);
    for (const [i, doc] of documents.entries()) {
      expect(await storedSha256(adapters.clients.s3, local.stack, { submissionId, providerId, documentId: doc.documentId, sha256: '', upload: doc.upload })).toBe(sha256Hex(pdfs[i]!));
    }
  });
});

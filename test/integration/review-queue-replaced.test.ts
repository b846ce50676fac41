/**
 * The review queue counts a document replaced while its submission is in review as decided by
 * its replacement (docs/review.md): against the local runtime, what `GET /review-queue` says
 * after a real replacement, and after the credentials step died between superseding the document
 * and recording it on its submission, then ran again.
 */
import { describe, expect, it } from 'vitest';
import type { ReviewQueueItem } from '../../src/contract/http.js';
import type { DocumentVersions } from '../../src/ports/document-versions.js';
import { callApi } from '../../testkit/local-api.js';
import { replacementSteps } from './support/replacements.js';
import { reviewCalls } from './support/review.js';
import { EMILY, STAFF, useLocalRuntime } from './support/runtime.js';
import { cv, daysFromToday, license } from './support/submissions.js';

const local = useLocalRuntime('review-queue-replaced');
const { token, review, complete, item, received, auditTypes } = reviewCalls(local);
const { adapters, replacementNotYetRecorded } = replacementSteps(local);

const WRONG_FILE = { decision: 'REJECTED', reason: 'This is your DEA registration, not your medical license.', reasonCode: 'WRONG_DOCUMENT' };

/** What the queue says of a submission's documents, or null when it is not in the queue. */
async function counts(submissionId: string): Promise<Pick<ReviewQueueItem, 'documentCount' | 'decidedCount' | 'replacedCount'> | null> {
  const queue = await callApi(local.stack, 'GET', '/review-queue?limit=100', token(STAFF));
  expect(queue.status).toBe(200);
  const entry = (queue.body.items as ReviewQueueItem[]).find((i) => i.submissionId === submissionId);
  return entry ? { documentCount: entry.documentCount, decidedCount: entry.decidedCount, replacedCount: entry.replacedCount } : null;
}

/** A's license and CV, received. */
async function submissionA() {
  const a = await received(EMILY, [license(daysFromToday(400)), cv()]);
  const [oldLicense, cvId] = a.documents.map((d) => d.documentId) as [string, string];
  return { a, oldLicense, cvId };
}

/** The credentials step's versions, killed after superseding a document and before recording it on its submission. */
const killedBeforeRecording = (real: DocumentVersions): DocumentVersions =>
  Object.assign(Object.create(real) as DocumentVersions, {
    recordReplaced: async () => {
      throw new Error('process killed');
    },
  });

describe('the review queue with a document replaced while in review', () => {
  it('counts it as replaced, not undecided, and a decision made on it before as not counting: 1 decided + 1 replaced of 2', async () => {
    // Prepare: A's license rejected (the wrong file), its CV undecided
    const { a, oldLicense, cvId } = await submissionA();
    expect((await review(oldLicense, WRONG_FILE)).status).toBe(200);
    expect(await counts(a.submissionId)).toEqual({ documentCount: 2, decidedCount: 1, replacedCount: 0 });

    // Act 1: Emily sends the right license; its intake workflow supersedes the old one
    const b = await received(EMILY, [license(daysFromToday(400), { fileName: 'the-right-license.pdf', replacesDocumentId: oldLicense })]);

    // Assess 1: the rejection no longer counts; the license is replaced; B is a submission of its own
    expect(await counts(a.submissionId)).toEqual({ documentCount: 2, decidedCount: 0, replacedCount: 1 });
    expect(await counts(b.submissionId)).toEqual({ documentCount: 1, decidedCount: 0, replacedCount: 0 });
    expect((await item(a.submissionId)).replacedDocuments).toEqual([oldLicense]);

    // Act 2: the CV verified
    expect((await review(cvId, { decision: 'VERIFIED' })).status).toBe(200);

    // Assess 2: decided + replaced = every document — and completing agrees nothing is left
    expect(await counts(a.submissionId)).toEqual({ documentCount: 2, decidedCount: 1, replacedCount: 1 });
    expect((await complete(a.submissionId)).body).toEqual({ submissionId: a.submissionId, status: 'VERIFIED' });
    expect(await counts(a.submissionId)).toBeNull();
  });

  it('records it once when the credentials step dies after superseding and before recording, then runs again five times at once', async () => {
    // Prepare: A's CV verified; B's replacement of the license received, its credentials step not run yet
    const { a, oldLicense, cvId } = await submissionA();
    expect((await review(cvId, { decision: 'VERIFIED' })).status).toBe(200);
    const b = await replacementNotYetRecorded({ submissionId: a.submissionId, documentId: oldLicense }, 'CRD-TEST-QUEU-0001');

    // Act 1: the step supersedes the license and dies
    await expect(b.land(killedBeforeRecording, 'crashed')).rejects.toThrow('process killed');

    // Assess 1: superseded, not yet recorded — until the step runs again the queue still counts it undecided
    expect(await item(a.submissionId, oldLicense)).toMatchObject({ status: 'SUPERSEDED', supersededBy: { submissionId: b.submissionId } });
    expect(await counts(a.submissionId)).toEqual({ documentCount: 2, decidedCount: 1, replacedCount: 0 });

    // Act 2: the workflow's retries, five at once
    await Promise.all(Array.from({ length: 5 }, (_, i) => b.land(undefined, `retry-${i}`)));

    // Assess 2: listed once; nothing left to decide; one audit event for the one fact
    expect((await item(a.submissionId)).replacedDocuments).toEqual([oldLicense]);
    expect(await counts(a.submissionId)).toEqual({ documentCount: 2, decidedCount: 1, replacedCount: 1 });
    expect((await auditTypes(a.submissionId)).filter((type) => type === 'DOCUMENT_SUPERSEDED')).toHaveLength(1);

    // Act 3 / Assess 3: the recording write once more on its own changes nothing
    await adapters().versions.recordReplaced({ submissionId: a.submissionId, documentId: oldLicense });
    expect((await item(a.submissionId)).replacedDocuments).toEqual([oldLicense]);
  });

  it('is recorded by a later replacement that finds a newer version already in its place', async () => {
    // Prepare: B replaced A's license, and its step died before recording it
    const { a, oldLicense } = await submissionA();
    const b = await replacementNotYetRecorded({ submissionId: a.submissionId, documentId: oldLicense }, 'CRD-TEST-QUEU-0002');
    await expect(b.land(killedBeforeRecording)).rejects.toThrow('process killed');

    // Act: C names A's license too (sent from an older page); its step finds B's license in its place and replaces that
    const c = await replacementNotYetRecorded({ submissionId: a.submissionId, documentId: oldLicense }, 'CRD-TEST-QUEU-0003');
    const result = await c.land();

    // Assess: A lists its license (once), B lists its own
    expect(result.superseded).toEqual([b.documentId]);
    expect((await item(a.submissionId)).replacedDocuments).toEqual([oldLicense]);
    expect((await item(b.submissionId)).replacedDocuments).toEqual([b.documentId]);
    expect(await counts(a.submissionId)).toEqual({ documentCount: 2, decidedCount: 0, replacedCount: 1 });
  });
});

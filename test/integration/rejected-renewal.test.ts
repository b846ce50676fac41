/**
 * A renewal rejected in review: the verified license she still holds takes its place back — it is
 * current again, on the expiring list and reminded of — and the next version replaces both.
 */
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/adapters/system-clock.js';
import type { Caller } from '../../src/domain/caller.js';
import type { SubmissionRepository } from '../../src/ports/submission-repository.js';
import { applyReviewOutcome } from '../../src/use-cases/apply-review-outcome.js';
import { completeReview } from '../../src/use-cases/complete-review.js';
import { runExpiryReminders } from '../../testkit/expiry-jobs.js';
import { callApi, mailbox } from '../../testkit/local-api.js';
import { replacementSteps } from './support/replacements.js';
import { reviewCalls } from './support/review.js';
import { EMILY, STAFF, useLocalRuntime } from './support/runtime.js';
import { daysFromToday, license, submit, type Submitted } from './support/submissions.js';

const local = useLocalRuntime('rejected-renewal');
const { adapters, replacementNotYetRecorded } = replacementSteps(local);
const { review, complete, auditTypes, staffId } = reviewCalls(local);
const get = (path: string, user = EMILY) => callApi(local.stack, 'GET', path, local.tokens[user]!);
const CA = { details: { licenseNumber: 'RR-500600', jurisdiction: 'CA' } };

async function submitted(documents: Parameters<typeof submit>[2]): Promise<Submitted> {
  const result = await submit(local.stack, local.tokens[EMILY]!, documents);
  await local.runtime.workflowsIdle();
  return result;
}

async function decided(submission: Submitted, decision: 'VERIFIED' | 'REJECTED'): Promise<void> {
  const body = decision === 'VERIFIED' ? { decision } : { decision, reasonCode: 'ILLEGIBLE', reason: 'The renewed license is too blurred to read.' };
  expect((await review(submission.documents[0]!.documentId, body)).status).toBe(200);
  expect((await complete(submission.submissionId)).status).toBe(200);
  await local.runtime.workflowsIdle();
}

const documentIn = async (submissionId: string) => (await get(`/submissions/${submissionId}`)).body.documents[0];
const expiringIds = async () => ((await get('/credentials/expiring?days=90&limit=100', STAFF)).body.items as { document: { documentId: string } }[]).map((item) => item.document.documentId);

describe('a renewal rejected in review', () => {
  let verified: Submitted;
  let renewal: Submitted;

  it('gives the verified license its place back: current, expiring, reminded of, audited once', async () => {
    // Prepare: a verified license expiring in 60 days; its renewal received (the license superseded)
    verified = await submitted([license(daysFromToday(60), CA)]);
    await decided(verified, 'VERIFIED');
    renewal = await submitted([license(daysFromToday(60 + 730), { ...CA, fileName: 'blurred-renewal.pdf', replacesDocumentId: verified.documents[0]!.documentId })]);
    expect(await documentIn(verified.submissionId)).toMatchObject({ status: 'SUPERSEDED' });
    expect(await expiringIds()).not.toContain(verified.documents[0]!.documentId);

    // Act: staff reject the renewal
    await decided(renewal, 'REJECTED');

    // Assess: the license is verified and current again, the rejected renewal in its history
    const onFile = await documentIn(verified.submissionId);
    expect(onFile).toMatchObject({ status: 'VERIFIED' });
    expect(onFile.supersededBy).toBeUndefined();
    const credential = (await get('/credentials')).body.credentials.find((c: { current: { details: { licenseNumber: string } } }) => c.current.details.licenseNumber === 'RR-500600');
    expect(credential).toMatchObject({ current: { documentId: verified.documents[0]!.documentId }, standing: 'EXPIRING', action: 'RENEW' });
    expect(credential.versions.map((v: { documentId: string; status: string }) => [v.documentId, v.status])).toEqual([
      [renewal.documents[0]!.documentId, 'REJECTED'],
      [verified.documents[0]!.documentId, 'VERIFIED'],
    ]);
    // …on the staff expiring list, and reminded of by the daily job
    expect(await expiringIds()).toContain(verified.documents[0]!.documentId);
    await runExpiryReminders(local.stack, daysFromToday(0));
    const reminders = (await mailbox(local.stack)).filter((email) => email.destination.to.includes(EMILY) && email.subject.startsWith('Reminder: your Medical License (CA) expires in 60 days'));
    expect(reminders).toHaveLength(1);
    // …audited once on the license's submission, however often the step runs again
    await applyReviewOutcome(adapters(), renewal.submissionId, 'retried-apply');
    expect((await auditTypes(verified.submissionId)).filter((type) => type === 'DOCUMENT_REINSTATED')).toHaveLength(1);
  });

  it('is replaced, with the license it renewed, by the next version sent for it', async () => {
    // Act: "Replace" on the rejected renewal, as its email offers
    const next = await submitted([license(daysFromToday(60 + 730), { ...CA, fileName: 'clear-renewal.pdf', replacesDocumentId: renewal.documents[0]!.documentId })]);

    // Assess: both earlier versions replaced by it; one credential, current the new one; off the expiring list
    expect(next.status).toBe('RECEIVED');
    for (const earlier of [verified, renewal]) expect(await documentIn(earlier.submissionId)).toMatchObject({ status: 'SUPERSEDED', supersededBy: { documentId: next.documents[0]!.documentId } });
    const credentials = (await get('/credentials')).body.credentials.filter((c: { current: { details: { licenseNumber: string } } }) => c.current.details.licenseNumber === 'RR-500600');
    expect(credentials.map((c: { current: { documentId: string }; versions: unknown[] }) => [c.current.documentId, c.versions.length])).toEqual([[next.documents[0]!.documentId, 3]]);
    expect(await expiringIds()).not.toContain(verified.documents[0]!.documentId);
    expect((await get(`/submissions/${renewal.submissionId}`)).body.replacedBy).toEqual([{ submissionId: next.submissionId, referenceNumber: next.referenceNumber }]);
    // The license's trail: superseded by the renewal, current again, superseded by the next version — each once
    expect((await auditTypes(verified.submissionId)).filter((type) => type.startsWith('DOCUMENT_'))).toEqual(['DOCUMENT_REVIEWED', 'DOCUMENT_SUPERSEDED', 'DOCUMENT_REINSTATED', 'DOCUMENT_SUPERSEDED']);
  });

  it('leaves the license replaced when the next version lands while the rejection is carried out', async () => {
    // Prepare: a verified license, its renewal rejected and the review committed, its outcome not yet applied
    const oregon = { details: { licenseNumber: 'RR-900100', jurisdiction: 'OR' }, issuingAuthority: 'Oregon Medical Board' };
    const onFile = await submitted([license(daysFromToday(50), oregon)]);
    await decided(onFile, 'VERIFIED');
    const rejected = await submitted([license(daysFromToday(50 + 730), { ...oregon, replacesDocumentId: onFile.documents[0]!.documentId })]);
    await review(rejected.documents[0]!.documentId, { decision: 'REJECTED', reasonCode: 'ILLEGIBLE', reason: 'Too blurred to read.' });
    const { repository, audit } = adapters();
    const staff: Caller = { userId: staffId(), email: STAFF, name: 'Casey Reviewer', role: 'staff', requestId: 'complete-not-applied', sourceIp: null };
    const notStarted = { start: async () => 'STARTED' as const, status: async () => 'SUCCEEDED' as const };
    await completeReview({ repository, audit, clock: systemClock, timeZone: 'America/New_York', outcomeWorkflow: notStarted }, staff, rejected.submissionId);

    // Act: the outcome is applied, and the next version of the renewal lands right after the step read the submission
    const next = await replacementNotYetRecorded({ submissionId: rejected.submissionId, documentId: rejected.documents[0]!.documentId }, 'CRD-TEST-RNWL-0001');
    let reads = 0;
    const landingAfterRead: SubmissionRepository = Object.assign(Object.create(repository) as SubmissionRepository, {
      get: async (submissionId: string) => {
        const read = await repository.get(submissionId);
        if (++reads === 1) await next.land();
        return read;
      },
    });
    const applied = await applyReviewOutcome({ ...adapters(), repository: landingAfterRead }, rejected.submissionId, 'apply-while-landing');

    // Assess: nothing reinstated; the license stays replaced by the rejected renewal, whose place the newest version took
    expect(applied.reinstated).toEqual([]);
    expect(await documentIn(onFile.submissionId)).toMatchObject({ status: 'SUPERSEDED' });
    expect(await auditTypes(onFile.submissionId)).not.toContain('DOCUMENT_REINSTATED');
    expect(await expiringIds()).not.toContain(onFile.documents[0]!.documentId);
  });

  it('is replaced too when she renews the license itself from "My credentials"', async () => {
    // Prepare: another verified license, its renewal rejected (the license reinstated)
    const nevada = { details: { licenseNumber: 'RR-700800', jurisdiction: 'NV' }, issuingAuthority: 'Nevada State Board of Medical Examiners' };
    const onFile = await submitted([license(daysFromToday(45), nevada)]);
    await decided(onFile, 'VERIFIED');
    const rejected = await submitted([license(daysFromToday(45 + 730), { ...nevada, replacesDocumentId: onFile.documents[0]!.documentId })]);
    await decided(rejected, 'REJECTED');
    expect(await documentIn(onFile.submissionId)).toMatchObject({ status: 'VERIFIED' });

    // Act: Renew on the license (it names the license, not the rejected renewal)
    const next = await submitted([license(daysFromToday(45 + 730), { ...nevada, replacesDocumentId: onFile.documents[0]!.documentId })]);

    // Assess: the license and its rejected renewal are both replaced by it; the renewal's submission reads as replaced
    for (const earlier of [onFile, rejected]) expect(await documentIn(earlier.submissionId)).toMatchObject({ status: 'SUPERSEDED', supersededBy: { documentId: next.documents[0]!.documentId } });
    expect((await get(`/submissions/${rejected.submissionId}`)).body.replacedBy).toEqual([{ submissionId: next.submissionId, referenceNumber: next.referenceNumber }]);
    expect((await auditTypes(rejected.submissionId)).filter((type) => type === 'DOCUMENT_SUPERSEDED')).toHaveLength(1);
  });
});

/**
 * A document replaced by a newer version while its submission is in review is decided by its
 * replacement (docs/review.md): against the local runtime and its real workflows, what the
 * reviewer, the provider, the email and the audit trail see — and the race where the replacement
 * lands between complete-review's read and its commit, or after the commit.
 */
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/adapters/system-clock.js';
import type { Caller } from '../../src/domain/caller.js';
import type { SubmissionRepository } from '../../src/ports/submission-repository.js';
import { applyReviewOutcome } from '../../src/use-cases/apply-review-outcome.js';
import { completeReview } from '../../src/use-cases/complete-review.js';
import { callApi } from '../../testkit/local-api.js';
import { replacementSteps } from './support/replacements.js';
import { reviewCalls } from './support/review.js';
import { EMILY, STAFF, useLocalRuntime } from './support/runtime.js';
import { cv, daysFromToday, license } from './support/submissions.js';

const local = useLocalRuntime('replaced-in-review');
const { token, review, complete, get, emailsAbout, item, received, staffId } = reviewCalls(local);
const { adapters, replacementNotYetRecorded } = replacementSteps(local);

const WRONG_FILE = { decision: 'REJECTED', reason: 'This is your DEA registration, not your medical license.', reasonCode: 'WRONG_DOCUMENT' };
const REPLACED_LINE = 'Replaced by the newer version you sent';

async function audit(submissionId: string) {
  const body = (await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, token(STAFF))).body;
  expect(body.chainIntact).toBe(true);
  return body.events as { type: string; details: Record<string, unknown> }[];
}

/** A's license and CV, received; the confirmation email sent. */
const submissionA = () => received(EMILY, [license(daysFromToday(400)), cv()]);

/** A with its license rejected (the wrong file) and its CV verified. */
async function decidedA() {
  const a = await submissionA();
  const [oldLicense, cvId] = a.documents.map((d) => d.documentId) as [string, string];
  expect((await review(oldLicense, WRONG_FILE)).status).toBe(200);
  expect((await review(cvId, { decision: 'VERIFIED' })).status).toBe(200);
  return { a, oldLicense, cvId };
}

/** The provider sends the right file for `documentId` through the portal; its intake workflow supersedes the old one. */
const sendReplacement = (documentId: string) => received(EMILY, [license(daysFromToday(400), { fileName: 'the-right-license.pdf', replacesDocumentId: documentId })]);

const caller = (requestId: string): Caller => ({ userId: staffId(), email: STAFF, name: 'Casey Reviewer', role: 'staff', requestId, sourceIp: null });
/** The outcome workflow not started yet: the next complete-review call (any reviewer's) carries the outcome out. */
const notStarted = { start: async () => 'STARTED' as const, status: async () => 'SUCCEEDED' as const };

describe('a document replaced while its submission is in review', () => {
  it('needs no decision: the review completes VERIFIED, the old version stays SUPERSEDED, and the one email asks for nothing', async () => {
    // Prepare: A received; the reviewer rejects the license (wrong file); Emily sends the right one in B
    const a = await submissionA();
    const [oldLicense, cvId] = a.documents.map((d) => d.documentId) as [string, string];
    expect((await review(oldLicense, WRONG_FILE)).status).toBe(200);
    const b = await sendReplacement(oldLicense);
    const newLicense = b.documents[0]!.documentId;

    // Act 1: complete while the CV is undecided
    const tooEarly = await complete(a.submissionId);

    // Assess 1: only the CV is named; the replaced license is not asked for
    expect(tooEarly).toEqual({
      status: 409,
      body: { error: { code: 'CONFLICT', message: 'Every document needs a decision before the review can be completed.', details: [{ path: 'documents.1', message: 'Curriculum Vitae (curriculum_vitae.pdf) has no decision yet.' }] } },
    });

    // Act 2: the CV verified, the review completed without deciding the license again
    expect((await review(cvId, { decision: 'VERIFIED' })).status).toBe(200);
    const completed = await complete(a.submissionId);
    await local.runtime.workflowsIdle();

    // Assess 2: statuses, as Emily and staff see them
    expect(completed).toEqual({ status: 200, body: { submissionId: a.submissionId, status: 'VERIFIED' } });
    const emily = (await get(a.submissionId, EMILY)).body;
    expect(emily.status).toBe('VERIFIED');
    expect(emily.documents.map((d: { status: string; review?: { decision: string } }) => [d.status, d.review?.decision])).toEqual([
      ['SUPERSEDED', undefined],
      ['VERIFIED', 'VERIFIED'],
    ]);
    expect(emily.documents[0].supersededBy).toEqual({ submissionId: b.submissionId, documentId: newLicense });
    expect((await get(a.submissionId, STAFF)).body.documents[0]).toMatchObject({ status: 'SUPERSEDED', review: { decision: 'REJECTED' } });
    expect(await item(a.submissionId, oldLicense)).toMatchObject({ status: 'SUPERSEDED', supersededBy: { submissionId: b.submissionId, documentId: newLicense } });
    expect((await item(a.submissionId, oldLicense)).review).toBeUndefined();
    expect((await get(b.submissionId, EMILY)).body).toMatchObject({ status: 'RECEIVED', documents: [{ documentId: newLicense, status: 'PENDING_REVIEW' }] });

    // Assess 2: the license's history shows the old version replaced, never verified or rejected
    const history = (await callApi(local.stack, 'GET', `/documents/${oldLicense}/history`, token(EMILY))).body;
    expect(history.credential.versions.map((v: { documentId: string; status: string }) => [v.documentId, v.status])).toEqual([
      [newLicense, 'PENDING_REVIEW'],
      [oldLicense, 'SUPERSEDED'],
    ]);
    expect(history.credential.versions[1].review).toBeUndefined();

    // Assess 2: exactly one outcome email; the license listed as replaced, nothing asked
    const emails = await emailsAbout(a.referenceNumber);
    expect(emails).toHaveLength(1);
    const text = emails[0]!.body.text;
    expect(emails[0]!.subject).toBe(`Your credentialing documents are verified — ${a.referenceNumber}`);
    expect(text).toContain('- Curriculum Vitae [Verified]');
    expect(text).toContain('- Medical License (CA) [Replaced]\n  File: medical_license.pdf');
    expect(text).toContain(`${REPLACED_LINE} (reference ${b.referenceNumber}) — reviewed with that submission.`);
    expect(text).not.toMatch(/Not verified|upload\?replaces=|Upload a replacement/);

    // Assess 2: the audit trail — both decisions made, the replacement, the outcome without the license
    const events = await audit(a.submissionId);
    expect(events.map((e) => e.type)).toEqual([
      'SUBMISSION_CREATED',
      'SUBMISSION_SUBMITTED',
      'SUBMISSION_RECEIVED',
      'CONFIRMATION_EMAIL_SENT',
      'DOCUMENT_REVIEWED',
      'DOCUMENT_SUPERSEDED',
      'DOCUMENT_REVIEWED',
      'SUBMISSION_VERIFIED',
      'OUTCOME_EMAIL_SENT',
    ]);
    expect(events.filter((e) => e.type === 'DOCUMENT_REVIEWED').map((e) => [e.details.documentId, e.details.decision])).toEqual([
      [oldLicense, 'REJECTED'],
      [cvId, 'VERIFIED'],
    ]);
    expect(events.find((e) => e.type === 'SUBMISSION_VERIFIED')!.details).toMatchObject({ verifiedDocuments: [cvId], rejectedDocuments: [], replacedDocuments: [oldLicense] });
  });

  it('still answers 409 naming documents.0 when the license is undecided and not replaced', async () => {
    // Prepare
    const a = await submissionA();
    await review(a.documents[1]!.documentId, { decision: 'VERIFIED' });

    // Act
    const response = await complete(a.submissionId);

    // Assess
    expect(response.status).toBe(409);
    expect(response.body.error.details).toEqual([{ path: 'documents.0', message: 'Medical License (medical_license.pdf) has no decision yet.' }]);
    expect((await item(a.submissionId)).status).toBe('IN_REVIEW');
  });

  it('completes a submission whose every document was replaced before any decision: VERIFIED, one email that says so', async () => {
    // Prepare: A with a license only, never decided (still RECEIVED); its replacement received
    const a = await received(EMILY, [license(daysFromToday(400))]);
    const b = await sendReplacement(a.documents[0]!.documentId);

    // Act
    const completed = await complete(a.submissionId);
    await local.runtime.workflowsIdle();

    // Assess
    expect(completed.body).toEqual({ submissionId: a.submissionId, status: 'VERIFIED' });
    expect(await item(a.submissionId, a.documents[0]!.documentId)).toMatchObject({ status: 'SUPERSEDED' });
    const emails = await emailsAbout(a.referenceNumber);
    expect(emails.map((e) => e.subject)).toEqual([`Nothing more is needed for submission ${a.referenceNumber} — you sent newer versions`]);
    expect(emails[0]!.body.text).toContain(`${REPLACED_LINE} (reference ${b.referenceNumber}) — reviewed with that submission.`);
    expect(emails[0]!.body.text).not.toMatch(/\[Verified\]|Upload a replacement/);
    const events = await audit(a.submissionId);
    expect(events.map((e) => e.type)).not.toContain('DOCUMENT_REVIEWED');
    expect(events.find((e) => e.type === 'SUBMISSION_VERIFIED')!.details).toMatchObject({ verifiedDocuments: [], rejectedDocuments: [], replacedDocuments: [a.documents[0]!.documentId] });
  });
});

describe('a replacement racing the completion', () => {
  it('landing between complete-review\'s read and its commit: the commit fails, is made again without it, VERIFIED', async () => {
    // Prepare: license rejected, CV verified; the replacement lands right before the first commit attempt
    const { a, oldLicense, cvId } = await decidedA();
    const b = await replacementNotYetRecorded({ submissionId: a.submissionId, documentId: oldLicense }, 'CRD-TEST-RACE-0001');
    const { repository, audit: auditLog } = adapters();
    const commits: (string | null)[] = [];
    const racing: SubmissionRepository = Object.assign(Object.create(repository) as SubmissionRepository, {
      completeReview: async (...args: Parameters<SubmissionRepository['completeReview']>) => {
        if (commits.length === 0) await b.land();
        const result = await repository.completeReview(...args);
        commits.push(result?.status ?? null);
        return result;
      },
    });

    // Act: the reviewer's call (its workflow started by the next call, the API's)
    const result = await completeReview({ repository: racing, audit: auditLog, clock: systemClock, timeZone: 'America/New_York', outcomeWorkflow: notStarted }, caller('complete-racing'), a.submissionId);
    const again = await complete(a.submissionId);
    await local.runtime.workflowsIdle();

    // Assess: the first commit failed (the revision moved on), the second saw the replacement
    expect(commits).toEqual([null, 'VERIFIED']);
    expect(result).toEqual({ submissionId: a.submissionId, status: 'VERIFIED' });
    expect(again.body).toEqual(result);
    expect(await item(a.submissionId, oldLicense)).toMatchObject({ status: 'SUPERSEDED', supersededBy: { submissionId: b.submissionId } });
    expect((await item(a.submissionId, cvId)).status).toBe('VERIFIED');
    const emails = await emailsAbout(a.referenceNumber);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.body.text).toContain(`${REPLACED_LINE} (reference CRD-TEST-RACE-0001) — reviewed with that submission.`);
    const events = await audit(a.submissionId);
    expect(events.filter((e) => e.type === 'SUBMISSION_VERIFIED')).toHaveLength(1);
    expect(events.find((e) => e.type === 'SUBMISSION_VERIFIED')!.details).toMatchObject({ rejectedDocuments: [], replacedDocuments: [oldLicense] });
    expect(events.filter((e) => e.type === 'OUTCOME_EMAIL_SENT')).toHaveLength(1);
  });

  it('landing after the commit, while the outcome is applied: it stays SUPERSEDED, the email asks for nothing, the submission reads as replaced', async () => {
    // Prepare: license rejected, CV verified, the review committed ACTION_REQUIRED (its workflow not started)
    const { a, oldLicense, cvId } = await decidedA();
    const { repository, audit: auditLog } = adapters();
    const committed = await completeReview({ repository, audit: auditLog, clock: systemClock, timeZone: 'America/New_York', outcomeWorkflow: notStarted }, caller('complete-first'), a.submissionId);
    const b = await replacementNotYetRecorded({ submissionId: a.submissionId, documentId: oldLicense }, 'CRD-TEST-RACE-0002');

    // Act: the replacement lands; the outcome workflow runs (started by the next complete-review call)
    await b.land();
    const again = await complete(a.submissionId);
    await local.runtime.workflowsIdle();

    // Assess: the outcome stands as committed; the replaced license is never overwritten
    expect(committed.status).toBe('ACTION_REQUIRED');
    expect(again.body).toEqual({ submissionId: a.submissionId, status: 'ACTION_REQUIRED' });
    expect(await item(a.submissionId, oldLicense)).toMatchObject({ status: 'SUPERSEDED', supersededBy: { submissionId: b.submissionId } });
    expect((await item(a.submissionId, oldLicense)).review).toBeUndefined();
    expect((await item(a.submissionId, cvId)).status).toBe('VERIFIED');
    const emily = (await get(a.submissionId, EMILY)).body;
    expect(emily.replacedBy).toEqual([{ submissionId: b.submissionId, referenceNumber: 'CRD-TEST-RACE-0002' }]);
    const emails = await emailsAbout(a.referenceNumber);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.body.text).toContain('- Medical License (CA) [Replaced]');
    expect(emails[0]!.body.text).not.toMatch(/Upload a replacement|upload\?replaces=/);
    const events = await audit(a.submissionId);
    expect(events.find((e) => e.type === 'SUBMISSION_ACTION_REQUIRED')!.details).toMatchObject({ rejectedDocuments: [oldLicense], verifiedDocuments: [cvId] });
    expect(events.filter((e) => e.type === 'OUTCOME_EMAIL_SENT')).toHaveLength(1);
  });

  it('landing between the apply step\'s read and its write: the conditional write leaves SUPERSEDED', async () => {
    // Prepare: committed ACTION_REQUIRED; the replacement lands right after the apply step read the documents
    const { a, oldLicense, cvId } = await decidedA();
    const { repository, audit: auditLog } = adapters();
    await completeReview({ repository, audit: auditLog, clock: systemClock, timeZone: 'America/New_York', outcomeWorkflow: notStarted }, caller('complete-apply-race'), a.submissionId);
    const b = await replacementNotYetRecorded({ submissionId: a.submissionId, documentId: oldLicense }, 'CRD-TEST-RACE-0003');

    const reads: string[] = [];
    const landingAfterRead: SubmissionRepository = Object.assign(Object.create(repository) as SubmissionRepository, {
      get: async (submissionId: string) => {
        const read = await repository.get(submissionId);
        reads.push(read!.documents[0]!.status);
        if (reads.length === 1) await b.land();
        return read;
      },
    });

    // Act: the workflow's first step, with the replacement landing after its read
    const applied = await applyReviewOutcome({ ...adapters(), repository: landingAfterRead }, a.submissionId, 'apply-race');

    // Assess
    expect(reads).toEqual(['PENDING_REVIEW']);
    expect(applied).toEqual({ submissionId: a.submissionId, outcome: 'ACTION_REQUIRED', reinstated: [] });
    expect(await item(a.submissionId, oldLicense)).toMatchObject({ status: 'SUPERSEDED', supersededBy: { submissionId: b.submissionId } });
    expect((await item(a.submissionId, cvId)).status).toBe('VERIFIED');
  });
});

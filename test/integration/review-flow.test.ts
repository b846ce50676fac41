/**
 * The credentialing team's half against the local runtime: decisions, completion, the outcome
 * workflow (second state machine of the template), the email and the audit trail — and what
 * happens when two reviewers act at once, or a process dies after the commit point.
 */
import { randomUUID } from 'node:crypto';
import { SFNClient } from '@aws-sdk/client-sfn';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { fromSubmissionItem, toSubmissionItem } from '../../src/adapters/dynamodb-intake-items.js';
import { DynamoDbSubmissionRepository } from '../../src/adapters/dynamodb-submission-repository.js';
import { systemClock } from '../../src/adapters/system-clock.js';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import type { Caller } from '../../src/domain/caller.js';
import { S3AuditAnchors } from '../../src/adapters/s3-audit-anchors.js';
import { StepFunctionsWorkflowStarter } from '../../src/adapters/sfn-workflow-starter.js';
import { DynamoDbAuditLog } from '../../src/adapters/dynamodb-audit-log.js';
import { completeReview, reviewOutcomeExecutionName } from '../../src/use-cases/complete-review.js';
import { reviewDocument } from '../../src/use-cases/review-document.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/provision.js';
import { recordReviewOutcome } from '../../src/use-cases/record-review-outcome.js';
import { fiveDocuments } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { runReconciler } from './support/intake.js';
import { reviewCalls } from './support/review.js';
import { EMILY, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('review-flow');
const { token, review, complete, get, auditTypes, emailsAbout, item, received, staffId } = reviewCalls(local);

const MARKUP_REASON = '<script>alert("x")</script> The license image is <b>blurred</b>; send a clear scan & both pages.';

describe('a review that ends in ACTION_REQUIRED', () => {
  it('records decisions (changeable), refuses to complete while any is missing, then tells the provider exactly once', async () => {
    // Prepare
    const { submissionId, referenceNumber, documents } = await received(EMILY, fiveDocuments());
    const [license, ...others] = documents.map((d) => d.documentId);

    // Act 1: a rejection without a reason, then with one; Emily looks
    const noReason = await review(license!, { decision: 'REJECTED', reasonCode: 'ILLEGIBLE' });
    const rejected = await review(license!, { decision: 'REJECTED', reason: MARKUP_REASON, reasonCode: 'ILLEGIBLE' });
    const emilyMeanwhile = await get(submissionId, EMILY);
    const tooEarly = await complete(submissionId);

    // Assess 1
    expect(noReason).toEqual({ status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'The decision is not complete.', details: [{ path: 'reason', message: 'Write the reason the provider will read: a rejection needs one.' }] } } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ documentId: license, documentType: 'MEDICAL_LICENSE', status: 'PENDING_REVIEW' });
    expect(rejected.body.review).toEqual({ decision: 'REJECTED', reason: MARKUP_REASON, reasonCode: 'ILLEGIBLE', reviewedAt: expect.any(String), reviewedBy: { name: expect.any(String), email: STAFF }, decisionId: expect.any(String) });
    expect(emilyMeanwhile.body.status).toBe('IN_REVIEW');
    expect(emilyMeanwhile.body.documents.every((d: { review?: unknown }) => d.review === undefined)).toBe(true);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error).toEqual({
      code: 'CONFLICT',
      message: 'Every document needs a decision before the review can be completed.',
      details: [
        { path: 'documents.1', message: 'Board Certification (abim-certificate.png) has no decision yet.' },
        { path: 'documents.2', message: 'DEA Registration (dea-registration.jpg) has no decision yet.' },
        { path: 'documents.3', message: 'Curriculum Vitae (emily-johnson-cv.docx) has no decision yet.' },
        { path: 'documents.4', message: 'Malpractice Insurance (malpractice-coi.pdf) has no decision yet.' },
      ],
    });

    // Act 2: a change of mind and back, the others verified, then complete (twice)
    await review(license!, { decision: 'VERIFIED' });
    await review(license!, { decision: 'REJECTED', reason: MARKUP_REASON, reasonCode: 'ILLEGIBLE' });
    for (const documentId of others) expect((await review(documentId, { decision: 'VERIFIED' })).status).toBe(200);
    const completed = await complete(submissionId);
    const repeated = await complete(submissionId);
    await local.runtime.workflowsIdle();
    const afterwards = await review(others[0]!, { decision: 'REJECTED', reason: 'Changed my mind too late.' });

    // Assess 2: the outcome, as staff and as Emily see it
    expect(completed).toEqual({ status: 200, body: { submissionId, status: 'ACTION_REQUIRED' } });
    expect(repeated).toEqual(completed);
    expect(afterwards.status).toBe(409);
    expect(afterwards.body.error.message).toBe('The review of this submission is complete: its decisions can no longer be changed.');
    const emily = (await get(submissionId, EMILY)).body;
    expect(emily).toMatchObject({ status: 'ACTION_REQUIRED', decidedAt: expect.any(String), daysToDecision: 0, reviewDueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(emily.documents.map((d: { status: string; review: { decision: string } }) => [d.status, d.review.decision])).toEqual([
      ['REJECTED', 'REJECTED'],
      ...others.map(() => ['VERIFIED', 'VERIFIED']),
    ]);
    expect(emily.documents[0].review).toEqual({ decision: 'REJECTED', reason: MARKUP_REASON, reasonCode: 'ILLEGIBLE', reviewedAt: expect.any(String) });
    expect((await get(submissionId, STAFF)).body.documents[0].review.reviewedBy.email).toBe(STAFF);

    // Assess 2: the documents' own records carry their decision (what expiry and replacements read)
    expect(await item(submissionId, license)).toMatchObject({ status: 'REJECTED', review: { decision: 'REJECTED', reason: MARKUP_REASON } });
    expect(await item(submissionId, others[3])).toMatchObject({ status: 'VERIFIED', review: { decision: 'VERIFIED' } });
    expect(await item(submissionId)).toMatchObject({ status: 'ACTION_REQUIRED', emailsSent: { ACTION_REQUIRED: expect.any(String) } });
    expect((await item(submissionId)).gsiQueue).toBeUndefined();
    expect((await item(submissionId))[INTAKE_INDEXES.unsentOutcomes.partitionKey]).toBeUndefined();

    // Assess 2: exactly one email, the reason as text, a link to replace exactly that document
    const emails = await emailsAbout(referenceNumber);
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email!.destination.to).toEqual([EMILY]);
    expect(email!.subject).toContain('Action needed');
    expect(email!.body.text).toContain(`Reason: ${MARKUP_REASON}`);
    expect(email!.body.text).toContain(`${local.stack.portalUrl}/upload?replaces=${license}`);
    expect(email!.body.text).toContain('- Medical License (CA) [Not verified]\n  File: ca-medical-license.pdf');
    expect(email!.body.text).toContain('- Board Certification [Verified]\n  File: abim-certificate.png');
    expect(email!.body.html).not.toContain('<script>');
    expect(email!.body.html).not.toContain('<b>blurred</b>');
    expect(email!.body.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; The license image is &lt;b&gt;blurred&lt;/b&gt;; send a clear scan &amp; both pages.');

    // Assess 2: the audit trail — every decision (a change of mind is its own event), one outcome, one email
    const audit = (await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, token(STAFF))).body;
    expect(audit.chainIntact).toBe(true);
    expect(audit.events.map((e: { type: string }) => e.type)).toEqual([
      'SUBMISSION_CREATED',
      'SUBMISSION_SUBMITTED',
      'SUBMISSION_RECEIVED',
      'CONFIRMATION_EMAIL_SENT',
      ...Array(3 + others.length).fill('DOCUMENT_REVIEWED'),
      'SUBMISSION_ACTION_REQUIRED',
      'OUTCOME_EMAIL_SENT',
    ]);
    const decisions = audit.events.filter((e: { type: string }) => e.type === 'DOCUMENT_REVIEWED');
    expect(decisions.slice(0, 3).map((e: { details: { documentId: string; decision: string } }) => [e.details.documentId, e.details.decision])).toEqual([
      [license, 'REJECTED'],
      [license, 'VERIFIED'],
      [license, 'REJECTED'],
    ]);
    expect(decisions[0]).toMatchObject({ actor: { type: 'staff' }, details: { reasonCode: 'ILLEGIBLE', reason: MARKUP_REASON } });
    const outcome = audit.events.find((e: { type: string }) => e.type === 'SUBMISSION_ACTION_REQUIRED');
    expect(outcome).toMatchObject({ actor: { type: 'staff' }, details: { rejectedDocuments: [license], verifiedDocuments: others, daysToDecision: 0 } });
    expect(audit.events.at(-1)).toMatchObject({ actor: { type: 'system', id: 'review-outcome-workflow' }, details: { outcome: 'ACTION_REQUIRED', emailMessageId: expect.any(String) } });
  });
});

describe('a review that ends in VERIFIED', () => {
  it('verifies every document, emails what happens next, and audits SUBMISSION_VERIFIED', async () => {
    // Prepare
    const { submissionId, referenceNumber, documents } = await received(EMILY, fiveDocuments().slice(0, 2));

    // Act
    for (const { documentId } of documents) await review(documentId, { decision: 'VERIFIED' });
    const completed = await complete(submissionId);
    await local.runtime.workflowsIdle();

    // Assess
    expect(completed.body).toEqual({ submissionId, status: 'VERIFIED' });
    const emily = (await get(submissionId, EMILY)).body;
    expect(emily.documents.map((d: { status: string }) => d.status)).toEqual(['VERIFIED', 'VERIFIED']);
    const emails = await emailsAbout(referenceNumber);
    expect(emails.map((e) => e.subject)).toEqual([`Your credentialing documents are verified — ${referenceNumber}`]);
    expect(emails[0]!.body.text).toContain('There is nothing more you need to send.');
    expect(emails[0]!.body.text).toContain('What happens next');
    expect((await auditTypes(submissionId)).slice(-2)).toEqual(['SUBMISSION_VERIFIED', 'OUTCOME_EMAIL_SENT']);
  });
});

describe('a reason with characters that are not text', () => {
  it('answers 400 naming the reason and stores nothing, for a lone half of a UTF-16 pair, a control and a direction mark', async () => {
    // Prepare
    const { submissionId, documents } = await received(EMILY, fiveDocuments().slice(0, 1));
    const rejection = (reason: string) => ({ decision: 'REJECTED', reasonCode: 'OTHER', reason });

    // Act: JSON carries the lone half escaped (\ud83d), as any client's JSON.stringify writes it
    const responses = await Promise.all(['The seal \uD83D is missing.', 'Erased\u0008 text.', 'Send \u202Efdp.exe'].map((reason) => review(documents[0]!.documentId, rejection(reason))));

    // Assess
    expect(responses.map((r) => [r.status, r.body.error.code, r.body.error.details])).toEqual([
      [400, 'VALIDATION_FAILED', [{ path: 'reason', message: 'The reason contains characters that are not valid text. Retype it as plain text.' }]],
      [400, 'VALIDATION_FAILED', [{ path: 'reason', message: 'The reason contains control characters. Retype it as plain text.' }]],
      [400, 'VALIDATION_FAILED', [{ path: 'reason', message: 'The reason contains hidden text-direction characters. Retype it as plain text.' }]],
    ]);
    expect(await item(submissionId)).toMatchObject({ status: 'RECEIVED', reviews: {} });
    expect(await auditTypes(submissionId)).not.toContain('DOCUMENT_REVIEWED');
  });
});

describe('two reviewers at once', () => {
  it('loses no decision when every document is decided at the same moment', async () => {
    // Prepare
    const { submissionId, documents } = await received(EMILY, fiveDocuments());

    // Act
    const responses = await Promise.all(documents.map(({ documentId }, index) => review(documentId, index === 2 ? { decision: 'REJECTED', reason: 'Expired.', reasonCode: 'EXPIRED' } : { decision: 'VERIFIED' })));

    // Assess
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const stored = await item(submissionId);
    expect(stored.status).toBe('IN_REVIEW');
    expect(Object.keys(stored.reviews).sort()).toEqual(documents.map((d) => d.documentId).sort());
    expect(stored.reviewRevision).toBe(5);
    expect((await auditTypes(submissionId)).filter((t: string) => t === 'DOCUMENT_REVIEWED')).toHaveLength(5);
  });

  it('records the same decision sent twenty-five times at once (a stuck double click) once', async () => {
    // Prepare
    const { submissionId, documents } = await received(EMILY, fiveDocuments().slice(0, 1));
    const body = { decision: 'REJECTED', reason: 'The seal is missing.', reasonCode: 'INCOMPLETE' };

    // Act
    const responses = await Promise.all(Array.from({ length: 25 }, () => review(documents[0]!.documentId, body)));

    // Assess
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(responses.map((r) => r.body.review.decision))).toEqual(new Set(['REJECTED']));
    const stored = await item(submissionId);
    expect(stored).toMatchObject({ status: 'IN_REVIEW', reviewRevision: 1 });
    expect((await auditTypes(submissionId)).filter((t: string) => t === 'DOCUMENT_REVIEWED')).toHaveLength(1);
  });

  it('keeps the audit trail in the order decisions landed when two reviewers decide one document differently at once', async () => {
    // Prepare: one document per round; reviewers keep changing their minds on it at the same moment
    const rounds = await Promise.all(Array.from({ length: 4 }, () => received(EMILY, fiveDocuments().slice(0, 1))));

    for (const { submissionId, documents } of rounds) {
      // Act
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) => review(documents[0]!.documentId, i % 2 ? { decision: 'VERIFIED' } : { decision: 'REJECTED', reason: `Reason ${i % 4}.`, reasonCode: 'OTHER' })),
      );

      // Assess: each call landed or was told to try again; the trail's last decision is the one that stands
      expect(responses.every((r) => r.status === 200 || (r.status === 409 && r.body.error.code === 'CONFLICT'))).toBe(true);
      const stored = (await item(submissionId)).reviews[documents[0]!.documentId];
      const audit = (await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, token(STAFF))).body;
      const decisions = audit.events.filter((e: { type: string }) => e.type === 'DOCUMENT_REVIEWED');
      expect(decisions.at(-1)).toMatchObject({ requestId: stored.requestId, details: { decision: stored.decision, reason: stored.reason } });
      expect(audit.chainIntact).toBe(true);
    }
  });

  it('sends one email and records one outcome when ten completes arrive together', async () => {
    // Prepare
    const { submissionId, referenceNumber, documents } = await received(EMILY, fiveDocuments().slice(0, 3));
    for (const { documentId } of documents) await review(documentId, { decision: 'VERIFIED' });

    // Act
    const responses = await Promise.all(Array.from({ length: 10 }, () => complete(submissionId)));
    await local.runtime.workflowsIdle();

    // Assess
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(responses.map((r) => r.body.status))).toEqual(new Set(['VERIFIED']));
    expect(await emailsAbout(referenceNumber)).toHaveLength(1);
    const types = await auditTypes(submissionId);
    expect(types.filter((t: string) => t === 'SUBMISSION_VERIFIED')).toHaveLength(1);
    expect(types.filter((t: string) => t === 'OUTCOME_EMAIL_SENT')).toHaveLength(1);
  });

  it('never completes with a stale outcome when a decision changes while another reviewer completes', async () => {
    // Prepare: everything verified
    const { submissionId, referenceNumber, documents } = await received(EMILY, fiveDocuments());
    for (const { documentId } of documents) await review(documentId, { decision: 'VERIFIED' });

    // Act: one reviewer completes while another rejects a document
    const [completed, changed] = await Promise.all([complete(submissionId), review(documents[4]!.documentId, { decision: 'REJECTED', reason: 'Wrong policy.', reasonCode: 'WRONG_DOCUMENT' })]);
    await local.runtime.workflowsIdle();

    // Assess: whichever landed first, the outcome matches the decisions it was made from
    const stored = await item(submissionId);
    const anyRejected = Object.values(stored.reviews as Record<string, { decision: string }>).some((r) => r.decision === 'REJECTED');
    expect(stored.status).toBe(anyRejected ? 'ACTION_REQUIRED' : 'VERIFIED');
    expect(completed.body.status).toBe(stored.status);
    expect(changed.status === 200 ? anyRejected : changed.status === 409 && !anyRejected).toBe(true);
    expect(await emailsAbout(referenceNumber)).toHaveLength(1);
  });
});

describe('a crash right after the commit point', () => {
  it('is healed by the next complete-review call: the outcome is carried out once, audited as the first call made it', async () => {
    // Prepare: decisions made; a completing process that dies right after its conditional flip
    // (its audit log fails), wired here with the real DynamoDB adapter.
    const { submissionId, referenceNumber, documents } = await received(EMILY, fiveDocuments().slice(0, 2));
    for (const { documentId } of documents) await review(documentId, { decision: 'VERIFIED' });
    const caller: Caller = { userId: staffId(), email: STAFF, name: 'Casey Reviewer', role: 'staff', requestId: 'request-that-died', sourceIp: '203.0.113.7' };
    const dies = () => Promise.reject(new Error('process killed'));
    const deps = {
      repository: new DynamoDbSubmissionRepository(local.db, local.stack.tables.intake),
      audit: { record: dies, list: dies, anchors: dies },
      outcomeWorkflow: { start: dies, status: dies },
      clock: systemClock,
      timeZone: 'America/New_York',
    };
    await expect(completeReview(deps, caller, submissionId)).rejects.toThrow('process killed');
    await local.runtime.workflowsIdle();
    const stranded = await item(submissionId);

    // Act: the reviewer (or the reconciler) completes again
    const retried = await complete(submissionId);
    await local.runtime.workflowsIdle();

    // Assess
    expect(stranded).toMatchObject({ status: 'VERIFIED', emailsSent: { RECEIVED: expect.any(String) } });
    expect(stranded.emailsSent.VERIFIED).toBeUndefined();
    expect(retried).toEqual({ status: 200, body: { submissionId, status: 'VERIFIED' } });
    expect(await emailsAbout(referenceNumber)).toHaveLength(1);
    expect((await get(submissionId, EMILY)).body.documents.map((d: { status: string }) => d.status)).toEqual(['VERIFIED', 'VERIFIED']);
    const audit = (await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, token(STAFF))).body;
    const verified = audit.events.filter((e: { type: string }) => e.type === 'SUBMISSION_VERIFIED');
    expect(verified).toHaveLength(1);
    expect(verified[0]).toMatchObject({ actor: { type: 'staff', id: staffId() }, requestId: 'request-that-died', sourceIp: '203.0.113.7', details: { reviewerName: 'Casey Reviewer' } });
    expect(audit.chainIntact).toBe(true);
  });
});

describe('a decision whose audit event a crash cut', () => {
  it('is audited when the reviewer sends it again, once, so a later change of mind loses no fact', async () => {
    // Prepare: the decision is stored, then the process dies before its audit event (the reviewer sees an error)
    const { submissionId, documents } = await received(EMILY, fiveDocuments().slice(0, 1));
    const license = documents[0]!.documentId;
    const rejection = { decision: 'REJECTED', reason: 'The seal is missing.', reasonCode: 'INCOMPLETE' };
    const dies = () => Promise.reject(new Error('process killed'));
    const caller: Caller = { userId: staffId(), email: STAFF, name: 'Casey Reviewer', role: 'staff', requestId: 'decision-that-died', sourceIp: '203.0.113.7' };
    const deps = { repository: new DynamoDbSubmissionRepository(local.db, local.stack.tables.intake), audit: { record: dies, list: dies, anchors: dies }, clock: systemClock };
    await expect(reviewDocument(deps, caller, license, () => rejection)).rejects.toThrow('process killed');

    // Act: she sends the same rejection again, then changes her mind
    const again = await review(license, rejection);
    const afterRetry = (await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, token(STAFF))).body.events;
    await review(license, { decision: 'VERIFIED' });

    // Assess: the rejection is a fact of the trail, once, as the request that made it
    expect(again.status).toBe(200);
    const reviewed = (events: { type: string; details: { decision: string } }[]) => events.filter((e) => e.type === 'DOCUMENT_REVIEWED');
    expect(reviewed(afterRetry)).toEqual([expect.objectContaining({ requestId: 'decision-that-died', sourceIp: '203.0.113.7', details: expect.objectContaining({ decision: 'REJECTED', reason: 'The seal is missing.' }) })]);
    const audit = (await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, token(STAFF))).body;
    expect(reviewed(audit.events).map((e) => e.details.decision)).toEqual(['REJECTED', 'VERIFIED']);
    expect(audit.chainIntact).toBe(true);
  });
});

describe('an outcome nobody carried out', () => {
  const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);
  const dies = () => Promise.reject(new Error('process killed'));
  const caller = (requestId: string): Caller => ({ userId: staffId(), email: STAFF, name: 'Casey Reviewer', role: 'staff', requestId, sourceIp: null });
  const repository = () => new DynamoDbSubmissionRepository(local.db, local.stack.tables.intake);
  /** The scheduled reconciler runs `minutes[0]` minutes from now, then again at `minutes[1]`; each report once its executions ended. */
  const reconcileTwice = async (runId: string, minutes: [number, number] = [3, 8]) => {
    const reports = [];
    for (const [run, at] of minutes.entries()) {
      reports.push(await runReconciler(local.stack, minutesFromNow(at), `${runId}-${run}`));
      await local.runtime.workflowsIdle();
    }
    return reports;
  };
  /** Carried out once: the documents' statuses, one email, one audit event per fact. */
  const expectCarriedOutOnce = async (submissionId: string, referenceNumber: string, statuses: string[], outcomeEvent: string) => {
    expect((await get(submissionId, EMILY)).body.documents.map((d: { status: string }) => d.status)).toEqual(statuses);
    expect(await emailsAbout(referenceNumber)).toHaveLength(1);
    const types = await auditTypes(submissionId);
    expect(types.filter((t) => t === outcomeEvent)).toHaveLength(1);
    expect(types.filter((t) => t === 'OUTCOME_EMAIL_SENT')).toHaveLength(1);
  };

  it('is carried out by the reconciler when the completing call died after its commit and no reviewer completes again', async () => {
    // Prepare: the completing process dies right after its flip (the reviewer sees an error; the screen then shows the review complete)
    const { submissionId, referenceNumber, documents } = await received(EMILY, fiveDocuments().slice(0, 2));
    await review(documents[0]!.documentId, { decision: 'VERIFIED' });
    await review(documents[1]!.documentId, { decision: 'REJECTED', reason: 'The seal is missing.', reasonCode: 'INCOMPLETE' });
    const deps = { repository: repository(), audit: { record: dies, list: dies, anchors: dies }, outcomeWorkflow: { start: dies, status: dies }, clock: systemClock, timeZone: 'America/New_York' };
    await expect(completeReview(deps, caller('complete-that-died'), submissionId)).rejects.toThrow('process killed');

    // Act: the scheduled reconciler runs (twice: the second must change nothing)
    await reconcileTwice(`reconcile-${submissionId}`);

    // Assess: the documents took their decisions, one email, one audit event per fact
    await expectCarriedOutOnce(submissionId, referenceNumber, ['VERIFIED', 'REJECTED'], 'SUBMISSION_ACTION_REQUIRED');
  });

  it('is carried out by the reconciler in a new execution when the first one failed', async () => {
    // Prepare: the outcome execution `review-{id}` ran and failed (here: started before the
    // completion, so its first step finds no outcome); the completion's own start then finds the name taken
    const { submissionId, referenceNumber, documents } = await received(EMILY, fiveDocuments().slice(1, 2));
    await review(documents[0]!.documentId, { decision: 'VERIFIED' });
    const sfn = new SFNClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: local.stack.endpoints.stepfunctions });
    const reviewMachine = Object.entries(local.stack.stateMachines).find(([id]) => id.startsWith('ReviewWorkflow'))![1];
    const outcomeWorkflow = new StepFunctionsWorkflowStarter<{ submissionId: string }>(sfn, reviewMachine);
    await outcomeWorkflow.start(reviewOutcomeExecutionName(submissionId), { submissionId });
    await local.runtime.workflowsIdle();
    const audit = new DynamoDbAuditLog(local.db, local.stack.tables.audit, new S3AuditAnchors(local.s3, local.stack.auditAnchorBucketName));
    await completeReview({ repository: repository(), audit, outcomeWorkflow, clock: systemClock, timeZone: 'America/New_York' }, caller('complete-after-failure'), submissionId);
    await local.runtime.workflowsIdle();
    const firstExecution = await outcomeWorkflow.status(reviewOutcomeExecutionName(submissionId));

    // Act
    await reconcileTwice(`reconcile-${submissionId}`);
    sfn.destroy();

    // Assess
    expect(firstExecution).toBe('FAILED');
    await expectCarriedOutOnce(submissionId, referenceNumber, ['VERIFIED'], 'SUBMISSION_VERIFIED');
  });
  it('is found however many decided submissions came after it, and a second run finds nothing', async () => {
    // Prepare: the completing call dies after its flip; then 1,050 newer decided submissions whose
    // emails went out (history written directly: what the table holds after months of reviews),
    // more than the reconciler's bounded pages of the byStatus partition ever reached
    const { submissionId, referenceNumber, documents } = await received(EMILY, fiveDocuments().slice(1, 2));
    await review(documents[0]!.documentId, { decision: 'VERIFIED' });
    const deps = { repository: repository(), audit: { record: dies, list: dies, anchors: dies }, outcomeWorkflow: { start: dies, status: dies }, clock: systemClock, timeZone: 'America/New_York' };
    await expect(completeReview(deps, caller('complete-that-died-long-ago'), submissionId)).rejects.toThrow('process killed');
    const stranded = fromSubmissionItem(await item(submissionId));
    const newer = Array.from({ length: 1_050 }, (_, i) =>
      toSubmissionItem({
        ...stranded,
        submissionId: randomUUID(),
        referenceNumber: null,
        createdAt: new Date(Date.parse(stranded.createdAt) + 1_000 + i).toISOString(),
        emailsSent: { RECEIVED: `seeded-received-${i}`, VERIFIED: `seeded-verified-${i}` },
      }),
    );
    for (let i = 0; i < newer.length; i += 25) {
      await local.db.send(new BatchWriteCommand({ RequestItems: { [local.stack.tables.intake]: newer.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }

    // Act: the scheduled reconciler runs, then again later
    const [first, second] = await reconcileTwice(`reconcile-exact-${submissionId}`, [3, 30]);

    // Assess: carried out once (one email, one audit event per fact); the second run has nothing to do
    expect(first!.reviewOutcomes).toEqual({ started: [submissionId] });
    expect(second!.reviewOutcomes).toEqual({});
    await expectCarriedOutOnce(submissionId, referenceNumber, ['VERIFIED'], 'SUBMISSION_VERIFIED');
    expect((await item(submissionId))[INTAKE_INDEXES.unsentOutcomes.partitionKey]).toBeUndefined();
  });
});

describe('an outcome email that cannot be sent', () => {
  it('is recorded as NOTIFICATION_FAILED, and a re-drive sends it once', async () => {
    // Prepare: completed, but the workflow's email step failed past its retries (its Catch hands
    // the error to the audit step, which runs here with the real DynamoDB adapters).
    const { submissionId, referenceNumber, documents } = await received(EMILY, fiveDocuments().slice(1, 2));
    await review(documents[0]!.documentId, { decision: 'VERIFIED' });
    const repository = new DynamoDbSubmissionRepository(local.db, local.stack.tables.intake);
    const audit = new DynamoDbAuditLog(local.db, local.stack.tables.audit, new S3AuditAnchors(local.s3, local.stack.auditAnchorBucketName));
    const caller: Caller = { userId: staffId(), email: STAFF, name: 'Casey Reviewer', role: 'staff', requestId: 'complete-1', sourceIp: null };
    await completeReview({ repository, audit, clock: systemClock, timeZone: 'America/New_York', outcomeWorkflow: { start: async () => 'STARTED' as const, status: async () => 'SUCCEEDED' as const } }, caller, submissionId);
    await recordReviewOutcome({ repository, audit, clock: systemClock }, { submissionId, executionId: 'execution-that-failed', email: { Error: 'SESv2.ServiceUnavailable' } });

    // Act: the re-drive (here: a reviewer completing again)
    const redriven = await complete(submissionId);
    await local.runtime.workflowsIdle();

    // Assess
    expect(redriven.body).toEqual({ submissionId, status: 'VERIFIED' });
    const events = (await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, token(STAFF))).body.events as { type: string; details: Record<string, unknown> }[];
    expect(events.map((e) => e.type).slice(-3)).toEqual(['SUBMISSION_VERIFIED', 'NOTIFICATION_FAILED', 'OUTCOME_EMAIL_SENT']);
    expect(events.find((e) => e.type === 'NOTIFICATION_FAILED')!.details).toEqual({ kind: 'VERIFIED', error: 'SESv2.ServiceUnavailable' });
    expect(await emailsAbout(referenceNumber)).toHaveLength(1);
  });
});

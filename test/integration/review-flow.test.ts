/**
 * The credentialing team's half against the local runtime: the queue, decisions, completion, the
 * outcome workflow (second state machine of the template), the email and the audit trail — and
 * what happens when two reviewers act at once.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbSubmissionRepository } from '../../src/adapters/dynamodb-submission-repository.js';
import { systemClock } from '../../src/adapters/system-clock.js';
import type { Caller } from '../../src/domain/caller.js';
import { DynamoDbAuditLog } from '../../src/adapters/dynamodb-audit-log.js';
import { completeReview } from '../../src/use-cases/complete-review.js';
import { recordReviewOutcome } from '../../src/use-cases/record-review-outcome.js';
import { createAndUpload, fiveDocuments, submitReceived, type TestDocument } from '../../testkit/intake-documents.js';
import { callApi, mailbox, type Email } from '../../testkit/local-api.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('review-flow');
const token = (user: string) => local.tokens[user]!;
const review = (documentId: string, body: unknown, user = STAFF) => callApi(local.stack, 'POST', `/documents/${documentId}/review`, token(user), body);
const complete = (submissionId: string, user = STAFF) => callApi(local.stack, 'POST', `/submissions/${submissionId}/complete-review`, token(user));
const get = (submissionId: string, user: string) => callApi(local.stack, 'GET', `/submissions/${submissionId}`, token(user));
const auditTypes = async (submissionId: string) => (await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, token(STAFF))).body.events.map((e: { type: string }) => e.type);
const emailsAbout = async (reference: string): Promise<Email[]> => (await mailbox(local.stack)).filter((e) => e.subject.includes(reference) && !e.subject.startsWith('We received'));
const item = async (submissionId: string, documentId?: string) =>
  (await local.db.send(new GetCommand({ TableName: local.stack.tables.intake, Key: { pk: `SUBMISSION#${submissionId}`, sk: documentId ? `DOCUMENT#${documentId}` : '#SUBMISSION' } }))).Item!;

/** Received, with the intake workflow's last steps (confirmation email, its audit event) done. */
async function received(user: string, documents: TestDocument[]) {
  const submission = await submitReceived(local.stack, token(user), documents);
  await local.runtime.workflowsIdle();
  return submission;
}

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
    expect(rejected.body.review).toEqual({ decision: 'REJECTED', reason: MARKUP_REASON, reasonCode: 'ILLEGIBLE', reviewedAt: expect.any(String), reviewedBy: { name: expect.any(String), email: STAFF } });
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
    const staffId = JSON.parse(Buffer.from(token(STAFF).split('.')[1]!, 'base64url').toString('utf8')).sub as string;
    const caller: Caller = { userId: staffId, email: STAFF, name: 'Casey Reviewer', role: 'staff', requestId: 'request-that-died', sourceIp: '203.0.113.7' };
    const dies = () => Promise.reject(new Error('process killed'));
    const deps = {
      repository: new DynamoDbSubmissionRepository(local.db, local.stack.tables.intake),
      audit: { record: dies, list: dies },
      outcomeWorkflow: { start: dies },
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
    expect(verified[0]).toMatchObject({ actor: { type: 'staff', id: staffId }, requestId: 'request-that-died', sourceIp: '203.0.113.7', details: { reviewerName: 'Casey Reviewer' } });
    expect(audit.chainIntact).toBe(true);
  });
});

describe('an outcome email that cannot be sent', () => {
  it('is recorded as NOTIFICATION_FAILED, and a re-drive sends it once', async () => {
    // Prepare: completed, but the workflow's email step failed past its retries (its Catch hands
    // the error to the audit step, which runs here with the real DynamoDB adapters).
    const { submissionId, referenceNumber, documents } = await received(EMILY, fiveDocuments().slice(1, 2));
    await review(documents[0]!.documentId, { decision: 'VERIFIED' });
    const staffId = JSON.parse(Buffer.from(token(STAFF).split('.')[1]!, 'base64url').toString('utf8')).sub as string;
    const repository = new DynamoDbSubmissionRepository(local.db, local.stack.tables.intake);
    const audit = new DynamoDbAuditLog(local.db, local.stack.tables.audit);
    const caller: Caller = { userId: staffId, email: STAFF, name: 'Casey Reviewer', role: 'staff', requestId: 'complete-1', sourceIp: null };
    await completeReview({ repository, audit, clock: systemClock, timeZone: 'America/New_York', outcomeWorkflow: { start: async () => undefined } }, caller, submissionId);
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

describe('who may review', () => {
  it('refuses providers with 403 on every review route, and hides other providers\' documents from them', async () => {
    // Prepare
    const { submissionId, documents } = await received(EMILY, fiveDocuments().slice(1, 2));
    const documentId = documents[0]!.documentId;

    // Act
    const attempts = await Promise.all([
      review(documentId, { decision: 'VERIFIED' }, EMILY),
      review(documentId, { decision: 'VERIFIED' }, MICHAEL),
      complete(submissionId, EMILY),
      callApi(local.stack, 'GET', '/review-queue', token(EMILY)),
    ]);
    const anonymous = await callApi(local.stack, 'POST', `/documents/${documentId}/review`, null, { decision: 'VERIFIED' });

    // Assess
    for (const attempt of attempts) expect(attempt).toEqual({ status: 403, body: { error: { code: 'FORBIDDEN', message: 'Only credentialing staff can do this.' } } });
    expect(anonymous.status).toBe(401);
    expect((await item(submissionId)).status).toBe('RECEIVED');
  });

  it('answers 409 for a decision on a submission that is not waiting for review, and for completing one that was never received', async () => {
    // Prepare: a draft never submitted
    const { submissionId, documents } = await createAndUpload(local.stack, token(MICHAEL), fiveDocuments().slice(0, 1));

    // Act
    const decision = await review(documents[0]!.documentId, { decision: 'VERIFIED' });
    const completion = await complete(submissionId);

    // Assess
    expect(decision.status).toBe(409);
    expect(decision.body.error.message).toBe('This submission is not waiting for review: only received submissions can be reviewed.');
    expect(completion.status).toBe(409);
  });
});

describe('hostile decisions', () => {
  it('refuses malformed requests with the field to fix, and ids that are not ids with 404 — never a 5xx, nothing recorded', async () => {
    // Prepare
    const { submissionId, documents } = await received(MICHAEL, fiveDocuments().slice(0, 1));
    const documentId = documents[0]!.documentId;
    const path = `/documents/${documentId}/review`;
    const post = (body: unknown, headers: Record<string, string> = {}) => callApi(local.stack, 'POST', path, token(STAFF), body, headers);

    // Act
    const responses = {
      notJson: await post('{"decision": "VERIFIED"', {}),
      wrongType: await post('decision=VERIFIED', { 'Content-Type': 'application/x-www-form-urlencoded' }),
      notAnObject: await post([{ decision: 'VERIFIED' }]),
      unknownField: await post({ decision: 'VERIFIED', reviewedBy: 'someone else' }),
      reasonNotText: await post({ decision: 'REJECTED', reason: 42 }),
      reasonTooLong: await post({ decision: 'REJECTED', reason: 'x'.repeat(1001) }),
      hugeBody: await post({ decision: 'REJECTED', reason: 'x'.repeat(2 * 1024 * 1024) }),
      reviewNotAnId: await callApi(local.stack, 'POST', '/documents/..%2F..%2Fadmin/review', token(STAFF), { decision: 'VERIFIED' }),
      reviewUnknown: await callApi(local.stack, 'POST', `/documents/${crypto.randomUUID()}/review`, token(STAFF), { decision: 'VERIFIED' }),
      completeNotAnId: await callApi(local.stack, 'POST', '/submissions/%00/complete-review', token(STAFF)),
      completeUnknown: await callApi(local.stack, 'POST', `/submissions/${crypto.randomUUID()}/complete-review`, token(STAFF)),
    };

    // Assess
    const summary = Object.fromEntries(Object.entries(responses).map(([name, r]) => [name, [r.status, r.body?.error?.code, r.body?.error?.details?.map((d: { path: string }) => d.path)]]));
    expect(summary).toEqual({
      notJson: [400, 'VALIDATION_FAILED', ['(body)']],
      wrongType: [415, 'UNSUPPORTED_MEDIA_TYPE', undefined],
      notAnObject: [400, 'VALIDATION_FAILED', ['(body)']],
      unknownField: [400, 'VALIDATION_FAILED', ['reviewedBy']],
      reasonNotText: [400, 'VALIDATION_FAILED', ['reason']],
      reasonTooLong: [400, 'VALIDATION_FAILED', ['reason']],
      hugeBody: [413, 'PAYLOAD_TOO_LARGE', undefined],
      reviewNotAnId: [404, 'NOT_FOUND', undefined],
      reviewUnknown: [404, 'NOT_FOUND', undefined],
      completeNotAnId: [404, 'NOT_FOUND', undefined],
      completeUnknown: [404, 'NOT_FOUND', undefined],
    });
    expect(responses.unknownField.body.error.details[0].message).toMatch(/reviewedBy/);
    expect(await item(submissionId)).toMatchObject({ status: 'RECEIVED', reviewRevision: 0, reviews: {} });
  });
});

describe('the review queue', () => {
  it('lists received and in-review submissions oldest first, with days waiting and the due date, filters and pages — never drafts', async () => {
    // Prepare: Michael's three submissions, the second one in review, and a draft
    const first = await received(MICHAEL, fiveDocuments().slice(0, 1));
    const second = await received(MICHAEL, fiveDocuments().slice(2, 3));
    const third = await received(MICHAEL, fiveDocuments().slice(3, 4));
    await review(second.documents[0]!.documentId, { decision: 'VERIFIED' });
    const draft = await createAndUpload(local.stack, token(MICHAEL), fiveDocuments().slice(4, 5));
    const mine = new Set([first.submissionId, second.submissionId, third.submissionId, draft.submissionId]);
    const ours = (items: { submissionId: string }[]) => items.filter((i) => mine.has(i.submissionId)).map((i) => i.submissionId);

    // Act
    const queue = await callApi(local.stack, 'GET', '/review-queue?limit=100', token(STAFF));
    const inReview = await callApi(local.stack, 'GET', '/review-queue?status=IN_REVIEW', token(STAFF));
    const deaOnly = await callApi(local.stack, 'GET', '/review-queue?documentType=DEA_REGISTRATION&limit=100', token(STAFF));
    const pages: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await callApi(local.stack, 'GET', `/review-queue?limit=2${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`, token(STAFF));
      pages.push(...page.body.items.map((i: { submissionId: string }) => i.submissionId));
      nextToken = page.body.nextToken;
    } while (nextToken);
    const staffList = await callApi(local.stack, 'GET', '/submissions?limit=100', token(STAFF));
    const drafts = await callApi(local.stack, 'GET', '/submissions?status=AWAITING_UPLOAD', token(STAFF));
    const badFilter = await callApi(local.stack, 'GET', '/review-queue?status=VERIFIED&documentType=PASSPORT', token(STAFF));

    // Assess
    expect(ours(queue.body.items)).toEqual([first.submissionId, second.submissionId, third.submissionId]);
    const entry = queue.body.items.find((i: { submissionId: string }) => i.submissionId === second.submissionId);
    expect(entry).toEqual({
      submissionId: second.submissionId,
      referenceNumber: second.referenceNumber,
      status: 'IN_REVIEW',
      submittedAt: expect.any(String),
      reviewDueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      daysWaiting: 0,
      overdue: false,
      provider: { name: 'Michael Chen', email: MICHAEL },
      documentTypes: ['DEA_REGISTRATION'],
      documentCount: 1,
      decidedCount: 1,
    });
    expect(Date.parse(`${entry.reviewDueDate}T12:00:00Z`) - Date.parse(entry.submittedAt)).toBeGreaterThan(29 * 86_400_000);
    expect(ours(inReview.body.items)).toEqual([second.submissionId]);
    expect(ours(deaOnly.body.items)).toEqual([second.submissionId]);
    expect(pages.filter((id) => mine.has(id))).toEqual([first.submissionId, second.submissionId, third.submissionId]);
    expect(new Set(pages).size).toBe(pages.length);
    expect(ours(staffList.body.items)).not.toContain(draft.submissionId);
    expect(drafts.status).toBe(400);
    expect(drafts.body.error.details).toEqual([{ path: 'status', message: 'Drafts the provider never submitted are not listed for staff.' }]);
    expect(badFilter.body.error.details.map((d: { path: string }) => d.path)).toEqual(['status', 'documentType']);
  });
});

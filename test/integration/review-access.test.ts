/**
 * Review routes at the door: who may call them, what malformed requests get, and the queue
 * (oldest first, filters, paging, never drafts) — against the local runtime.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createAndUpload, fiveDocuments, testDocument } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { reviewCalls } from './support/review.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('review-access');
const { token, review, complete, item, received } = reviewCalls(local);

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
    // Prepare: a submission refused by its validation (never received)
    const notAPdf = testDocument('CURRICULUM_VITAE', 'cv.pdf', 'application/pdf', Buffer.from('plain text, not a PDF at all'), { issueDate: '2026-10-01', issuingAuthority: '' });
    const refused = await createAndUpload(local.stack, token(MICHAEL), [notAPdf]);
    expect((await callApi(local.stack, 'POST', `/submissions/${refused.submissionId}/submit`, token(MICHAEL))).status).toBe(202);
    await local.runtime.workflowsIdle();

    // Act
    const decision = await review(refused.documents[0]!.documentId, { decision: 'VERIFIED' });
    const completion = await complete(refused.submissionId);

    // Assess
    expect((await item(refused.submissionId)).status).toBe('REJECTED');
    expect(decision.status).toBe(409);
    expect(decision.body.error.message).toBe('This submission is not waiting for review: only received submissions can be reviewed.');
    expect(completion.status).toBe(409);
  });
});

describe('a provider\'s draft', () => {
  it('does not exist for staff until she submits it: every route to its content answers exactly as for an unknown id, while she reads it as before', async () => {
    // Prepare: Michael's draft, uploaded, not submitted; ids nobody ever had
    const { submissionId, documents } = await createAndUpload(local.stack, token(MICHAEL), fiveDocuments().slice(0, 1));
    const documentId = documents[0]!.documentId;
    const [unknownSubmission, unknownDocument] = [randomUUID(), randomUUID()];
    const staffReads = (submission: string, document: string) =>
      Promise.all([
        callApi(local.stack, 'GET', `/submissions/${submission}`, token(STAFF)),
        callApi(local.stack, 'GET', `/documents/${document}/download-url`, token(STAFF)),
        callApi(local.stack, 'GET', `/documents/${document}/history`, token(STAFF)),
        review(document, { decision: 'VERIFIED' }),
        complete(submission),
      ]);

    // Act
    const draft = await staffReads(submissionId, documentId);
    const unknown = await staffReads(unknownSubmission, unknownDocument);
    const hers = await callApi(local.stack, 'GET', `/submissions/${submissionId}`, token(MICHAEL));
    const trail = await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, token(STAFF));

    // Assess: the same 404 as an unknown id, nothing recorded; she still reads her draft
    expect(draft).toEqual(unknown);
    expect(draft.map((response) => response.status)).toEqual([404, 404, 404, 404, 404]);
    expect(draft[0]!.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No submission with that id was found.' } });
    expect(draft[1]!.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No document with that id was found.' } });
    expect(hers).toMatchObject({ status: 200, body: { submissionId, status: 'AWAITING_UPLOAD' } });
    // The trail stays the record of what happened to any submission (a discarded draft's too), without her draft's content
    expect(trail.status).toBe(200);
    expect(trail.body.events).toEqual([expect.objectContaining({ type: 'SUBMISSION_CREATED', details: { documentTypes: ['MEDICAL_LICENSE'], documentCount: 1 } })]);
    expect(await item(submissionId)).toMatchObject({ status: 'AWAITING_UPLOAD', reviews: {} });
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
      provider: { providerId: expect.any(String), name: 'Michael Chen', email: MICHAEL },
      documentTypes: ['DEA_REGISTRATION'],
      documentCount: 1,
      decidedCount: 1,
      replacedCount: 0,
      // Who decided: a colleague sees who is working on it before opening it.
      reviewers: ['Credentialing Office'],
      // The DEA registration's expiration date (testkit's sample): reviewers see what expires soon.
      earliestExpirationDate: '2028-01-31',
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

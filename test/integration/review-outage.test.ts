/**
 * The reviewer's calls while DynamoDB is briefly unreachable (the emulator stopped, same port and
 * data): a decision, the queue and completing answer 503 with Retry-After in words she can act
 * on, write nothing, and work once it is back — one decision, one outcome, one email.
 */
import { describe, expect, it } from 'vitest';
import { fiveDocuments } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { reviewCalls } from './support/review.js';
import { EMILY, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('review-outage');
const { token, review, complete, auditTypes, emailsAbout, item, received } = reviewCalls(local);

async function duringOutage<T>(act: () => Promise<T>): Promise<T> {
  await local.runtime.dynamodbOutage.begin();
  try {
    return await act();
  } finally {
    await local.runtime.dynamodbOutage.end();
  }
}

const UNAVAILABLE = { code: 'SERVICE_UNAVAILABLE', message: 'A service we depend on is briefly unavailable. Try again in a few seconds.', requestId: expect.any(String) };

describe('reviewing while DynamoDB is briefly unreachable', () => {
  it('answers 503 for a decision, the queue and completing, writes nothing, and works once it is back', async () => {
    // Prepare
    const { submissionId, referenceNumber, documents } = await received(EMILY, fiveDocuments().slice(0, 1));
    const documentId = documents[0]!.documentId;
    const auditBefore = await auditTypes(submissionId);

    // Act: a decision and the queue during the outage
    const [decided, queue] = await duringOutage(() => Promise.all([review(documentId, { decision: 'REJECTED', reason: 'Expired.', reasonCode: 'EXPIRED', replaces: null }), callApi(local.stack, 'GET', '/review-queue', token(STAFF))]));

    // Assess: refused in words, nothing written
    expect([decided.status, queue.status]).toEqual([503, 503]);
    expect([decided.body.error, queue.body.error]).toEqual([UNAVAILABLE, UNAVAILABLE]);
    expect((await item(submissionId)).reviews ?? {}).toEqual({});
    expect(await auditTypes(submissionId)).toEqual(auditBefore);

    // Act: back, the same decision lands; completing during a second outage, then after it
    expect((await review(documentId, { decision: 'REJECTED', reason: 'Expired.', reasonCode: 'EXPIRED', replaces: null })).status).toBe(200);
    const completedDuring = await duringOutage(() => complete(submissionId));
    const completed = await complete(submissionId);
    await local.runtime.workflowsIdle();

    // Assess: one decision, one outcome, one email
    expect(completedDuring.status).toBe(503);
    expect(completedDuring.body.error).toEqual(UNAVAILABLE);
    expect(completed.body).toEqual({ submissionId, status: 'ACTION_REQUIRED' });
    const types = await auditTypes(submissionId);
    expect(types.filter((type) => type === 'DOCUMENT_REVIEWED')).toHaveLength(1);
    expect(types.filter((type) => type === 'SUBMISSION_ACTION_REQUIRED')).toHaveLength(1);
    expect((await emailsAbout(referenceNumber)).map((email) => email.subject)).toEqual([`Action needed: a document needs to be replaced — ${referenceNumber}`]);
  });
});

/**
 * The staff's "expiring" list and the weekly digest count the same documents: what lapses — in
 * review, verified or expired — never a document rejected in review (her review outcome already
 * asked for a replacement), and a page is filled even when rejected ones lie in its way.
 */
import { describe, expect, it } from 'vitest';
import { runExpiryDigest } from '../../testkit/expiry-jobs.js';
import { callApi } from '../../testkit/local-api.js';
import { reviewCalls } from './support/review.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';
import { daysFromToday, dea, license } from './support/submissions.js';

const local = useLocalRuntime('expiring-list');
const { review, complete, received } = reviewCalls(local);
const get = (path: string) => callApi(local.stack, 'GET', path, local.tokens[STAFF]!);

describe('what expires soon, for staff', () => {
  it('leaves out documents rejected in review, fills its pages past them, and agrees with the digest', async () => {
    // Prepare: Emily's two licenses expiring in 10 and 11 days are rejected; Michael's DEA registration (20 days) is verified, his license (25 days) in review
    const rejected = await received(EMILY, [license(daysFromToday(10)), license(daysFromToday(11), { details: { licenseNumber: 'B777000', jurisdiction: 'NV' } })]);
    for (const doc of rejected.documents) expect((await review(doc.documentId, { decision: 'REJECTED', reasonCode: 'ILLEGIBLE', reason: 'The scan is too dark to read.' })).status).toBe(200);
    expect((await complete(rejected.submissionId)).status).toBe(200);
    const verified = await received(MICHAEL, [dea(daysFromToday(20))]);
    expect((await review(verified.documents[0]!.documentId, { decision: 'VERIFIED' })).status).toBe(200);
    expect((await complete(verified.submissionId)).status).toBe(200);
    const inReview = await received(MICHAEL, [license(daysFromToday(25), { details: { licenseNumber: 'G555111', jurisdiction: 'WA' } })]);
    await local.runtime.workflowsIdle();

    // Act: the list a page of one at a time, and the digest for today
    const listed: { document: { documentId: string; status: string } }[] = [];
    const pageSizes: number[] = [];
    let token: string | undefined;
    do {
      const page = await get(`/credentials/expiring?days=30&limit=1${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
      expect(page.status).toBe(200);
      pageSizes.push(page.body.items.length);
      listed.push(...page.body.items);
      token = page.body.nextToken;
    } while (token);
    const today = (await get('/credentials/expiring')).body.today as string;
    const digest = await runExpiryDigest(local.stack, today);

    // Assess
    expect(listed.map((item) => [item.document.documentId, item.document.status])).toEqual([
      [verified.documents[0]!.documentId, 'VERIFIED'],
      [inReview.documents[0]!.documentId, 'PENDING_REVIEW'],
    ]);
    expect(pageSizes.slice(0, 2)).toEqual([1, 1]);
    expect(digest).toMatchObject({ sent: true, expiring: listed.length, expired: 0 });
  });
});

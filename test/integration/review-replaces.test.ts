/**
 * A decision that names the one it changes (`replaces`, as the review screen sends it) lands only
 * over that one: reviewers deciding an undecided document at the same moment get exactly one
 * decision and, for every other, a 409 in words with nothing changed; one audit event per decision
 * that landed. A request without `replaces` lands over any, as before.
 */
import { describe, expect, it } from 'vitest';
import { fiveDocuments } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { reviewCalls } from './support/review.js';
import { EMILY, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('review-replaces');
const { token, review, complete, get, item, received } = reviewCalls(local);

const decisionsOn = async (submissionId: string, documentId: string) =>
  (await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, token(STAFF))).body.events.filter(
    (event: { type: string; details: { documentId?: string } }) => event.type === 'DOCUMENT_REVIEWED' && event.details.documentId === documentId,
  );

describe('decisions that name the decision they change', () => {
  it('lands exactly one of twelve different decisions sent at once on an undecided document, and refuses the rest with nothing changed', async () => {
    // Prepare
    const { submissionId, documents } = await received(EMILY, fiveDocuments().slice(0, 1));
    const documentId = documents[0]!.documentId;

    // Act: twelve pages showing "no decision yet" save twelve different decisions at once
    const bodies = Array.from({ length: 12 }, (_, i) => (i ? { decision: 'REJECTED', reason: `Reason ${i}.`, reasonCode: 'OTHER', replaces: null } : { decision: 'VERIFIED', replaces: null }));
    const responses = await Promise.all(bodies.map((body) => review(documentId, body)));

    // Assess: one 200, whose decision stands and is the one audited; eleven 409s saying who decided
    const landed = responses.filter((response) => response.status === 200);
    expect(landed).toHaveLength(1);
    expect(responses.filter((response) => response.status === 409).map((response) => response.body.error)).toEqual(
      Array.from({ length: 11 }, () => ({ code: 'CONFLICT', message: 'You decided this document in another window while this page showed an earlier decision.' })),
    );
    const stored = (await item(submissionId)).reviews[documentId];
    expect({ decision: stored.decision, reason: stored.reason }).toEqual({ decision: landed[0]!.body.review.decision, reason: landed[0]!.body.review.reason });
    expect(landed[0]!.body.review.decisionId).toBe(stored.requestId);
    expect(await decisionsOn(submissionId, documentId)).toHaveLength(1);
  });

  it('lands a change over the decision it names, refuses one over a decision that no longer stands, and lands one that names none', async () => {
    // Prepare: verified
    const { submissionId, documents } = await received(EMILY, fiveDocuments().slice(0, 1));
    const documentId = documents[0]!.documentId;
    const first = await review(documentId, { decision: 'VERIFIED', replaces: null });

    // Act
    const change = await review(documentId, { decision: 'REJECTED', reason: 'Expired.', reasonCode: 'EXPIRED', replaces: first.body.review.decisionId });
    const stale = await review(documentId, { decision: 'VERIFIED', replaces: first.body.review.decisionId });
    const again = await review(documentId, { decision: 'REJECTED', reason: 'Expired.', reasonCode: 'EXPIRED', replaces: first.body.review.decisionId });
    const unnamed = await review(documentId, { decision: 'VERIFIED' });
    const badId = await review(documentId, { decision: 'VERIFIED', replaces: 42 });
    expect((await complete(submissionId)).status).toBe(200);
    const providerView = await get(submissionId, EMILY);

    // Assess
    expect([first.status, change.status, stale.status, again.status, unnamed.status, badId.status]).toEqual([200, 200, 409, 200, 200, 400]);
    expect(badId.body.error.details).toEqual([{ path: 'replaces', message: 'Replaces must be the decisionId of the decision the page shows, or null when it shows none.' }]);
    expect((await item(submissionId)).reviews[documentId].decision).toBe('VERIFIED');
    expect((await decisionsOn(submissionId, documentId)).map((event: { details: { decision: string } }) => event.details.decision)).toEqual(['VERIFIED', 'REJECTED', 'VERIFIED']);
    // The provider sees the decision once the review is complete, never its id
    expect(providerView.body.documents[0].review).toEqual({ decision: 'VERIFIED', reason: null, reviewedAt: expect.any(String) });
  });
});

/**
 * Staff reading one provider's submissions (her page): `GET /submissions?providerId=` pages her
 * submitted ones newest first — never her drafts, never anyone else's — and every staff list
 * names the provider by id, so her name leads to her page.
 */
import { describe, expect, it } from 'vitest';
import { callApi, waitForStatus } from '../../testkit/local-api.js';
import { createAndUpload, submitReceived } from '../../testkit/intake-documents.js';
import { tokenSubject } from '../../testkit/office.js';
import { useLocalRuntime, EMILY, MICHAEL, STAFF } from './support/runtime.js';
import { cv, daysFromToday, dea } from './support/submissions.js';

const local = useLocalRuntime('provider-submissions');
const get = (path: string, user: string) => callApi(local.stack, 'GET', path, local.tokens[user]!);

async function everyPage(path: string, user: string): Promise<{ submissionId: string; status: string; provider?: { providerId: string } }[]> {
  const items = [];
  let token: string | undefined;
  do {
    const page = await get(`${path}&limit=2${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`, user);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    token = page.body.nextToken;
  } while (token);
  return items;
}

describe("staff: one provider's submissions", () => {
  it('lists her submitted ones newest first, page by page, without her drafts or anyone else', async () => {
    // Prepare: Michael sends three, keeps a draft between them; Emily sends one
    const michael = tokenSubject(local.tokens[MICHAEL]!);
    const first = await submitReceived(local.stack, local.tokens[MICHAEL]!, [dea(daysFromToday(200))]);
    await createAndUpload(local.stack, local.tokens[MICHAEL]!, [cv()]);
    const second = await submitReceived(local.stack, local.tokens[MICHAEL]!, [cv()]);
    const third = await submitReceived(local.stack, local.tokens[MICHAEL]!, [dea(daysFromToday(300))]);
    await submitReceived(local.stack, local.tokens[EMILY]!, [cv()]);

    // Act
    const hers = await everyPage(`/submissions?providerId=${michael}`, STAFF);
    const received = await everyPage(`/submissions?providerId=${michael}&status=RECEIVED`, STAFF);
    const queue = await get('/review-queue?limit=100', STAFF);

    // Assess
    expect(hers.map((s) => s.submissionId)).toEqual([third.submissionId, second.submissionId, first.submissionId]);
    expect(received.map((s) => s.submissionId)).toEqual([third.submissionId, second.submissionId, first.submissionId]);
    expect(hers.every((s) => s.provider?.providerId === michael)).toBe(true);
    expect(queue.body.items.find((i: { submissionId: string }) => i.submissionId === first.submissionId).provider).toEqual({ providerId: michael, name: 'Michael Chen', email: MICHAEL });
  });

  it("answers 400 for an id that is not one, and a provider asking for someone else's answers 404", async () => {
    // Prepare
    const michael = tokenSubject(local.tokens[MICHAEL]!);

    // Act
    const notAnId = await get('/submissions?providerId=../../etc', STAFF);
    const emilyAsksForMichael = await get(`/submissions?providerId=${michael}`, EMILY);
    const michaelAsksForHimself = await get(`/submissions?providerId=${michael}&limit=1`, MICHAEL);

    // Assess
    expect(notAnId.status).toBe(400);
    expect(notAnId.body.error.details).toEqual([{ path: 'providerId', message: 'Not a provider id: open the provider from a list.' }]);
    expect(emilyAsksForMichael.status).toBe(404);
    expect(michaelAsksForHimself.status).toBe(200);
  });
});

describe('a draft made before others and submitted after them', () => {
  it('is listed first, by when it was submitted: in her list, in All submissions and on her page', async () => {
    // Prepare: Emily makes a draft, then sends another submission
    const emily = tokenSubject(local.tokens[EMILY]!);
    const older = await createAndUpload(local.stack, local.tokens[EMILY]!, [cv()]);
    const sentFirst = await submitReceived(local.stack, local.tokens[EMILY]!, [cv()]);

    // Act: she sends the older draft
    expect((await callApi(local.stack, 'POST', `/submissions/${older.submissionId}/submit`, local.tokens[EMILY]!)).status).toBe(202);
    await waitForStatus(local.stack, local.tokens[EMILY]!, older.submissionId, (status) => status === 'RECEIVED');

    // Assess
    const order = (items: { submissionId: string }[]) => items.map((s) => s.submissionId).filter((id) => id === older.submissionId || id === sentFirst.submissionId);
    expect(order(await everyPage('/submissions?status=RECEIVED', EMILY))).toEqual([older.submissionId, sentFirst.submissionId]);
    expect(order(await everyPage('/submissions?status=RECEIVED', STAFF))).toEqual([older.submissionId, sentFirst.submissionId]);
    expect(order((await get('/submissions?limit=100', STAFF)).body.items)).toEqual([older.submissionId, sentFirst.submissionId]);
    expect(order(await everyPage(`/submissions?providerId=${emily}`, STAFF))).toEqual([older.submissionId, sentFirst.submissionId]);
  });
});

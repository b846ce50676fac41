/**
 * Page tokens as people and attackers send them back: every list answers a tampered, forged or
 * foreign `nextToken` with 400 naming `nextToken` — never a 5xx — and a genuine token of another
 * listing never shows what that listing holds. A number in a query is written in digits only.
 */
import { describe, expect, it } from 'vitest';
import { callApi } from '../../testkit/local-api.js';
import { submitReceived } from '../../testkit/intake-documents.js';
import { useLocalRuntime, EMILY, MICHAEL, STAFF } from './support/runtime.js';
import { daysFromToday, dea, license } from './support/submissions.js';

const local = useLocalRuntime('page-tokens');
const get = (path: string, user: string) => callApi(local.stack, 'GET', path, local.tokens[user]!);
const token = (value: unknown) => encodeURIComponent(Buffer.from(JSON.stringify(value)).toString('base64url'));
const REFUSED = { error: { code: 'VALIDATION_FAILED', message: 'The page token is not valid. Start again from the first page.', details: [{ path: 'nextToken', message: 'Not a token this API issued.' }] } };

describe('the expiring list refuses a page token it did not issue', () => {
  it('answers 400 naming nextToken for a cursor whose key was tampered with, and pages on with the genuine one', async () => {
    // Prepare: two documents expiring this month or next, so a page of one has a genuine cursor
    await submitReceived(local.stack, local.tokens[EMILY]!, [license(daysFromToday(20))]);
    await submitReceived(local.stack, local.tokens[MICHAEL]!, [dea(daysFromToday(25))]);
    // RECEIVED comes before the workflow's RecordCredentials step puts a document on the expiry schedule.
    await local.runtime.workflowsIdle();
    const first = await get('/credentials/expiring?days=90&limit=1', STAFF);
    expect(first.body.nextToken, JSON.stringify(first.body)).toEqual(expect.any(String));
    expect(first.status).toBe(200);
    const genuine = JSON.parse(Buffer.from(first.body.nextToken as string, 'base64url').toString('utf8')) as { at: string; key: Record<string, string> };
    const otherMonth = `${Number(genuine.at.slice(0, 4)) - 1}${genuine.at.slice(4)}`;

    // Act
    const tampered = {
      'a key of another shape': { at: genuine.at, key: { x: 1 } },
      'a key that is a list': { at: genuine.at, key: [] },
      'a key whose sort value is a number': { at: genuine.at, key: { ...genuine.key, gsiExpiry: 5 } },
      'a key of another month than the cursor': { at: genuine.at, key: { ...genuine.key, gsiExpiryMonth: otherMonth } },
      'a key of another index': { at: genuine.at, key: { pk: genuine.key.pk, sk: genuine.key.sk, gsiNoticeShard: '1', nextNoticeDate: '2027-01-01' } },
      'a key of a submission item': { at: genuine.at, key: { ...genuine.key, sk: '#SUBMISSION' } },
    };
    const answers = Object.fromEntries(await Promise.all(Object.entries(tampered).map(async ([name, cursor]) => [name, await get(`/credentials/expiring?days=90&limit=1&nextToken=${token(cursor)}`, STAFF)] as const)));
    const next = await get(`/credentials/expiring?days=90&limit=1&nextToken=${encodeURIComponent(first.body.nextToken as string)}`, STAFF);

    // Assess
    for (const [name, answer] of Object.entries(answers)) expect({ name, status: answer.status, body: answer.body }).toEqual({ name, status: 400, body: REFUSED });
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].document.documentId).not.toBe(first.body.items[0].document.documentId);
  });
});

describe('the submission lists refuse a token of another listing', () => {
  it("answers 400 for the staff list's token in a provider's list and for another provider's token, never her documents", async () => {
    // Prepare: two received submissions each, so a page of one has a token
    await submitReceived(local.stack, local.tokens[MICHAEL]!, [dea(daysFromToday(200))]);
    await submitReceived(local.stack, local.tokens[MICHAEL]!, [dea(daysFromToday(300))]);
    const michaels = await get('/submissions?limit=1', MICHAEL);
    const staffs = await get('/submissions?limit=1', STAFF);
    const queue = await get('/review-queue?limit=1', STAFF);
    expect([michaels.body.nextToken, staffs.body.nextToken, queue.body.nextToken].every(Boolean)).toBe(true);

    // Act
    const answers = {
      "Michael's token in Emily's list": await get(`/submissions?limit=1&nextToken=${encodeURIComponent(michaels.body.nextToken)}`, EMILY),
      "the staff list's token in Emily's list": await get(`/submissions?limit=1&nextToken=${encodeURIComponent(staffs.body.nextToken)}`, EMILY),
      "the queue's token in the staff list": await get(`/submissions?limit=1&nextToken=${encodeURIComponent(queue.body.nextToken)}`, STAFF),
      "the staff list's token in the queue": await get(`/review-queue?limit=1&nextToken=${encodeURIComponent(staffs.body.nextToken)}`, STAFF),
      "the expiring list's token in the queue": await get(`/review-queue?limit=1&nextToken=${token({ at: daysFromToday(0).slice(0, 7) })}`, STAFF),
    };

    // Assess
    for (const [name, answer] of Object.entries(answers)) expect({ name, status: answer.status, body: answer.body }).toEqual({ name, status: 400, body: REFUSED });
  });
});

describe('the list queries take numbers written in digits only', () => {
  it.each(['1e1', '0x10', '5.0', '%205', '-1', '0', '101', ''])('answers 400 naming limit for limit=%s on every list', async (limit) => {
    // Act
    const answers = await Promise.all([
      get(`/submissions?limit=${limit}`, EMILY),
      get(`/submissions?limit=${limit}`, STAFF),
      get(`/review-queue?limit=${limit}`, STAFF),
      get(`/credentials/expiring?limit=${limit}`, STAFF),
    ]);

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.details).toEqual([{ path: 'limit', message: 'Limit must be a whole number from 1 to 100.' }]);
    }
  });

  it('answers 400 naming days for days=3e1, and takes limit=05 as five', async () => {
    expect((await get('/credentials/expiring?days=3e1', STAFF)).body.error.details).toEqual([{ path: 'days', message: 'Days must be a whole number from 1 to 366.' }]);
    expect((await get('/submissions?limit=05', EMILY)).status).toBe(200);
  });
});

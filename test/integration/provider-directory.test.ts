/**
 * The staff directory of providers against the local runtime: who is listed (everyone who sent a
 * submission, never a draft-only provider), search by name word and email, paging, who may ask,
 * bad parameters, fifty submissions at once, the state of each file as reviews complete, and the
 * job that lists providers who submitted before the directory existed.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { providerKey } from '../../src/adapters/dynamodb-provider-directory.js';
import type { ProviderDirectoryPage } from '../../src/contract/credentials.js';
import { LOCAL_CREDENTIALS } from '../../local/local-aws.js';
import { scheduledEvent } from '../../local/scheduled-event.js';
import { createAndUpload } from '../../testkit/intake-documents.js';
import { callApi, type ApiResponse } from '../../testkit/local-api.js';
import { addProviders, inBatches, officeCv, officeLicense, seedSubmission, type OfficeUser } from '../../testkit/office.js';
import { everyDirectoryPage } from './support/directory.js';
import { daysFromToday } from './support/submissions.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('provider-directory');
const token = (username: string) => local.tokens[username]!;
const directory = (query = '', as = token(STAFF)): Promise<ApiResponse> => callApi(local.stack, 'GET', `/providers${query}`, as);
const everyPage = (q: string, limit: number) => everyDirectoryPage(local.stack, token(STAFF), q, limit);
const emailsOf = (page: ApiResponse) => (page.body as ProviderDirectoryPage).items.map((item) => item.email);


/** When she last submitted, as her own list says. */
async function newestSubmittedAt(providerToken: string): Promise<string> {
  const list = await callApi(local.stack, 'GET', '/submissions?limit=100', providerToken);
  return (list.body.items as { submittedAt: string | null }[]).flatMap((item) => (item.submittedAt ? [item.submittedAt] : [])).sort().at(-1)!;
}

let twin: OfficeUser;
let roster: OfficeUser[];
let drafter: OfficeUser;
const MICHAEL_EMAIL = 'michael.chen@example.org';

beforeAll(async () => {
  // Michael Chen (the demo provider): his CV rejected in review, his license verified and expiring in 40 days.
  const license = officeLicense('40001', daysFromToday(40), '2025-01-15');
  await seedSubmission(local.stack, token(MICHAEL), token(STAFF), [officeCv('2026-09-01'), license], 'ACTION_REQUIRED');
  // Another Michael Chen, a CV waiting for review; twenty-six more providers (two Dr. Garcias among them); one with a draft only.
  twin = (await addProviders(local.stack, 1, 'twin', [{ givenName: 'Michael', familyName: 'Chen' }]))[0]!;
  await seedSubmission(local.stack, twin.token, token(STAFF), [officeCv('2026-09-01')], 'RECEIVED');
  roster = await addProviders(local.stack, 26, 'roster');
  await inBatches(roster, 4, async (provider) => {
    const draft = await createAndUpload(local.stack, provider.token, [officeCv('2026-08-01')]);
    expect((await callApi(local.stack, 'POST', `/submissions/${draft.submissionId}/submit`, provider.token)).status).toBe(202);
  });
  drafter = (await addProviders(local.stack, 1, 'draft', [{ givenName: 'Dana', familyName: 'Draftonly' }]))[0]!;
  await createAndUpload(local.stack, drafter.token, [officeCv('2026-08-01')]);
  await local.runtime.workflowsIdle();
}, 600_000);

describe('finding a provider', () => {
  it('lists two providers of the same name, told apart by email, each with the state of her own file', async () => {
    // Act
    const found = await directory('?q=chen');

    // Assess: by family name, given name, then email; the state of each file as her page counts it
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([
      { providerId: twin.userId, name: 'Michael Chen', listedName: 'Chen, Michael', email: twin.username, lastSubmittedAt: await newestSubmittedAt(twin.token), file: { credentials: 1, awaitingReview: 1, expiring: 0, expired: 0, toReplace: 0 } },
      { providerId: expect.any(String), name: 'Michael Chen', listedName: 'Chen, Michael', email: MICHAEL_EMAIL, lastSubmittedAt: await newestSubmittedAt(token(MICHAEL)), file: { credentials: 2, awaitingReview: 0, expiring: 1, expired: 0, toReplace: 1 } },
    ]);
    expect(found.body.nextToken).toBeUndefined();
    expect(found.body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  // The other Michael Chen's address is made when the file starts: TWIN stands for it.
  it.each([
    ['chen', ['TWIN', MICHAEL_EMAIL]],
    ['CHEN', ['TWIN', MICHAEL_EMAIL]],
    ['mich', ['TWIN', MICHAEL_EMAIL]],
    ['Michael', ['TWIN', MICHAEL_EMAIL]],
    ['chen mich', ['TWIN', MICHAEL_EMAIL]],
    ['michael.c', ['TWIN', MICHAEL_EMAIL]],
    ['michael.chen@', [MICHAEL_EMAIL]],
    ['michael.chen.twin', ['TWIN']],
    ['hen', []],
  ])('finds by the start of any name word or of the email, in any case: "%s"', async (q, expected) => {
    const found = await directory(`?q=${encodeURIComponent(q)}`);
    expect(found.status).toBe(200);
    expect(emailsOf(found)).toEqual(expected.map((email) => (email === 'TWIN' ? twin.username : email)));
  });

  it('answers an empty page, with no token, when nobody matches', async () => {
    const found = await directory('?q=zzz');
    expect(found).toEqual({ status: 200, body: { today: expect.any(String), items: [] } });
  });

  it('does not list a provider whose only submission is a draft: staff cannot see a draft anywhere', async () => {
    const all = await everyPage('', 100);
    expect(all.items.map((item) => item.email)).not.toContain(drafter.username);
    expect(emailsOf(await directory('?q=draftonly'))).toEqual([]);
  });
});

describe('paging', () => {
  it('walks the whole directory by family name, five at a time, without a repeat or a gap', async () => {
    // Act
    const { items, pages } = await everyPage('', 5);

    // Assess: everyone who submitted, exactly once, in family-name order (no family name here starts another)
    const expected = [twin.username, MICHAEL_EMAIL, ...roster.map((provider) => provider.username)];
    expect(items.map((item) => item.email).sort()).toEqual(expect.arrayContaining(expected.sort()));
    expect(new Set(items.map((item) => item.providerId)).size).toBe(items.length);
    expect(items.length).toBeGreaterThanOrEqual(28);
    expect(pages).toBe(Math.ceil(items.length / 5));
    const names = items.map((item) => item.listedName.toLowerCase());
    expect(names).toEqual([...names].sort());
    // The same directory one page at a time and all at once.
    expect((await everyPage('', 100)).items).toEqual(items);
  });

  it('pages a search that skips most of the directory: one match a page, then no token', async () => {
    // Two Dr. Garcias among the roster, far apart from each other in the roster's order
    const garcias = roster.filter((provider) => provider.name.endsWith('Garcia')).map((provider) => provider.username).sort();
    expect(garcias).toHaveLength(2);

    const { items, pages } = await everyPage('garcia', 1);

    expect(items.map((item) => item.email).sort()).toEqual(garcias);
    expect(pages).toBe(2);
  });
});

describe('who may ask, and what', () => {
  it('refuses a provider with 403, as every staff route does, whatever she asks; anonymous is 401', async () => {
    const asked = await Promise.all([directory('', token(EMILY)), directory('?q=chen', token(EMILY)), directory('?limit=0', token(MICHAEL))]);
    for (const answer of asked) expect(answer).toEqual({ status: 403, body: { error: { code: 'FORBIDDEN', message: 'Only credentialing staff can do this.' } } });
    expect((await callApi(local.stack, 'GET', '/providers', null)).status).toBe(401);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    [`q=${'a'.repeat(101)}`, 'q'],
    ['q=chen%00', 'q'],
    ['q=a%20b%20c%20d%20e%20f', 'q'],
    ['nextToken=not-a-token', 'nextToken'],
    [`nextToken=${Buffer.from(JSON.stringify({ pk: 'SUBMISSION#x', sk: '#SUBMISSION' })).toString('base64url')}`, 'nextToken'],
    [`nextToken=${Buffer.from(JSON.stringify({ pk: 'PROVIDER#x', sk: '#PROVIDER', gsiDirectory: { S: 'x' } })).toString('base64url')}`, 'nextToken'],
  ])('answers 400 naming the field for ?%s', async (query, field) => {
    const answer = await directory(`?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.details.map((detail: { path: string }) => detail.path)).toEqual([field]);
  });

  it('refuses a token of another listing, or its own tampered with, with 400; the genuine one pages on', async () => {
    // Prepare: a genuine token of the staff submissions list, and of the directory
    const submissions = await callApi(local.stack, 'GET', '/submissions?limit=1', token(STAFF));
    expect(submissions.body.nextToken).toEqual(expect.any(String));
    const first = await directory('?limit=1');
    const genuine = JSON.parse(Buffer.from(first.body.nextToken as string, 'base64url').toString('utf8')) as Record<string, string>;
    const encoded = (key: unknown) => encodeURIComponent(Buffer.from(JSON.stringify(key)).toString('base64url'));

    // Act
    const answers = await Promise.all([
      directory(`?nextToken=${encodeURIComponent(submissions.body.nextToken)}`),
      directory(`?limit=1&nextToken=${encoded({ ...genuine, gsiDirectory: 'SUBMISSION' })}`),
      directory(`?limit=1&nextToken=${encoded({ ...genuine, gsiCreated: '2026-01-01' })}`),
      directory(`?limit=1&nextToken=${encoded({ pk: genuine.pk, sk: genuine.sk })}`),
    ]);
    const next = await directory(`?limit=1&nextToken=${encodeURIComponent(first.body.nextToken)}`);

    // Assess
    for (const answer of answers) expect(answer).toEqual({ status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'The page token is not valid. Start again from the first page.', details: [{ path: 'nextToken', message: 'Not a token this API issued.' }] } } });
    expect(next.status).toBe(200);
    expect(next.body.items[0].providerId).not.toBe(first.body.items[0].providerId);
  });
});

describe('keeping the directory true', () => {
  it('leaves one row with the newest submission time after fifty submissions by one provider at once', async () => {
    // Prepare: fifty drafts of Emily's, uploaded
    const drafts = await inBatches(Array.from({ length: 50 }), 4, () => createAndUpload(local.stack, token(EMILY), [officeCv('2026-07-01')]));

    // Act: all fifty submitted at once
    const submitted = await Promise.all(drafts.map((draft) => callApi(local.stack, 'POST', `/submissions/${draft.submissionId}/submit`, token(EMILY))));

    // Assess
    expect(submitted.map((answer) => answer.status)).toEqual(drafts.map(() => 202));
    const found = await directory('?q=emily');
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({ name: 'Emily Johnson', email: 'emily.johnson@example.org', lastSubmittedAt: await newestSubmittedAt(token(EMILY)) });
    await local.runtime.workflowsIdle();
  }, 300_000);

  it('counts her file from her documents now: a completed review moves her CV from waiting to verified', async () => {
    // Prepare
    const before = await directory(`?q=${encodeURIComponent(twin.username)}`);
    expect(before.body.items[0]!.file).toMatchObject({ awaitingReview: 1 });
    const submissions = await callApi(local.stack, 'GET', `/submissions?providerId=${twin.userId}`, token(STAFF));
    const submissionId = submissions.body.items[0].submissionId as string;
    const { body: submission } = await callApi(local.stack, 'GET', `/submissions/${submissionId}`, token(STAFF));

    // Act
    expect((await callApi(local.stack, 'POST', `/documents/${submission.documents[0].documentId}/review`, token(STAFF), { decision: 'VERIFIED' })).status).toBe(200);
    expect((await callApi(local.stack, 'POST', `/submissions/${submissionId}/complete-review`, token(STAFF))).status).toBe(200);
    await local.runtime.workflowsIdle();

    // Assess
    const after = await directory(`?q=${encodeURIComponent(twin.username)}`);
    expect(after.body.items[0]!.file).toEqual({ credentials: 1, awaitingReview: 0, expiring: 0, expired: 0, toReplace: 0 });
  });

  it('lists again, from the job, providers whose profile is missing (submitted before the directory existed)', async () => {
    // Prepare: two providers as they were before the directory: submissions, no profile
    const before = [twin, roster[3]!];
    for (const provider of before) await local.db.send(new DeleteCommand({ TableName: local.stack.tables.intake, Key: providerKey(provider.userId) }));
    expect(emailsOf(await directory(`?q=${encodeURIComponent(twin.username)}`))).toEqual([]);
    const lambda = new LambdaClient({ region: local.stack.region, credentials: LOCAL_CREDENTIALS, endpoint: local.stack.endpoints.lambda });

    // Act: the job, as its schedule runs it
    const event = scheduledEvent({ kind: 'rule', arn: `arn:aws:events:${local.stack.region}:000000000000:rule/ProviderDirectory` }, new Date());
    const result = await lambda.send(new InvokeCommand({ FunctionName: local.stack.scheduledJobs.providerDirectory!, Payload: JSON.stringify(event) }));
    lambda.destroy();

    // Assess: both back, each with her newest submission; nobody else changed
    const report = JSON.parse(Buffer.from(result.Payload!).toString('utf8'));
    expect(result.FunctionError, JSON.stringify(report)).toBeUndefined();
    expect(report.providers).toBe((await everyPage('', 100)).items.length);
    for (const provider of before) {
      const found = await directory(`?q=${encodeURIComponent(provider.username)}`);
      expect(found.body.items).toEqual([expect.objectContaining({ providerId: provider.userId, name: provider.name, email: provider.username, lastSubmittedAt: await newestSubmittedAt(provider.token) })]);
    }
  });
});

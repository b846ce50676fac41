/**
 * The staff directory in family-name order against the local runtime, as a credentialing office
 * files providers: a page across several providers ("Chen, Michael" before "Johnson, Emily";
 * particles, hyphens, apostrophes, accents), paging through that order, a page token from the
 * order before, and the job that files profiles kept before (a backfill): once, safe to run again,
 * and never over a newer submission's profile.
 */
import { AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { submissionKey } from '../../src/adapters/dynamodb-intake-items.js';
import { DynamoDbProviderDirectory, providerKey } from '../../src/adapters/dynamodb-provider-directory.js';
import type { ProviderDirectoryEntry } from '../../src/contract/credentials.js';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import { foldForSearch, searchText } from '../../src/domain/provider-directory.js';
import { LOCAL_CREDENTIALS } from '../../local/local-aws.js';
import { scheduledEvent } from '../../local/scheduled-event.js';
import { createAndUpload } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { addProviders, inBatches, officeCv, signInAs, type OfficeUser } from '../../testkit/office.js';
import { everyDirectoryPage } from './support/directory.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('provider-directory-order');
const INDEX = INTAKE_INDEXES.providerDirectory;
const staff = () => local.tokens[STAFF]!;

const everyPage = (limit: number, q = '') => everyDirectoryPage(local.stack, staff(), q, limit);
const listed = async (q = '') => (await everyPage(100, q)).items.map((item) => item.listedName);

/** Sends one submission (a CV) as `token`; its id. */
async function submitCv(token: string): Promise<string> {
  const draft = await createAndUpload(local.stack, token, [officeCv('2026-08-01')]);
  expect((await callApi(local.stack, 'POST', `/submissions/${draft.submissionId}/submit`, token)).status).toBe(202);
  return draft.submissionId;
}

const storedProfile = async (providerId: string) => (await local.db.send(new GetCommand({ TableName: local.stack.tables.intake, Key: providerKey(providerId) }))).Item!;
const storedSubmission = async (submissionId: string) => (await local.db.send(new GetCommand({ TableName: local.stack.tables.intake, Key: submissionKey(submissionId) }))).Item!;

/**
 * Her submission and profile as they were kept before the directory filed by family name: the
 * submission's provider without her given and family names, the profile keyed by her name as one
 * string (first name first), exactly as the earlier `recordSubmission` wrote it.
 */
async function keptAsBefore(submissionId: string): Promise<Record<string, unknown>> {
  const Key = submissionKey(submissionId);
  await local.db.send(new UpdateCommand({ TableName: local.stack.tables.intake, Key, UpdateExpression: 'REMOVE provider.givenName, provider.familyName' }));
  const { provider, submittedAt } = (await storedSubmission(submissionId)) as { provider: { providerId: string; name: string; email: string }; submittedAt: string };
  const profile = {
    ...providerKey(provider.providerId),
    providerId: provider.providerId,
    name: provider.name,
    email: provider.email,
    lastSubmittedAt: submittedAt,
    lastSubmissionId: submissionId,
    searchText: searchText(provider.name, provider.email),
    [INDEX.partitionKey]: 'PROVIDER',
    [INDEX.sortKey]: `${foldForSearch(provider.name).trim()}#${foldForSearch(provider.email)}#${provider.providerId}`,
  };
  await local.db.send(new PutCommand({ TableName: local.stack.tables.intake, Item: profile }));
  return profile;
}

/** The directory job, as its weekly schedule runs it; its report. */
async function runDirectoryJob(): Promise<{ submissions: number; providers: number; updated: number }> {
  const lambda = new LambdaClient({ region: local.stack.region, credentials: LOCAL_CREDENTIALS, endpoint: local.stack.endpoints.lambda });
  try {
    const event = scheduledEvent({ kind: 'rule', arn: `arn:aws:events:${local.stack.region}:000000000000:rule/ProviderDirectory` }, new Date());
    const result = await lambda.send(new InvokeCommand({ FunctionName: local.stack.scheduledJobs.providerDirectory!, Payload: JSON.stringify(event) }));
    const report = JSON.parse(Buffer.from(result.Payload!).toString('utf8'));
    expect(result.FunctionError, JSON.stringify(report)).toBeUndefined();
    return report;
  } finally {
    lambda.destroy();
  }
}

let office: OfficeUser[];
let twin: OfficeUser;

beforeAll(async () => {
  office = await addProviders(local.stack, 6, 'order', [
    { givenName: 'Zoë', familyName: 'Ábalos' },
    { givenName: 'Maria', familyName: 'de la Cruz' },
    { givenName: 'Sean', familyName: 'O\u2019Brien' },
    { givenName: 'Mary', familyName: 'Smith-Jones' },
    { givenName: 'Ann', familyName: 'Smith' },
    { givenName: 'Michael', familyName: 'Chen' },
  ]);
  twin = office[5]!;
  await inBatches([local.tokens[EMILY]!, local.tokens[MICHAEL]!, ...office.map((provider) => provider.token)], 4, submitCv);
}, 300_000);

/** The directory of this file before the backfill tests add anyone: in family-name order. */
const FAMILY_ORDER = ['Ábalos, Zoë', 'Chen, Michael', 'Chen, Michael', 'de la Cruz, Maria', 'Johnson, Emily', 'O\u2019Brien, Sean', 'Smith, Ann', 'Smith-Jones, Mary'];

describe('the order staff see', () => {
  it('lists a page by family name as written, then given name, each shown "Family, Given" beside her name as written', async () => {
    // Act
    const page = await callApi(local.stack, 'GET', '/providers', staff());

    // Assess: "Chen, Michael" before "Johnson, Emily"; the two Dr. Chens by email
    expect(page.status).toBe(200);
    const items = page.body.items as ProviderDirectoryEntry[];
    expect(items.map((item) => item.name)).toEqual(['Zoë Ábalos', 'Michael Chen', 'Michael Chen', 'Maria de la Cruz', 'Emily Johnson', 'Sean O\u2019Brien', 'Ann Smith', 'Mary Smith-Jones']);
    expect(items.map((item) => item.listedName)).toEqual(FAMILY_ORDER);
    expect(items.filter((item) => item.name === 'Michael Chen').map((item) => item.email)).toEqual([twin.username, MICHAEL]);
  });

  it('finds by either name or the email as before, in the same order', async () => {
    expect(await listed('smith')).toEqual(['Smith, Ann', 'Smith-Jones, Mary']);
    expect(await listed('jones')).toEqual(['Smith-Jones, Mary']);
    expect(await listed('maria cruz')).toEqual(['de la Cruz, Maria']);
    expect(await listed("o'brien")).toEqual(['O\u2019Brien, Sean']);
    expect(await listed('zoe')).toEqual(['Ábalos, Zoë']);
    expect(await listed('emily.johnson@')).toEqual(['Johnson, Emily']);
  });

  it('pages through that order two at a time without a repeat or a gap', async () => {
    const { items, pages } = await everyPage(2);

    expect(items.map((item) => item.email)).toEqual((await everyPage(100)).items.map((item) => item.email));
    expect(items.map((item) => item.listedName)).toEqual(FAMILY_ORDER);
    expect(new Set(items.map((item) => item.providerId)).size).toBe(FAMILY_ORDER.length);
    expect(pages).toBe(FAMILY_ORDER.length / 2);
  });

  it('pages on from a token issued in the order before (first name first): the providers after where it sorts now, no error', async () => {
    // Prepare: the token the earlier directory gave after Emily Johnson, keyed by "emily johnson"
    const { items: all } = await everyPage(100);
    const emily = all.find((item) => item.email === EMILY)!;
    const earlier = { ...providerKey(emily.providerId), [INDEX.partitionKey]: 'PROVIDER', [INDEX.sortKey]: `emily johnson#${EMILY}#${emily.providerId}` };
    const token = Buffer.from(JSON.stringify(earlier)).toString('base64url');

    // Act
    const page = await callApi(local.stack, 'GET', `/providers?limit=3&nextToken=${encodeURIComponent(token)}`, staff());

    // Assess: "emily johnson" sorts after "de la cruz" and before "johnson" in the new order
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect((page.body.items as ProviderDirectoryEntry[]).map((item) => item.listedName)).toEqual(['Johnson, Emily', 'O\u2019Brien, Sean', 'Smith, Ann']);
  });
});

describe('profiles kept before the directory filed by family name', () => {
  it('are filed by family name when the directory job runs, their fields untouched; a second run writes nothing', async () => {
    // Prepare: Grace Okafor submitted before the change (her profile sorts under G)
    const [grace] = await addProviders(local.stack, 1, 'before', [{ givenName: 'Grace', familyName: 'Okafor' }]);
    const before = await keptAsBefore(await submitCv(grace!.token));
    expect(await listed()).toEqual([...FAMILY_ORDER.slice(0, 4), 'Okafor, Grace', ...FAMILY_ORDER.slice(4)]);

    // Act
    const first = await runDirectoryJob();

    // Assess: only her profile written: filed under O, everything she submitted kept
    expect(first.updated).toBe(1);
    expect(await listed()).toEqual([...FAMILY_ORDER.slice(0, 6), 'Okafor, Grace', ...FAMILY_ORDER.slice(6)]);
    const after = await storedProfile(grace!.userId);
    expect(after).toEqual({ ...before, [INDEX.sortKey]: ['okafor', 'grace', grace!.username, grace!.userId].join('\u0001') });

    // Act: again
    const second = await runDirectoryJob();

    // Assess
    expect(second).toMatchObject({ updated: 0, providers: FAMILY_ORDER.length + 1 });
    expect(await storedProfile(grace!.userId)).toEqual(after);
  });

  it('never writes over a newer submission: a job that read her older one before she submitted again changes nothing', async () => {
    // Prepare: Lucia van der Berg's first submission kept as before; then she submits again (given and family names kept)
    const [lucia] = await addProviders(local.stack, 1, 'newer', [{ givenName: 'Lucia', familyName: 'van der Berg' }]);
    const older = await storedSubmission(await submitCv(lucia!.token));
    await keptAsBefore(older.submissionId);
    const olderProvider = (await storedSubmission(older.submissionId)).provider;
    await submitCv(lucia!.token);
    const newer = await storedProfile(lucia!.userId);
    expect(newer.lastSubmissionId).not.toBe(older.submissionId);

    // Act: the job's write from the older submission it read (by her last word, "Berg"), after hers
    const directory = new DynamoDbProviderDirectory(local.db, local.stack.tables.intake);
    const written = await directory.recordSubmission(olderProvider, older.submittedAt, older.submissionId);

    // Assess: her newer profile stands, filed under "van der Berg"
    expect(written).toBe(false);
    expect(await storedProfile(lucia!.userId)).toEqual(newer);
    expect(await listed('lucia')).toEqual(['van der Berg, Lucia']);
  });

  it('leaves her newest submission on her profile when the job runs while she submits', async () => {
    // Prepare: her profile kept as before
    const [ines] = await addProviders(local.stack, 1, 'race', [{ givenName: 'Ines', familyName: 'Moreau' }]);
    await keptAsBefore(await submitCv(ines!.token));

    // Act: the job and three submissions of hers at once
    await Promise.all([runDirectoryJob(), submitCv(ines!.token), submitCv(ines!.token), submitCv(ines!.token)]);

    // Assess: her profile is her newest submission's, filed by family name
    const mine = await callApi(local.stack, 'GET', '/submissions?limit=100', ines!.token);
    // Newest as the directory decides it: the later time, the greater id on a tie.
    const order = (item: { submissionId: string; submittedAt: string }) => `${item.submittedAt}#${item.submissionId}`;
    const newest = (mine.body.items as { submissionId: string; submittedAt: string }[]).reduce((a, b) => (order(b) > order(a) ? b : a));
    expect(await storedProfile(ines!.userId)).toMatchObject({ lastSubmissionId: newest.submissionId, lastSubmittedAt: newest.submittedAt, givenName: 'Ines', familyName: 'Moreau', [INDEX.sortKey]: ['moreau', 'ines', ines!.username, ines!.userId].join('\u0001') });
    expect(await listed('ines')).toEqual(['Moreau, Ines']);
    await local.runtime.workflowsIdle();
  });
});

describe('a name the office corrects', () => {
  it('reaches the directory with her next sign-in, as API Gateway reads names from each token', async () => {
    // Prepare: Lena Ortiz sends a CV; the office then corrects her family name
    const [lena] = await addProviders(local.stack, 1, 'renamed', [{ givenName: 'Lena', familyName: 'Ortiz' }]);
    await submitCv(lena!.token);
    const cognito = new CognitoIdentityProviderClient({ endpoint: local.stack.endpoints.cognito, region: local.stack.region, credentials: LOCAL_CREDENTIALS });
    await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: local.stack.userPoolId, Username: lena!.username, UserAttributes: [{ Name: 'family_name', Value: 'Ortiz-Park' }] }));
    cognito.destroy();

    // Act: she sends again with the token she had, then again after signing in anew
    await submitCv(lena!.token);
    const listedWithOldToken = await listed('lena');
    await submitCv(await signInAs(local.stack, lena!.username, lena!.password));

    // Assess: her old token still says Ortiz (AWS fixes claims when it issues a token); the new one Ortiz-Park
    expect(listedWithOldToken).toEqual(['Ortiz, Lena']);
    expect(await listed('lena')).toEqual(['Ortiz-Park, Lena']);
    await local.runtime.workflowsIdle();
  });
});


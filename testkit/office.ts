/**
 * A credentialing office after a few months, made through the real API and workflow of a running
 * local stack: providers added to the user pool as an administrator would (AdminCreateUser, the
 * `providers` group), and each provider's submissions taken to the state asked for — a draft,
 * refused by the checks, received, in review, verified, action required, a renewal of a verified
 * license, a replacement of a rejected one. Used by `npm run seed:office` (the volume sweep) and by
 * tests that need many providers or submissions.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DEFAULT_OFFICE_TIME_ZONE } from '../src/contract/office.js';
import { PROVIDER_GROUP } from '../src/contract/vocabulary.js';
import { reviewDueDate } from '../src/domain/review.js';
import { instantKey } from '../src/adapters/dynamodb-intake-items.js';
import { makePdf, makePng, sha256Hex } from './files.js';
import { createAndUpload, testDocument, type TestDocument } from './intake-documents.js';
import { callApi, waitForStatus, type ApiTarget, type SignInTarget } from './local-api.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/local-aws.js';

/** What adding providers needs of a stack. */
export type OfficeTarget = ApiTarget & SignInTarget & { userPoolId: string; endpoints: { cognito: string } };

export interface OfficeUser {
  username: string;
  password: string;
  name: string;
  /** A fresh ID token. */
  token: string;
  /** The token's subject: her provider id. */
  userId: string;
}

const GIVEN = ['Ava', 'Noah', 'Sofia', 'Liam', 'Priya', 'Mateo', 'Grace', 'Ethan', 'Amara', 'Lucas', 'Hannah', 'Omar', 'Mei', 'Daniel', 'Zara', 'Samuel', 'Leah', 'Aarav', 'Chloe', 'Isaac'];
const FAMILY = ['Garcia', 'Nguyen', 'Okafor', 'Patel', 'Kowalski', 'Rossi', 'Kim', 'Haddad', "O'Brien", 'Schmidt', 'Johansson', 'Mensah', 'Cohen', 'Silva', 'Tanaka'];

/** The `index`-th made-up provider: names repeat the way they do in a real group (two Dr. Garcias). */
export const officeProviderName = (index: number) => ({ givenName: GIVEN[index % GIVEN.length]!, familyName: FAMILY[(index * 7) % FAMILY.length]! });

export async function signInAs(stack: SignInTarget, username: string, password: string): Promise<string> {
  const response = await fetch(`${stack.endpoints.cognito}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack.userPoolClientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken?: string } };
  if (!body.AuthenticationResult?.IdToken) throw new Error(`Sign-in failed for ${username}: ${JSON.stringify(body)}`);
  return body.AuthenticationResult.IdToken;
}

/** A user's attributes as the office sets them: a verified email and her name, which emails, the queue and the cross-check read. */
export const officeUserAttributes = (email: string, givenName: string, familyName: string) => [
  { Name: 'email', Value: email },
  { Name: 'email_verified', Value: 'true' },
  { Name: 'given_name', Value: givenName },
  { Name: 'family_name', Value: familyName },
];

export const tokenSubject = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).sub as string;

/**
 * Adds `count` providers to the stack's user pool (`tag` keeps their addresses apart from another
 * call's) and signs each in; `names` chooses the first ones' names, the rest are made up.
 */
export async function addProviders(stack: OfficeTarget, count: number, tag = 'office', names: { givenName: string; familyName: string }[] = []): Promise<OfficeUser[]> {
  const cognito = new CognitoIdentityProviderClient({ endpoint: stack.endpoints.cognito, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const users: OfficeUser[] = [];
    for (let index = 0; index < count; index++) {
      const { givenName, familyName } = names[index] ?? officeProviderName(index);
      // An address of plain letters whatever her name ("Zoë de la Cruz" → zoe.delacruz…).
      const username = `${givenName}.${familyName}.${tag}${index}@example.org`.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9.@-]/g, '');
      const password = `Provider-${tag}-${index}-2026!`;
      const UserPoolId = stack.userPoolId;
      await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username: username, MessageAction: 'SUPPRESS', UserAttributes: officeUserAttributes(username, givenName, familyName) }));
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: username, Password: password, Permanent: true }));
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: username, GroupName: PROVIDER_GROUP }));
      const token = await signInAs(stack, username, password);
      users.push({ username, password, name: `${givenName} ${familyName}`, token, userId: tokenSubject(token) });
    }
    return users;
  } finally {
    cognito.destroy();
  }
}

/** A valid DEA number for `n` (two letters, six digits, the check digit). */
export function deaNumber(n: number): string {
  const d = String(100000 + (n % 900000)).split('').map(Number);
  const check = (d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!)) % 10;
  return `BK${d.join('')}${check}`;
}

/** A medical license (its own number per `serial`, so versions continue only when asked) expiring on `expirationDate`. */
export const officeLicense = (serial: string, expirationDate: string, issueDate: string) =>
  testDocument('MEDICAL_LICENSE', `license-${serial}.pdf`, 'application/pdf', makePdf({ pages: 1 }), { issueDate, expirationDate, issuingAuthority: 'Washington Medical Commission', details: { licenseNumber: `MD${serial}`, jurisdiction: 'WA' } });
export const officeDea = (serial: number, expirationDate: string, issueDate: string) =>
  testDocument('DEA_REGISTRATION', `dea-${serial}.pdf`, 'application/pdf', makePdf({ pages: 1 }), { issueDate, expirationDate, issuingAuthority: 'U.S. Drug Enforcement Administration', details: { deaNumber: deaNumber(serial), jurisdiction: 'WA' } });
export const officeCv = (issueDate: string) => testDocument('CURRICULUM_VITAE', 'cv.pdf', 'application/pdf', makePdf({ pages: 1 }), { issueDate, issuingAuthority: '' });
/** A PNG declared as a PDF: the checks refuse it (FORMAT_MISMATCH). */
export const refusedFile = (doc: TestDocument): TestDocument => {
  const png = makePng(32, 32);
  return { bytes: png, metadata: { ...doc.metadata, sizeBytes: png.byteLength, sha256: sha256Hex(png) } };
};

export type Outcome = 'DRAFT' | 'REFUSED' | 'RECEIVED' | 'IN_REVIEW' | 'VERIFIED' | 'ACTION_REQUIRED';

export interface Seeded {
  submissionId: string;
  referenceNumber: string | null;
  status: string;
  documents: { documentId: string; documentType: string }[];
}

/**
 * Creates, uploads and (unless a draft) submits `documents` as `provider`, then, as `staff`,
 * decides and completes the review as far as `outcome` asks (ACTION_REQUIRED rejects the first
 * document, IN_REVIEW verifies it and stops).
 */
export async function seedSubmission(stack: ApiTarget, provider: string, staff: string, documents: TestDocument[], outcome: Outcome): Promise<Seeded> {
  const sent = outcome === 'REFUSED' ? [refusedFile(documents[0]!), ...documents.slice(1)] : documents;
  const created = await createAndUpload(stack, provider, sent);
  const seeded = { submissionId: created.submissionId, referenceNumber: null as string | null, status: 'AWAITING_UPLOAD', documents: created.documents };
  if (outcome === 'DRAFT') return seeded;
  await callApi(stack, 'POST', `/submissions/${created.submissionId}/submit`, provider);
  const final = await waitForStatus(stack, provider, created.submissionId, (status) => status !== 'VALIDATING', 120_000);
  seeded.referenceNumber = final.body.referenceNumber;
  seeded.status = final.body.status;
  const expected = outcome === 'REFUSED' ? 'REJECTED' : 'RECEIVED';
  if (final.body.status !== expected) throw new Error(`Submission ${created.submissionId} ended ${final.body.status}, not ${expected}: ${JSON.stringify(final.body).slice(0, 400)}`);
  if (outcome === 'REFUSED' || outcome === 'RECEIVED') return seeded;
  for (const [index, doc] of created.documents.entries()) {
    const reject = outcome === 'ACTION_REQUIRED' && index === 0;
    const decided = await callApi(stack, 'POST', `/documents/${doc.documentId}/review`, staff, reject ? { decision: 'REJECTED', reasonCode: 'ILLEGIBLE', reason: 'The scan is too dark to read the license number.' } : { decision: 'VERIFIED' });
    if (decided.status !== 200) throw new Error(`Deciding ${doc.documentId} answered ${decided.status}: ${JSON.stringify(decided.body)}`);
    if (outcome === 'IN_REVIEW') return { ...seeded, status: 'IN_REVIEW' };
  }
  const completed = await callApi(stack, 'POST', `/submissions/${created.submissionId}/complete-review`, staff);
  if (completed.status !== 200 || completed.body.status !== outcome) throw new Error(`Completing ${created.submissionId} answered ${completed.status}: ${JSON.stringify(completed.body)}`);
  return { ...seeded, status: outcome };
}

/** Runs `work` for each item with at most `concurrency` at once; answers the results in order. */
export async function inBatches<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

/**
 * Time passing, faked: moves the submission date of submissions still waiting for a decision
 * `daysAgo[i]` days back, with their NCQA due date and their place in the review queue — written
 * straight to the intake table, the one thing the API cannot do. Only what is still queued moves.
 */
export async function ageWaitingSubmissions(stack: { endpoints: { dynamodb: string }; tables: { intake: string } }, aged: { submissionId: string; daysAgo: number }[]): Promise<void> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
  try {
    for (const { submissionId, daysAgo } of aged) {
      const submittedAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
      await db.send(
        new UpdateCommand({
          TableName: stack.tables.intake,
          Key: { pk: `SUBMISSION#${submissionId}`, sk: '#SUBMISSION' },
          // Its place in the queue and in the lists (`queueSince`, `listedAt`): the same key of its submission time.
          UpdateExpression: 'SET submittedAt = :at, reviewDueDate = :due, gsiQueueSince = :since, gsiCreated = :since',
          ConditionExpression: 'attribute_exists(gsiQueue)',
          ExpressionAttributeValues: { ':at': submittedAt, ':due': reviewDueDate(submittedAt, DEFAULT_OFFICE_TIME_ZONE), ':since': instantKey(submittedAt, submissionId) },
        }),
      );
    }
  } finally {
    db.destroy();
  }
}

/**
 * The hostile-input gauntlet, requests (issue 4): metadata and requests the API must refuse at
 * the door — with the contract's error shape, the failing field's path, nothing created, and the
 * refusal in the audit table — plus ids that are not ids (404, never 500) and HTML in free text,
 * which is accepted as text and rendered inert in the confirmation email.
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { DOCX_CONTENT_TYPE as DOCX } from '../../src/contract/vocabulary.js';
import { AUDIT_INDEXES } from '../../src/contract/tables.js';
import { makePdf, sha256Hex } from '../../testkit/files.js';
import { callApi, mailbox, uploadFile, waitForStatus } from '../../testkit/local-api.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('hostile-requests');
const MiB = 1024 * 1024;


const pdf = makePdf({ pages: 2 });
const year = new Date().getUTCFullYear();
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

type Doc = Record<string, unknown>;
const license = (overrides: Doc = {}): Doc => ({
  documentType: 'MEDICAL_LICENSE',
  fileName: 'ca-medical-license.pdf',
  contentType: 'application/pdf',
  sizeBytes: pdf.length,
  sha256: sha256Hex(pdf),
  issueDate: '2024-07-01',
  expirationDate: `${year + 2}-06-30`,
  issuingAuthority: 'Medical Board of California',
  details: { licenseNumber: 'A123456', jurisdiction: 'CA' },
  ...overrides,
});
const dea = (overrides: Doc = {}): Doc =>
  license({ documentType: 'DEA_REGISTRATION', issuingAuthority: 'U.S. Drug Enforcement Administration', details: { deaNumber: 'AB1234563', jurisdiction: 'CA' }, ...overrides });
const cv = (overrides: Doc = {}): Doc => {
  const { expirationDate: _none, details: _nothing, ...rest } = license({ documentType: 'CURRICULUM_VITAE', fileName: 'cv.pdf', issuingAuthority: '', issueDate: '2025-10-01' });
  return { ...rest, ...overrides };
};
const one = (doc: Doc) => ({ documents: [doc] });
/** A license whose details carry `key` as an own key, as raw JSON. */
const withDetail = (key: string) => JSON.stringify(one(license())).replace('"details":{', `"details":{"${key}":"B1",`);

interface RequestCase {
  name: string;
  /** The JSON body (serialized here), or a raw string sent as is. */
  body: unknown;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** For 400: exactly the paths of the failing fields. */
  paths?: string[];
  /** Who sends it (default: Emily). */
  as?: string;
}

const invalid = (name: string, body: unknown, ...paths: string[]): RequestCase => ({ name, body, status: 400, code: 'VALIDATION_FAILED', paths });

const REFUSED: RequestCase[] = [
  // Document type, category, type-specific fields
  invalid('an unknown document type', one(license({ documentType: 'PASSPORT' })), 'documents.0.documentType'),
  invalid('a category that does not match the type', one(license({ category: 'INSURANCE' })), 'documents.0.category'),
  invalid('a category that does not exist', one(license({ category: 'SELFIE' })), 'documents.0.category'),
  invalid('a license without its license number', one(license({ details: { jurisdiction: 'CA' } })), 'documents.0.details.licenseNumber'),
  invalid('a board certification without its specialty', one(license({ documentType: 'BOARD_CERTIFICATION', expirationDate: null, details: {} })), 'documents.0.details.specialty'),
  invalid('a license without an issuing authority', one(license({ issuingAuthority: '   ' })), 'documents.0.issuingAuthority'),
  invalid('a DEA number with a bad check digit', one(dea({ details: { deaNumber: 'AB1234567', jurisdiction: 'CA' } })), 'documents.0.details.deaNumber'),
  invalid('a DEA number of the wrong shape', one(dea({ details: { deaNumber: 'A12345678', jurisdiction: 'CA' } })), 'documents.0.details.deaNumber'),
  invalid('a jurisdiction that is not a US code', one(license({ details: { licenseNumber: 'A123456', jurisdiction: 'ON' } })), 'documents.0.details.jurisdiction'),
  invalid('a field the type does not have', one(license({ details: { licenseNumber: 'A123456', jurisdiction: 'CA', specialty: 'Surgery' } })), 'documents.0.details.specialty'),
  invalid('a detail that is not text', one(license({ details: { licenseNumber: 123456, jurisdiction: 'CA' } })), 'documents.0.details.licenseNumber'),
  // Dates
  invalid('an issue date that is not ISO', one(license({ issueDate: '07/01/2024' })), 'documents.0.issueDate'),
  invalid('an impossible issue date (2026-02-30)', one(license({ issueDate: '2026-02-30' })), 'documents.0.issueDate'),
  invalid('an issue date in the future', one(license({ issueDate: daysFromNow(30) })), 'documents.0.issueDate'),
  invalid('an expiration date equal to the issue date', one(license({ issueDate: '2024-07-01', expirationDate: '2024-07-01' })), 'documents.0.expirationDate'),
  invalid('an expiration date before the issue date', one(license({ issueDate: '2024-07-01', expirationDate: '2023-07-01' })), 'documents.0.expirationDate'),
  invalid('an expiration date already past', one(license({ issueDate: '2020-07-01', expirationDate: daysFromNow(-30) })), 'documents.0.expirationDate'),
  invalid('an expiration date for a CV', one(cv({ expirationDate: `${year + 1}-01-01` })), 'documents.0.expirationDate'),
  invalid('a license without an expiration date', one(license({ expirationDate: null })), 'documents.0.expirationDate'),
  // File names: metadata only, never a key, and never misleading
  invalid('a path-traversal file name', one(license({ fileName: '../../x.pdf' })), 'documents.0.fileName'),
  invalid('an absolute-path file name', one(license({ fileName: '/etc/passwd.pdf' })), 'documents.0.fileName'),
  invalid('a Windows-path file name', one(license({ fileName: 'C:\\Users\\emily\\license.pdf' })), 'documents.0.fileName'),
  invalid('a file name with a NUL byte', one(license({ fileName: 'license.pdf\u0000.exe' })), 'documents.0.fileName'),
  invalid('a file name with a newline', one(license({ fileName: 'license\n.pdf' })), 'documents.0.fileName'),
  invalid('a file name with a bidi override', one(license({ fileName: 'invoice\u202Efdp.exe' })), 'documents.0.fileName'),
  invalid('a file name with half a UTF-16 pair (its download link would fail)', one(license({ fileName: 'license\uD800.pdf' })), 'documents.0.fileName'),
  invalid('a file name longer than 255 bytes (130 two-byte letters)', one(license({ fileName: `${'é'.repeat(128)}.pdf` })), 'documents.0.fileName'),
  invalid('an empty file name', one(license({ fileName: '' })), 'documents.0.fileName'),
  // Typed text is one line of plain text (it is shown to reviewers and written into emails)
  invalid('an issuing authority with a line break', one(license({ issuingAuthority: 'Medical Board of California\r\nBcc: someone@example.org' })), 'documents.0.issuingAuthority'),
  invalid('an issuing authority with a bidi override', one(license({ issuingAuthority: 'Medical Board of \u202Eainrofilac' })), 'documents.0.issuingAuthority'),
  invalid('an issuing authority with a NUL byte', one(license({ issuingAuthority: 'Medical Board\u0000' })), 'documents.0.issuingAuthority'),
  invalid('a license number with a line break', one(license({ details: { licenseNumber: 'A123\n456', jurisdiction: 'CA' } })), 'documents.0.details.licenseNumber'),
  // Declared file facts
  invalid('a declared size of 0', one(license({ sizeBytes: 0 })), 'documents.0.sizeBytes'),
  invalid('a negative declared size', one(license({ sizeBytes: -1 })), 'documents.0.sizeBytes'),
  invalid('a declared size over 10 MiB', one(license({ sizeBytes: 10 * MiB + 1 })), 'documents.0.sizeBytes'),
  invalid('a fractional declared size', one(license({ sizeBytes: 1.5 })), 'documents.0.sizeBytes'),
  invalid('a SHA-256 of 63 hex digits', one(license({ sha256: 'a'.repeat(63) })), 'documents.0.sha256'),
  invalid('a SHA-256 that is not hex', one(license({ sha256: 'z'.repeat(64) })), 'documents.0.sha256'),
  invalid('a content type outside the allowlist (GIF)', one(license({ contentType: 'image/gif' })), 'documents.0.contentType'),
  invalid('a content type outside the allowlist (HTML)', one(license({ contentType: 'text/html' })), 'documents.0.contentType'),
  invalid('a DOCX for a medical license', one(license({ contentType: DOCX, fileName: 'license.docx' })), 'documents.0.contentType'),
  // Counts and lengths
  invalid('no documents', { documents: [] }, 'documents'),
  invalid('eleven documents', { documents: Array.from({ length: 11 }, () => license()) }, 'documents'),
  invalid('a bad field in the third document', { documents: [license(), dea(), license({ issueDate: '2026-13-01', details: { licenseNumber: 'G-55123', jurisdiction: 'NV' } })] }, 'documents.2.issueDate'),
  invalid('the same license twice', { documents: [license(), cv(), license({ details: { licenseNumber: 'a 123-456', jurisdiction: 'CA' } })] }, 'documents.2.details.licenseNumber'),
  invalid('an issuing authority of 201 characters', one(license({ issuingAuthority: 'A'.repeat(201) })), 'documents.0.issuingAuthority'),
  invalid('a license number of 41 characters', one(license({ details: { licenseNumber: '9'.repeat(41), jurisdiction: 'CA' } })), 'documents.0.details.licenseNumber'),
  // Unknown fields are rejected (strict objects), naming the field.
  invalid('an unknown top-level field', { ...one(license()), isAdmin: true }, 'isAdmin'),
  invalid('an unknown field in a document', one(license({ storageKey: 'documents/other/evil' })), 'documents.0.storageKey'),
  // Sent as text: a JS object literal cannot carry "__proto__" as an own key, JSON can (and JSON.parse keeps it).
  invalid('"__proto__" in a document\'s details', withDetail('__proto__'), 'documents.0.details.__proto__'),
  invalid('"constructor" in a document\'s details', withDetail('constructor'), 'documents.0.details.constructor'),
  invalid('"prototype" in a document\'s details', withDetail('prototype'), 'documents.0.details.prototype'),
  invalid('"__proto__" as a field of a document', JSON.stringify(one(license())).replace('{"documentType"', '{"__proto__":{"storageKey":"x"},"documentType"'), 'documents.0.__proto__'),
  // The body itself
  invalid('malformed JSON', '{"documents": [', '(body)'),
  invalid('a JSON array instead of an object', '[]', '(body)'),
  { name: 'a text/plain body', body: JSON.stringify(one(license())), headers: { 'Content-Type': 'text/plain' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a body over 1 MB (under 10 MB)', body: { ...one(license()), padding: 'x'.repeat(1.5 * MiB) }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
  // Roles
  { name: 'a staff member creating a submission', body: one(license()), status: 403, code: 'FORBIDDEN', as: STAFF },
];

interface RouteCase {
  name: string;
  method: 'GET' | 'POST';
  path: () => string;
  as?: string;
  status: number;
  code: string;
}

const NOT_FOUND: RouteCase[] = [
  { name: 'GET a submission id that is not a UUID', method: 'GET', path: () => '/submissions/not-a-uuid', status: 404, code: 'NOT_FOUND' },
  { name: 'GET a random, well-formed submission id', method: 'GET', path: () => `/submissions/${randomUUID()}`, status: 404, code: 'NOT_FOUND' },
  { name: 'GET an id of 3 000 characters', method: 'GET', path: () => `/submissions/${'a'.repeat(3000)}`, status: 404, code: 'NOT_FOUND' },
  { name: 'GET an injection-shaped id', method: 'GET', path: () => `/submissions/${encodeURIComponent("' OR 1=1 --")}`, status: 404, code: 'NOT_FOUND' },
  { name: 'GET an id with a NUL byte', method: 'GET', path: () => '/submissions/%00', status: 404, code: 'NOT_FOUND' },
  { name: 'GET an id with broken percent-encoding', method: 'GET', path: () => '/submissions/%ZZ', status: 404, code: 'NOT_FOUND' },
  { name: 'POST submit for id xyz', method: 'POST', path: () => '/submissions/xyz/submit', status: 404, code: 'NOT_FOUND' },
  { name: 'POST submit for a random, well-formed id', method: 'POST', path: () => `/submissions/${randomUUID()}/submit`, status: 404, code: 'NOT_FOUND' },
  { name: 'POST submit for an id of 3 000 characters', method: 'POST', path: () => `/submissions/${'b'.repeat(3000)}/submit`, status: 404, code: 'NOT_FOUND' },
  { name: 'GET a reference number that is not one', method: 'GET', path: () => '/submissions/by-reference/whatever', status: 404, code: 'NOT_FOUND' },
  { name: 'GET a well-formed reference number nobody has', method: 'GET', path: () => '/submissions/by-reference/CRD-2345-6789-ABCD', status: 404, code: 'NOT_FOUND' },
  { name: 'GET a reference holding a percent sign', method: 'GET', path: () => '/submissions/by-reference/100%25', status: 404, code: 'NOT_FOUND' },
  { name: 'GET the audit of an id that is not an id (staff)', method: 'GET', path: () => '/submissions/xyz/audit', as: STAFF, status: 404, code: 'NOT_FOUND' },
  { name: 'GET the audit of a random id (staff)', method: 'GET', path: () => `/submissions/${randomUUID()}/audit`, as: STAFF, status: 404, code: 'NOT_FOUND' },
  { name: 'GET the list with a forged page token', method: 'GET', path: () => `/submissions?nextToken=${Buffer.from('{"pk":"SUBMISSION#x"}').toString('base64url')}`, status: 400, code: 'VALIDATION_FAILED' },
];

/** A request with its API Gateway request id (the id the audit event records). */
async function send(method: string, route: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${local.stack.apiUrl}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, requestId: response.headers.get('x-amzn-requestid'), body: JSON.parse(text) };
}

/** A user's refusals, oldest first, as staff find them: the audit table's refusals-by-user index. */
async function refusals(user: string) {
  const { Items } = await local.db.send(
    new QueryCommand({
      TableName: local.stack.tables.audit,
      IndexName: AUDIT_INDEXES.refusalsByUser.name,
      KeyConditionExpression: '#user = :user',
      ExpressionAttributeNames: { '#user': AUDIT_INDEXES.refusalsByUser.partitionKey },
      ExpressionAttributeValues: { ':user': String(decodeJwt(local.tokens[user]!).sub) },
    }),
  );
  return (Items ?? []) as { type: string; requestId: string; actor: { type: string; id: string }; details: { code: string; fields: string[] } }[];
}

/** Every submission in the system (staff see all), so "nothing was created" holds for anyone. */
const allSubmissionIds = async () =>
  ((await callApi(local.stack, 'GET', '/submissions?limit=100', local.tokens[STAFF]!)).body.items as { submissionId: string }[]).map((s) => s.submissionId);



// Sequential on purpose: each case compares the provider's submissions and refusals before and after.
describe('POST /submissions refuses bad metadata and bad requests', () => {
  it.each(REFUSED)('$name → $status $code', async ({ body, headers, status, code, paths, as = EMILY }) => {
    // Prepare
    const before = { submissions: await allSubmissionIds(), refusals: (await refusals(as)).length };

    // Act
    const response = await send('POST', '/submissions', local.tokens[as]!, body, headers);

    // Assess: the contract's error shape, naming exactly the failing fields
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message.trim()).not.toBe('');
    const details = (response.body.error.details ?? []) as { path: string; message: string }[];
    if (paths) {
      expect(details.map((d) => d.path)).toEqual(paths);
      for (const detail of details) expect(detail.message.trim()).not.toBe('');
    } else {
      expect(details).toEqual([]);
    }
    // Assess: nothing was created
    expect(await allSubmissionIds()).toEqual(before.submissions);
    // Assess: the refusal is audited, with the failing paths and never the values
    const after = await refusals(as);
    expect(after).toHaveLength(before.refusals + 1);
    expect(after.at(-1)).toMatchObject({
      type: 'SUBMISSION_REFUSED',
      requestId: response.requestId,
      actor: { type: as === STAFF ? 'staff' : 'provider', id: String(decodeJwt(local.tokens[as]!).sub) },
      details: { code, fields: paths ?? [] },
    });
    expect(JSON.stringify(after.at(-1))).not.toContain('ca-medical-license.pdf');
  });
});

describe('a reserved key in a document\'s details', () => {
  it('is refused as a field the document type does not have, like any unknown field', async () => {
    // Act
    const response = await send('POST', '/submissions', local.tokens[EMILY]!, withDetail('__proto__'));

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ path: 'documents.0.details.__proto__', message: 'A Medical License has no field "__proto__".' }]);
  });
});

describe('ids and tokens that are not ids', () => {
  it.each(NOT_FOUND)('$name → $status $code', async ({ method, path: route, as = EMILY, status, code }) => {
    // Act
    const response = await send(method, route(), local.tokens[as]!);

    // Assess
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message.trim()).not.toBe('');
  });
});

describe('HTML in free text', () => {
  it('is accepted as text, stored as given, escaped in the confirmation email\'s HTML and literal in its text', async () => {
    // Prepare
    const xss = '<img src=x onerror=alert(1)>';
    const fileName = '"><svg onload=alert(2)>.pdf';
    const document = license({ issuingAuthority: xss, fileName });

    // Act
    const created = await callApi(local.stack, 'POST', '/submissions', local.tokens[MICHAEL]!, one(document));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { submissionId, documents } = created.body as { submissionId: string; documents: { upload: { url: string; fields: Record<string, string> } }[] };
    expect(await uploadFile(documents[0]!.upload, pdf, 'application/pdf')).toBe(204);
    await callApi(local.stack, 'POST', `/submissions/${submissionId}/submit`, local.tokens[MICHAEL]!);
    const final = await waitForStatus(local.stack, local.tokens[MICHAEL]!, submissionId, (status) => status !== 'VALIDATING');
    await local.runtime.workflowsIdle();

    // Assess: stored and returned exactly as typed
    expect(final.body.status).toBe('RECEIVED');
    expect(final.body.documents[0]).toMatchObject({ issuingAuthority: xss, fileName, status: 'PENDING_REVIEW' });
    // Assess: inert in the email's HTML part
    const email = (await mailbox(local.stack)).find((e) => e.subject.includes(final.body.referenceNumber));
    expect(email?.destination.to).toEqual([MICHAEL]);
    expect(email?.body.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email?.body.html).toContain('&quot;&gt;&lt;svg onload=alert(2)&gt;.pdf');
    expect(email?.body.html).not.toContain('<img src=x');
    expect(email?.body.html).not.toContain('<svg');
    // Assess: and shown as typed in the text part
    expect(email?.body.text).toContain(`Issued by ${xss}`);
    expect(email?.body.text).toContain(`File: ${fileName}`);
  });
});

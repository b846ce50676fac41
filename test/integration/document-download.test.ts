/**
 * Document retrieval against the local runtime: presigned GETs of the stored bytes, their
 * headers and lifetime (s3rver enforces presigned-URL expiry), who may have one, and the audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3DocumentStore } from '../../src/adapters/s3-document-store.js';
import type { Caller } from '../../src/domain/caller.js';
import { LIMITS } from '../../src/domain/catalog.js';
import { getDownloadUrl } from '../../src/use-cases/get-download-url.js';
import { makePdf, sha256Hex } from '../../testkit/files.js';
import { createAndUpload, fiveDocuments, submitReceived, testDocument } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { realAdapters } from './support/intake.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('document-download');
const token = (user: string) => local.tokens[user]!;
let adapters: ReturnType<typeof realAdapters>;
beforeAll(() => {
  adapters = realAdapters(local.stack);
});
afterAll(() => adapters?.destroy());

/** Stored in the first test; the last one has URLs for it issued as if earlier. */
let stored: { documentId: string; sha256: string } | null = null;

/** When the URL was signed (`X-Amz-Date`, whole seconds, UTC). */
function signedAt(url: URL): number {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(url.searchParams.get('X-Amz-Date') ?? '')!;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

describe('a download URL', () => {
  it('serves exactly the stored bytes, for at most 60 seconds, with the original name and type', async () => {
    // Prepare
    const documents = fiveDocuments();
    const { documents: created } = await submitReceived(local.stack, token(EMILY), documents);

    // Act
    const issued = await Promise.all(created.map((doc) => callApi(local.stack, 'GET', `/documents/${doc.documentId}/download-url`, token(STAFF))));
    const downloads = await Promise.all(issued.map((response) => fetch(response.body.url)));
    stored = { documentId: created[0]!.documentId, sha256: documents[0]!.metadata.sha256 as string };

    // Assess
    for (const [index, response] of issued.entries()) {
      const metadata = documents[index]!.metadata;
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ url: expect.any(String), expiresAt: expect.any(String), fileName: metadata.fileName, contentType: metadata.contentType });
      const url = new URL(response.body.url);
      expect(url.pathname).toMatch(/\/documents\//); // the validated copy, never the staging upload
      expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(60);
      // S3 ends the URL at X-Amz-Date + X-Amz-Expires: exactly the expiresAt she is told.
      expect(Date.parse(response.body.expiresAt)).toBe(signedAt(url) + Number(url.searchParams.get('X-Amz-Expires')) * 1000);
      const download = downloads[index]!;
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe(metadata.contentType);
      expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${metadata.fileName}"`);
      expect(sha256Hex(new Uint8Array(await download.arrayBuffer()))).toBe(metadata.sha256);
    }
  });

  it('carries a non-ASCII file name as RFC 6266 asks, and shows a PDF inline when asked', async () => {
    // Prepare: quotes and a semicolon must not break the header; umlauts need filename*
    const bytes = makePdf({ pages: 1 });
    const name = 'Approbation "Dr. Müller"; Köln–2026.pdf';
    const [license] = fiveDocuments();
    const { documents: created } = await submitReceived(local.stack, token(EMILY), [testDocument('MEDICAL_LICENSE', name, 'application/pdf', bytes, { ...license!.metadata, fileName: name, sizeBytes: bytes.byteLength, sha256: sha256Hex(bytes) })]);
    const documentId = created[0]!.documentId;

    // Act
    const attachment = await callApi(local.stack, 'GET', `/documents/${documentId}/download-url`, token(EMILY));
    const inline = await callApi(local.stack, 'GET', `/documents/${documentId}/download-url?disposition=inline`, token(STAFF));
    const [saved, shown] = await Promise.all([fetch(attachment.body.url), fetch(inline.body.url)]);

    // Assess
    expect(attachment.body.fileName).toBe(name);
    expect(saved.headers.get('content-disposition')).toBe(`attachment; filename="Approbation _Dr. M_ller_; K_ln_2026.pdf"; filename*=UTF-8''Approbation%20%22Dr.%20M%C3%BCller%22%3B%20K%C3%B6ln%E2%80%932026.pdf`);
    expect(shown.headers.get('content-disposition')).toMatch(/^inline; filename="Approbation _Dr. M_ller_; K_ln_2026.pdf"; filename\*=UTF-8''/);
    expect(shown.headers.get('content-type')).toBe('application/pdf');
    expect(sha256Hex(new Uint8Array(await shown.arrayBuffer()))).toBe(sha256Hex(bytes));
  });

  it('is given to the owner and staff only: 404 to another provider, 401 without a token, 400 for a bad disposition', async () => {
    // Prepare
    const { documents: created } = await submitReceived(local.stack, token(EMILY), fiveDocuments().slice(1, 2));
    const path = `/documents/${created[0]!.documentId}/download-url`;

    // Act
    const [owner, staff, michael, anonymous, unknown, notAnId, badDisposition] = await Promise.all([
      callApi(local.stack, 'GET', path, token(EMILY)),
      callApi(local.stack, 'GET', path, token(STAFF)),
      callApi(local.stack, 'GET', path, token(MICHAEL)),
      callApi(local.stack, 'GET', path, null),
      callApi(local.stack, 'GET', `/documents/${crypto.randomUUID()}/download-url`, token(STAFF)),
      callApi(local.stack, 'GET', '/documents/..%2F..%2Fetc/download-url', token(STAFF)),
      callApi(local.stack, 'GET', `${path}?disposition=render`, token(EMILY)),
    ]);

    // Assess
    expect([owner.status, staff.status]).toEqual([200, 200]);
    const notFound = { status: 404, body: { error: { code: 'NOT_FOUND', message: 'No document with that id was found.' } } };
    expect(michael).toEqual(notFound);
    expect(unknown).toEqual(notFound);
    expect(notAnId.status).toBe(404);
    expect(anonymous).toEqual({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' } } });
    expect(badDisposition).toEqual({ status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'The download request is not valid.', details: [{ path: 'disposition', message: 'Disposition must be inline or attachment.' }] } } });
  });

  it('answers 409 for a document that was never stored', async () => {
    // Prepare: her draft whose file was uploaded but never submitted, so nothing is in documents/
    // (staff do not see a draft at all: 404, test/integration/review-access.test.ts)
    const { documents: created } = await createAndUpload(local.stack, token(EMILY), fiveDocuments().slice(0, 1));

    // Act
    const response = await callApi(local.stack, 'GET', `/documents/${created[0]!.documentId}/download-url`, token(EMILY));

    // Assess
    expect(response.status).toBe(409);
    expect(response.body.error).toEqual({ code: 'CONFLICT', message: expect.stringContaining('only documents accepted into permanent storage') });
  });

  it('audits every URL it issues: who, which document, how', async () => {
    // Prepare
    const { submissionId, documents: created } = await submitReceived(local.stack, token(EMILY), fiveDocuments().slice(2, 3));
    const documentId = created[0]!.documentId;

    // Act
    await callApi(local.stack, 'GET', `/documents/${documentId}/download-url?disposition=inline`, token(STAFF));
    await callApi(local.stack, 'GET', `/documents/${documentId}/download-url`, token(STAFF));
    await callApi(local.stack, 'GET', `/documents/${documentId}/download-url`, token(EMILY));
    await callApi(local.stack, 'GET', `/documents/${documentId}/download-url`, token(MICHAEL));

    // Assess
    const audit = await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, token(STAFF));
    const downloads = audit.body.events.filter((event: { type: string }) => event.type === 'DOCUMENT_DOWNLOADED');
    expect(downloads.map((event: { actor: { type: string }; details: Record<string, unknown> }) => [event.actor.type, event.details])).toEqual([
      ['staff', { documentId, documentType: 'DEA_REGISTRATION', disposition: 'inline' }],
      ['staff', { documentId, documentType: 'DEA_REGISTRATION', disposition: 'attachment' }],
      ['provider', { documentId, documentType: 'DEA_REGISTRATION', disposition: 'attachment' }],
    ]);
    expect(audit.body.chainIntact).toBe(true);
  });

  it('works until its expiresAt and stops working then: S3 refuses it', async () => {
    // Prepare: the product's URL for the stored document (its use case, adapter and lifetime),
    // issued as it would have been when 20 seconds of its life were left, and when it ended 2
    // seconds ago: its end is observed without waiting for it
    expect(stored).not.toBeNull();
    const issuedAgo = (seconds: number) => {
      const clock = { now: () => new Date(Date.now() - seconds * 1000) };
      const staff: Caller = { userId: 'reviewer', email: STAFF, name: 'Credentialing Staff', role: 'staff', requestId: crypto.randomUUID(), sourceIp: null };
      return getDownloadUrl({ ...adapters, store: new S3DocumentStore(adapters.clients.s3, local.stack.bucketName, clock), clock }, staff, stored!.documentId, {});
    };
    const live = await issuedAgo(LIMITS.downloadUrlTtlSeconds - 20);
    const ended = await issuedAgo(LIMITS.downloadUrlTtlSeconds + 2);

    // Act
    const [served, refused] = await Promise.all([fetch(live.url), fetch(ended.url)]);

    // Assess
    expect(Date.parse(live.expiresAt)).toBeGreaterThan(Date.now());
    expect(served.status).toBe(200);
    expect(sha256Hex(new Uint8Array(await served.arrayBuffer()))).toBe(stored!.sha256);
    expect(Date.parse(ended.expiresAt)).toBeLessThan(Date.now());
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('expired');
  });
});

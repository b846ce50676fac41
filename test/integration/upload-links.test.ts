/**
 * An upload link lives five minutes; on a phone on hospital Wi-Fi the files queued behind others,
 * or retried after a drop, start later than that. Her draft gets new links for the same keys, pinned
 * to the same bytes; once submitted or discarded it gets none, and nobody else gets hers.
 */
import { describe, expect, it } from 'vitest';
import { makePdf, makePng, sha256Hex } from '../../testkit/files.js';
import { callApi, uploadFile, waitForStatus } from '../../testkit/local-api.js';
import { EMILY, MICHAEL, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('upload-links');

const cv = makePdf({ pages: 1 });
const board = makePng(320, 200);
const documents = [
  { documentType: 'CURRICULUM_VITAE', fileName: 'cv.pdf', contentType: 'application/pdf', sizeBytes: cv.byteLength, sha256: sha256Hex(cv), issueDate: '2026-01-05' },
  {
    documentType: 'BOARD_CERTIFICATION',
    fileName: 'board.png',
    contentType: 'image/png',
    sizeBytes: board.byteLength,
    sha256: sha256Hex(board),
    issueDate: '2018-06-01',
    issuingAuthority: 'American Board of Internal Medicine',
    details: { specialty: 'Internal Medicine' },
  },
];

async function createDraft() {
  const created = await callApi(local.stack, 'POST', '/submissions', local.tokens[EMILY]!, { documents });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { submissionId: string; documents: { documentId: string; upload: { url: string; fields: Record<string, string>; expiresAt: string } }[] };
}
const renew = (submissionId: string, token = local.tokens[EMILY]!) => callApi(local.stack, 'POST', `/submissions/${submissionId}/upload-links`, token);

describe('POST /submissions/{id}/upload-links', () => {
  it('gives her draft new links for the same keys and bytes, and the files sent with them are received', async () => {
    // Prepare
    const draft = await createDraft();

    // Act
    const renewed = await renew(draft.submissionId);
    const statuses = [await uploadFile(renewed.body.documents[0].upload, cv, 'application/pdf'), await uploadFile(renewed.body.documents[1].upload, board, 'image/png')];
    const submitted = await callApi(local.stack, 'POST', `/submissions/${draft.submissionId}/submit`, local.tokens[EMILY]!);
    const outcome = await waitForStatus(local.stack, local.tokens[EMILY]!, draft.submissionId, (status) => status !== 'VALIDATING');

    // Assess
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    expect(renewed.body.documents.map((doc: { documentId: string }) => doc.documentId)).toEqual(draft.documents.map((doc) => doc.documentId));
    for (const [index, doc] of renewed.body.documents.entries()) {
      expect(doc.upload.fields.key).toBe(draft.documents[index]!.upload.fields.key);
      expect(doc.upload.fields['x-amz-checksum-sha256']).toBe(draft.documents[index]!.upload.fields['x-amz-checksum-sha256']);
      expect(Date.parse(doc.upload.expiresAt)).toBeGreaterThanOrEqual(Date.parse(draft.documents[index]!.upload.expiresAt));
    }
    expect(statuses.every((status) => status >= 200 && status < 300)).toBe(true);
    expect(submitted.status).toBe(202);
    expect(outcome.body.status).toBe('RECEIVED');
    expect((await renew(draft.submissionId)).body.error).toMatchObject({ code: 'CONFLICT', message: 'This submission was already submitted, so its files cannot be uploaded again.' });
  });

  it('tells her which files already arrived, each with its checksum, so a reloaded page sends only the others', async () => {
    // Prepare: the CV uploaded whole; of the board certificate only part arrived (S3 keeps no partial POST, the local S3 does not check sizes)
    const draft = await createDraft();
    expect(await uploadFile(draft.documents[0]!.upload, cv, 'application/pdf')).toBeLessThan(300);
    expect(await uploadFile(draft.documents[1]!.upload, board.subarray(0, 100), 'image/png')).toBeLessThan(300);

    // Act
    const renewed = await renew(draft.submissionId);

    // Assess
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    expect(renewed.body.documents.map((doc: { documentId: string; sha256: string; received: boolean }) => ({ documentId: doc.documentId, sha256: doc.sha256, received: doc.received }))).toEqual([
      { documentId: draft.documents[0]!.documentId, sha256: sha256Hex(cv), received: true },
      { documentId: draft.documents[1]!.documentId, sha256: sha256Hex(board), received: false },
    ]);
  });

  it("answers 404 to another provider, 403 to staff, 409 for a discarded draft, 404 for an id that is no submission", async () => {
    // Prepare
    const draft = await createDraft();
    const discarded = await createDraft();
    await callApi(local.stack, 'POST', `/submissions/${discarded.submissionId}/discard`, local.tokens[EMILY]!);

    // Act
    const [michael, staff, gone, nonsense] = await Promise.all([
      renew(draft.submissionId, local.tokens[MICHAEL]!),
      renew(draft.submissionId, local.tokens[STAFF]!),
      renew(discarded.submissionId),
      renew('not-a-submission'),
    ]);

    // Assess
    expect([michael.status, staff.status, gone.status, nonsense.status]).toEqual([404, 403, 409, 404]);
    expect(gone.body.error.message).toBe('This draft was discarded, so its files cannot be uploaded. Upload your documents again.');
  });
});

/** Submitting documents through the API as the portal does, for tests about what happens to them afterwards. */
import { expect } from 'vitest';
import type { StackInfo } from '../../../local/runtime.js';
import { DEFAULT_OFFICE_TIME_ZONE } from '../../../src/contract/office.js';
import { addDays, isoDateInZone } from '../../../src/domain/dates.js';
import type { Submission } from '../../../src/domain/submission.js';
import { makePdf, makePng, sha256Hex } from '../../../testkit/files.js';
import { callApi, uploadFile, waitForStatus } from '../../../testkit/local-api.js';

/** Days from today as the office counts them (its time zone, as the functions do): in UTC the date turns hours earlier. */
export const daysFromToday = (days: number) => addDays(isoDateInZone(new Date(), DEFAULT_OFFICE_TIME_ZONE), days);

/** A submission item as a fresh one is written, for tests that write one directly; they set what they are about. */
export function submissionRecord(fields: Pick<Submission, 'submissionId' | 'provider' | 'status' | 'createdAt'> & Partial<Submission>): Submission {
  return {
    referenceNumber: null,
    submittedAt: null,
    estimatedReviewCompletionDate: null,
    reviewDueDate: null,
    documentIds: [],
    documentTypes: [],
    emailsSent: {},
    reviews: {},
    reviewRevision: 0,
    reviewCompletion: null,
    replacedDocuments: [],
    attempt: 1,
    attemptStartedAt: null,
    failedAt: null,
    pendingReference: null,
    ...fields,
  };
}

export interface TestDocument {
  metadata: Record<string, unknown>;
  bytes: Uint8Array;
}

function document(documentType: string, extra: Record<string, unknown>, bytes: Uint8Array = makePdf({ pages: 1 })): TestDocument {
  return { bytes, metadata: { documentType, fileName: `${documentType.toLowerCase()}.pdf`, contentType: 'application/pdf', sizeBytes: bytes.byteLength, sha256: sha256Hex(bytes), ...extra } };
}

export const license = (expirationDate: string, extra: Record<string, unknown> = {}) =>
  document('MEDICAL_LICENSE', { issueDate: daysFromToday(-700), expirationDate, issuingAuthority: 'Medical Board of California', details: { licenseNumber: 'A123456', jurisdiction: 'CA' }, ...extra });
export const dea = (expirationDate: string, extra: Record<string, unknown> = {}) =>
  document('DEA_REGISTRATION', { issueDate: daysFromToday(-300), expirationDate, issuingAuthority: 'U.S. Drug Enforcement Administration', details: { deaNumber: 'AB1234563', jurisdiction: 'CA' }, ...extra });
export const cv = (extra: Record<string, unknown> = {}) => document('CURRICULUM_VITAE', { issueDate: daysFromToday(-10), issuingAuthority: '', ...extra });
/** A PNG declared as a PDF: refused by the workflow (FORMAT_MISMATCH). */
export const disguised = (doc: TestDocument): TestDocument => {
  const png = makePng(64, 64);
  return { bytes: png, metadata: { ...doc.metadata, sizeBytes: png.byteLength, sha256: sha256Hex(png) } };
};

export interface Submitted {
  submissionId: string;
  status: string;
  referenceNumber: string | null;
  documents: { documentId: string; documentType: string; status: string; supersededBy?: { submissionId: string; documentId: string }; replacesDocumentId?: string }[];
}

/** Creates, uploads, submits and waits for the workflow's outcome. */
export async function submit(stack: StackInfo, token: string, documents: TestDocument[]): Promise<Submitted> {
  const created = await callApi(stack, 'POST', '/submissions', token, { documents: documents.map((d) => d.metadata) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  for (const [index, doc] of (created.body.documents as { upload: { url: string; fields: Record<string, string> } }[]).entries()) {
    expect(await uploadFile(doc.upload, documents[index]!.bytes, String(documents[index]!.metadata.contentType))).toBe(204);
  }
  await callApi(stack, 'POST', `/submissions/${created.body.submissionId}/submit`, token);
  const final = await waitForStatus(stack, token, created.body.submissionId, (status) => status !== 'VALIDATING');
  return final.body as Submitted;
}

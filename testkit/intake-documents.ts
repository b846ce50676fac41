/** A provider's five credentialing documents as real files, and the API steps that submit them. */
import { DOCX_CONTENT_TYPE as DOCX } from '../src/contract/vocabulary.js';
import { makeDocx, makeJpeg, makePdf, makePng, sha256Hex } from './files.js';
import { makePhotoJpeg, makeRichDocx, makeScannedPdf, makeScannedPng, makeTextHeavyPdf } from './realistic-files.js';
import { callApi, uploadFile, waitForStatus, type ApiTarget } from './local-api.js';

export interface TestDocument {
  metadata: Record<string, unknown>;
  bytes: Uint8Array;
}

export function testDocument(documentType: string, fileName: string, contentType: string, bytes: Uint8Array, extra: Record<string, unknown>): TestDocument {
  return { bytes, metadata: { documentType, fileName, contentType, sizeBytes: bytes.byteLength, sha256: sha256Hex(bytes), ...extra } };
}

export function fiveDocuments(): TestDocument[] {
  return [
    testDocument('MEDICAL_LICENSE', 'ca-medical-license.pdf', 'application/pdf', makePdf({ pages: 2 }), { issueDate: '2024-07-01', expirationDate: '2028-06-30', issuingAuthority: 'Medical Board of California', details: { licenseNumber: 'A123456', jurisdiction: 'CA' } }),
    testDocument('BOARD_CERTIFICATION', 'abim-certificate.png', 'image/png', makePng(640, 480), { issueDate: '2019-08-15', issuingAuthority: 'American Board of Internal Medicine', details: { specialty: 'Internal Medicine' } }),
    testDocument('DEA_REGISTRATION', 'dea-registration.jpg', 'image/jpeg', makeJpeg(320, 200), { issueDate: '2025-01-10', expirationDate: '2028-01-31', issuingAuthority: 'U.S. Drug Enforcement Administration', details: { deaNumber: 'AB1234563', jurisdiction: 'CA' } }),
    testDocument('CURRICULUM_VITAE', 'emily-johnson-cv.docx', DOCX, makeDocx(), { issueDate: '2026-10-01', issuingAuthority: '' }),
    testDocument('MALPRACTICE_INSURANCE', 'malpractice-coi.pdf', 'application/pdf', makePdf({ pages: 1 }), { issueDate: '2026-01-01', expirationDate: '2027-01-01', issuingAuthority: 'The Doctors Company', details: { policyNumber: 'TDC-889-2231', perClaimLimit: '1000000', aggregateLimit: '3000000' } }),
  ];
}

/** The same five documents as realistic files of about `bytes` each: scans, a phone photo, a CV with pictures, a text-heavy policy. */
export function fiveRealisticDocuments(bytes: number): TestDocument[] {
  // The generators land near the size asked for; one correction brings each within a few percent.
  const sized = (make: (size: number) => Buffer) => {
    const first = make(bytes);
    return Math.abs(first.byteLength - bytes) <= bytes * 0.05 ? first : make(Math.round((bytes * bytes) / first.byteLength));
  };
  const files = [makeScannedPdf, makeScannedPng, makePhotoJpeg, makeRichDocx, makeTextHeavyPdf].map(sized);
  return fiveDocuments().map((doc, index) => {
    const file = files[index]!;
    return { bytes: file, metadata: { ...doc.metadata, sizeBytes: file.byteLength, sha256: sha256Hex(file) } };
  });
}

export interface CreatedTestSubmission {
  submissionId: string;
  documents: { documentId: string; documentType: string }[];
}

/** Creates the submission and uploads each file with its presigned POST, as the portal does. */
export async function createAndUpload(stack: ApiTarget, token: string, documents: TestDocument[], uploadBytes = documents.map((d) => d.bytes)): Promise<CreatedTestSubmission> {
  const created = await callApi(stack, 'POST', '/submissions', token, { documents: documents.map((d) => d.metadata) });
  if (created.status !== 201) throw new Error(`Creating the submission answered ${created.status}: ${JSON.stringify(created.body)}`);
  for (const [index, doc] of (created.body.documents as { upload: { url: string; fields: Record<string, string> } }[]).entries()) {
    const status = await uploadFile(doc.upload, uploadBytes[index]!, String(documents[index]!.metadata.contentType));
    if (status !== 204) throw new Error(`Uploading document ${index} answered ${status}`);
  }
  return created.body as CreatedTestSubmission;
}

/** Creates, uploads and submits, then waits until the workflow has received the submission. */
export async function submitReceived(stack: ApiTarget, token: string, documents: TestDocument[]): Promise<CreatedTestSubmission & { referenceNumber: string }> {
  const created = await createAndUpload(stack, token, documents);
  await callApi(stack, 'POST', `/submissions/${created.submissionId}/submit`, token);
  const final = await waitForStatus(stack, token, created.submissionId, (status) => status !== 'VALIDATING');
  if (final.body.status !== 'RECEIVED') throw new Error(`Submission ended ${final.body.status}: ${JSON.stringify(final.body)}`);
  return { ...created, referenceNumber: final.body.referenceNumber };
}

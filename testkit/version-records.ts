/**
 * A provider's document version as the credentials rules read it (`VersionRecord`): a verified
 * California license by default, every id unique, anything overridden.
 */
import type { VersionRecord } from '../src/domain/credentials.js';

let counter = 0;
/** A unique UUID-shaped id, in order of making. */
export const testId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

export function versionRecord(overrides: Partial<VersionRecord> = {}): VersionRecord {
  return {
    documentId: overrides.documentId ?? testId(),
    submissionId: testId(),
    providerId: 'p-1',
    documentType: 'MEDICAL_LICENSE',
    category: 'LICENSE',
    fileName: 'license.pdf',
    contentType: 'application/pdf',
    sizeBytes: 100,
    sha256: 'a'.repeat(64),
    issueDate: '2025-01-01',
    expirationDate: '2028-01-31',
    issuingAuthority: 'Medical Board of California',
    details: { licenseNumber: 'A1', jurisdiction: 'CA' },
    status: 'VERIFIED',
    issues: [],
    stagingKey: 'staging/x',
    storedKey: 'documents/x',
    uploadedAt: '2026-01-01T10:00:00Z',
    ...overrides,
    snapshot: overrides.snapshot ?? null,
  };
}

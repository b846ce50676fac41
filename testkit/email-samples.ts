/**
 * One realistic input per email, shared by the unit tests and `npm run emails:preview`. The
 * hostile strings are what a provider or reviewer could type: they must show as text.
 */
import type {
  Branding,
  DocumentExpiredInput,
  EmailDocument,
  ExpiryReminderInput,
  ReviewOutcomeInput,
  StaffDigestInput,
  SubmissionReceivedInput,
  SubmissionRejectedInput,
} from '../src/emails/index.js';

export const HOSTILE_REASON = '<img src=x onerror=alert(1)> The scan is cut off & the seal is unreadable';

export const branding: Branding = {
  organizationName: 'Riverside Medical Group',
  officeName: 'Credentialing Office',
  contactEmail: 'credentialing@example.org',
  contactPhone: '+1 (555) 010-0123',
  portalUrl: 'https://portal.example.org',
};

const provider = { name: 'Emily Johnson', email: 'emily.johnson@example.org' };
const submissionId = '6f1c2a7e-3b4d-4e5f-9a0b-1c2d3e4f5a6b';
const referenceNumber = 'CRD-7K4M-9QXP-H3TW';

export const license: EmailDocument = {
  documentId: '0b9f6a52-1d1e-4c55-8f0e-5a1f9d2c7b31',
  documentType: 'MEDICAL_LICENSE',
  fileName: 'ca-medical-license.pdf',
  issuingAuthority: 'Medical Board of California',
  jurisdiction: 'CA',
  number: { label: 'License number', value: 'A123456' },
  issueDate: '2024-07-01',
  expirationDate: '2027-06-30',
};
export const dea: EmailDocument = {
  documentId: '4a3e2d1c-0b9a-4f8e-8d7c-6b5a4f3e2d1c',
  documentType: 'DEA_REGISTRATION',
  fileName: 'dea-registration.pdf',
  issuingAuthority: 'Drug Enforcement Administration',
  jurisdiction: 'CA',
  number: { label: 'DEA number', value: 'BJ6125341' },
  issueDate: '2025-01-15',
  expirationDate: '2027-01-31',
};
export const cv: EmailDocument = {
  documentId: '9c8b7a6f-5e4d-4c3b-9a2f-1e0d9c8b7a6f',
  documentType: 'CURRICULUM_VITAE',
  fileName: '<img src=x onerror=alert(1)>.pdf',
  issuingAuthority: '',
  jurisdiction: null,
  number: null,
  issueDate: '2026-10-01',
  expirationDate: null,
};
export const insurance: EmailDocument = {
  documentId: '1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b',
  documentType: 'MALPRACTICE_INSURANCE',
  fileName: 'malpractice-certificate.pdf',
  issuingAuthority: 'The Doctors Company',
  jurisdiction: null,
  number: { label: 'Policy number', value: 'PL-99812' },
  issueDate: '2026-01-01',
  expirationDate: '2027-01-01',
};

export const received: SubmissionReceivedInput = { provider, submissionId, referenceNumber, estimatedReviewCompletionDate: '2026-12-10', documents: [license, dea, cv] };

export const rejected: SubmissionRejectedInput = {
  provider,
  submissionId,
  documents: [
    { ...license, issues: [] },
    { ...dea, issues: [{ message: 'This file is not a PDF: its content is a PNG image. Save it as a PDF, or choose the PNG and change the format.' }] },
    { ...cv, issues: [] },
  ],
};

export const actionRequired: ReviewOutcomeInput = {
  provider,
  submissionId,
  referenceNumber,
  documents: [
    { ...license, decision: 'VERIFIED', reason: null },
    { ...dea, decision: 'REJECTED', reason: HOSTILE_REASON },
    { ...cv, decision: 'VERIFIED', reason: null },
  ],
};

export const verified: ReviewOutcomeInput = { ...actionRequired, documents: actionRequired.documents.map((doc) => ({ ...doc, decision: 'VERIFIED' as const, reason: null })) };

export const expiryReminder: ExpiryReminderInput = {
  provider,
  document: { ...license, expirationDate: '2027-06-30' },
  credentialId: license.documentId,
  today: '2027-05-31',
  generatedAt: '2027-05-31T13:00:00Z',
};

export const documentExpired: DocumentExpiredInput = { provider, document: { ...dea, expirationDate: '2027-01-31' } };

export const staffDigest: StaffDigestInput = {
  today: '2027-01-04',
  since: '2026-12-28',
  windowDays: 30,
  reviewHorizonDays: 7,
  reviewsDue: [
    { submissionId: '7d6c5b4a-3928-4f17-a6e5-d4c3b2a19081', referenceNumber: 'CRD-4HQ2-M8ZT-N6WC', providerName: 'Emily Johnson', submittedOn: '2026-12-09', dueDate: '2027-01-08' },
    { submissionId: '2b3c4d5e-6f70-4819-a2b3-c4d5e6f70819', referenceNumber: 'CRD-9PXR-2KDF-7TLB', providerName: 'Michael Chen', submittedOn: '2026-12-03', dueDate: '2027-01-02' },
  ],
  providers: [
    { providerId: 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b', name: 'Michael Chen', email: 'michael.chen@example.org', documents: [{ ...insurance, expirationDate: '2027-01-01' }] },
    { providerId: 'f0e1d2c3-b4a5-4967-8877-665544332211', name: 'Emily Johnson', email: 'emily.johnson@example.org', documents: [{ ...dea, expirationDate: '2027-01-31' }, { ...license, expirationDate: '2027-01-20' }] },
  ],
};

/**
 * The credentialing document catalog (docs/validation.md): one module shared by the
 * API, the workflow and the portal, so a rule is stated once. The type, category and format
 * vocabulary itself is the contract's.
 */
import type { DocumentTypeFieldView } from '../contract/http.js';
import { CATEGORIES, CONTENT_TYPES, DOCUMENT_TYPES, FILE_FORMATS, type Category, type ContentType, type DocumentType } from '../contract/vocabulary.js';

export { CATEGORIES, CONTENT_TYPES, DOCUMENT_TYPES, FILE_FORMATS, type Category, type ContentType, type DocumentType };

export type ExpirationRule = 'required' | 'optional' | 'none';

export type DetailField = DocumentTypeFieldView;

export interface DocumentTypeSpec {
  type: DocumentType;
  label: string;
  category: Category;
  expiration: ExpirationRule;
  issuingAuthorityRequired: boolean;
  /** Who issues this type, in words that fit it (hint and error message); null where nobody does (a CV). */
  issuingAuthorityHint: string | null;
  issueDateLabel: string;
  formats: readonly ContentType[];
  fields: readonly DetailField[];
  description: string;
}

const IMAGE_OR_PDF: readonly ContentType[] = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'];

export const LIMITS = {
  maxFileBytes: 10 * 1024 * 1024,
  minDocuments: 1,
  maxDocuments: 10,
  maxFileNameBytes: 255,
  maxIssuingAuthorityLength: 200,
  maxDetailTextLength: 100,
  uploadUrlTtlSeconds: 300,
  downloadUrlTtlSeconds: 60,
  maxRequestBodyBytes: 1024 * 1024,
  /** Larger images are refused as decompression bombs: 100 MP is a letter page scanned at ~1000 dpi. */
  maxImagePixels: 100_000_000,
  /** A Word document whose parts add up to more than this when unpacked is refused (zip bomb). */
  maxDocxExpandedBytes: 100 * 1024 * 1024,
} as const;

export const CATALOG: readonly DocumentTypeSpec[] = [
  {
    type: 'MEDICAL_LICENSE',
    label: 'Medical License',
    category: 'LICENSE',
    expiration: 'required',
    issuingAuthorityRequired: true,
    issuingAuthorityHint: 'The state medical board, e.g. Medical Board of California',
    issueDateLabel: 'Issue date',
    formats: IMAGE_OR_PDF,
    description: 'State medical license. Add one for each state in which you are licensed.',
    fields: [
      { name: 'licenseNumber', label: 'License number', required: true, kind: 'identifier', maxLength: 40 },
      { name: 'jurisdiction', label: 'State', required: true, kind: 'jurisdiction', maxLength: 2 },
    ],
  },
  {
    type: 'BOARD_CERTIFICATION',
    label: 'Board Certification',
    category: 'CERTIFICATION',
    expiration: 'optional',
    issuingAuthorityRequired: true,
    issuingAuthorityHint: 'The specialty board, e.g. American Board of Internal Medicine',
    issueDateLabel: 'Certification date',
    formats: IMAGE_OR_PDF,
    description: 'Certificate from your specialty board. Lifetime certificates have no expiration date.',
    fields: [{ name: 'specialty', label: 'Specialty', required: true, kind: 'text', maxLength: 100 }],
  },
  {
    type: 'DEA_REGISTRATION',
    label: 'DEA Registration',
    category: 'REGISTRATION',
    expiration: 'required',
    issuingAuthorityRequired: true,
    issuingAuthorityHint: 'The agency, e.g. U.S. Drug Enforcement Administration',
    issueDateLabel: 'Issue date',
    formats: IMAGE_OR_PDF,
    description: 'Drug Enforcement Administration registration certificate.',
    fields: [
      { name: 'deaNumber', label: 'DEA number', required: true, kind: 'deaNumber', maxLength: 9 },
      { name: 'jurisdiction', label: 'State', required: true, kind: 'jurisdiction', maxLength: 2 },
    ],
  },
  {
    type: 'CURRICULUM_VITAE',
    label: 'Curriculum Vitae',
    category: 'CV',
    expiration: 'none',
    issuingAuthorityRequired: false,
    issuingAuthorityHint: null,
    issueDateLabel: 'Date prepared',
    formats: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    description: 'Your current CV, as a PDF or Word (.docx) document.',
    fields: [],
  },
  {
    type: 'MALPRACTICE_INSURANCE',
    label: 'Malpractice Insurance',
    category: 'INSURANCE',
    expiration: 'required',
    issuingAuthorityRequired: true,
    issuingAuthorityHint: 'The insurer, e.g. The Doctors Company',
    issueDateLabel: 'Policy start date',
    formats: IMAGE_OR_PDF,
    description: 'Certificate of professional liability insurance.',
    fields: [
      { name: 'policyNumber', label: 'Policy number', required: true, kind: 'identifier', maxLength: 50 },
      { name: 'perClaimLimit', label: 'Per-claim limit (USD)', required: false, kind: 'money', maxLength: 15 },
      { name: 'aggregateLimit', label: 'Aggregate limit (USD)', required: false, kind: 'money', maxLength: 15 },
    ],
  },
];

const BY_TYPE = new Map(CATALOG.map((spec) => [spec.type, spec]));

export function documentTypeSpec(type: DocumentType): DocumentTypeSpec {
  const spec = BY_TYPE.get(type);
  if (!spec) throw new Error(`Unknown document type ${type}`);
  return spec;
}

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && BY_TYPE.has(value as DocumentType);
}

export function formatLabel(contentType: string): string {
  return (FILE_FORMATS as Record<string, { label: string }>)[contentType]?.label ?? contentType;
}

export function acceptedFormatsText(type: DocumentType): string {
  return documentTypeSpec(type).formats.map(formatLabel).join(', ');
}

/** A label inside a sentence: "License number" → "license number", but "DEA number" stays. */
export function labelInSentence(label: string): string {
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * A detail as typed → as stored: trimmed; codes upper-cased; amounts without "$", "," or
 * spaces ("$1,000,000" → "1000000"). The API and the portal both check the normalized value.
 */
export function normalizeDetail(kind: DetailField['kind'], value: string): string {
  const trimmed = value.trim();
  if (kind === 'deaNumber' || kind === 'jurisdiction') return trimmed.toUpperCase();
  if (kind === 'money') return trimmed.replace(/[$,\s]/g, '');
  return trimmed;
}

/** The type's own details, normalized, without the empty ones (what the API stores). */
export function normalizedDetails(documentType: DocumentType, details: Record<string, string>): Record<string, string> {
  const normalized: Record<string, string> = {};
  for (const field of documentTypeSpec(documentType).fields) {
    const value = normalizeDetail(field.kind, details[field.name] ?? '');
    if (value) normalized[field.name] = value;
  }
  return normalized;
}

/** A stored detail as a person reads it: amounts as "$1,000,000" (cents only when there are any). */
export function writtenDetail(kind: DetailField['kind'], value: string): string {
  if (kind !== 'money' || !/^\d+(\.\d{1,2})?$/.test(value)) return value;
  const cents = value.includes('.') ? 2 : 0;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: cents, maximumFractionDigits: cents }).format(Number(value));
}

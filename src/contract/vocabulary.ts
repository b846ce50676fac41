/**
 * The words the API, the portal, the workflow and the tables share: statuses, document types,
 * categories, file formats, issue codes and error codes. Each list is the single definition;
 * `src/domain` gives them their rules.
 */

export const SUBMISSION_STATUSES = [
  'AWAITING_UPLOAD',
  'VALIDATING',
  'PROCESSING_FAILED',
  'RECEIVED',
  'REJECTED',
  'IN_REVIEW',
  'VERIFIED',
  'ACTION_REQUIRED',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const DOCUMENT_STATUSES = [
  'PENDING_UPLOAD',
  'VALIDATING',
  'PENDING_REVIEW',
  'INVALID',
  'VERIFIED',
  'REJECTED',
  'EXPIRED',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const DOCUMENT_TYPES = [
  'MEDICAL_LICENSE',
  'BOARD_CERTIFICATION',
  'DEA_REGISTRATION',
  'CURRICULUM_VITAE',
  'MALPRACTICE_INSURANCE',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const CATEGORIES = ['LICENSE', 'CERTIFICATION', 'REGISTRATION', 'CV', 'INSURANCE'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Content types we accept at all; which ones a document type takes is in the domain's catalog. */
export const FILE_FORMATS = {
  'application/pdf': { label: 'PDF', extensions: ['.pdf'] },
  'image/jpeg': { label: 'JPEG', extensions: ['.jpg', '.jpeg'] },
  'image/png': { label: 'PNG', extensions: ['.png'] },
  'image/tiff': { label: 'TIFF', extensions: ['.tif', '.tiff'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'DOCX',
    extensions: ['.docx'],
  },
} as const;
export type ContentType = keyof typeof FILE_FORMATS;
export const CONTENT_TYPES = Object.keys(FILE_FORMATS) as ContentType[];
export const DOCX_CONTENT_TYPE: ContentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Why a stored file was refused. */
export const DOCUMENT_ISSUE_CODES = [
  'MISSING_UPLOAD',
  'EMPTY_FILE',
  'SIZE_LIMIT_EXCEEDED',
  'SIZE_MISMATCH',
  'UNSUPPORTED_FORMAT',
  'FORMAT_MISMATCH',
  'FORMAT_NOT_ALLOWED',
  'CHECKSUM_MISMATCH',
  'CORRUPT_FILE',
  'ENCRYPTED_FILE',
  'ACTIVE_CONTENT',
  'MALWARE_DETECTED',
] as const;
export type DocumentIssueCode = (typeof DOCUMENT_ISSUE_CODES)[number];

/** Every error code the API answers with, and its HTTP status (API Gateway's own included). */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_ERROR: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** What the audit trail records. */
export const AUDIT_EVENT_TYPES = [
  'SUBMISSION_CREATED',
  'SUBMISSION_REFUSED',
  'SUBMISSION_SUBMITTED',
  'PROCESSING_FAILED',
  'PROCESSING_RETRIED',
  'SUBMISSION_RECEIVED',
  'SUBMISSION_REJECTED',
  'CONFIRMATION_EMAIL_SENT',
  'REJECTION_EMAIL_SENT',
  'NOTIFICATION_FAILED',
  'DOCUMENT_DOWNLOADED',
  'DOCUMENT_REVIEWED',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Cognito groups that give a signed-in user her role. */
export const PROVIDER_GROUP = 'providers';
export const STAFF_GROUP = 'credentialing-staff';

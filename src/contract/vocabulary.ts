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
  /** A draft never submitted: discarded by its provider, or by the clean-up job after 24 hours. Kept as evidence, listed nowhere. */
  'DISCARDED',
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
  'SUPERSEDED',
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
  /** The malware scanner could not look inside the file (GuardDuty's UNSUPPORTED): never taken unchecked. */
  'UNSCANNABLE_FILE',
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
  /** A service the API needs was briefly unavailable (not our input, not our code): retry after `Retry-After` seconds. */
  SERVICE_UNAVAILABLE: 503,
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
  'SUBMISSION_VERIFIED',
  'SUBMISSION_ACTION_REQUIRED',
  'OUTCOME_EMAIL_SENT',
  'DRAFT_DISCARDED',
  'DOCUMENT_SUPERSEDED',
  /** A verified version took its place back: the renewal that superseded it was rejected in review. */
  'DOCUMENT_REINSTATED',
  'EXPIRY_REMINDER_SENT',
  'DOCUMENT_EXPIRED',
  /** A document's snapshot held malware: which one, and the threats the engine named (staff's trace with either engine). */
  'MALWARE_DETECTED',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** A reviewer's decision on one document (`POST /documents/{documentId}/review`). */
export const REVIEW_DECISIONS = ['VERIFIED', 'REJECTED'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Why a document was rejected, for reporting; the provider reads the reviewer's own words (`reason`). */
export const REVIEW_REASON_CODES = ['ILLEGIBLE', 'EXPIRED', 'WRONG_DOCUMENT', 'NAME_MISMATCH', 'DETAILS_MISMATCH', 'INCOMPLETE', 'OTHER'] as const;
export type ReviewReasonCode = (typeof REVIEW_REASON_CODES)[number];

/** How a download URL asks the browser to treat the file: shown in the page, or saved. */
export const DOWNLOAD_DISPOSITIONS = ['inline', 'attachment'] as const;
export type DownloadDisposition = (typeof DOWNLOAD_DISPOSITIONS)[number];

/** Submission statuses the review queue holds: received and not yet decided. */
export const REVIEW_QUEUE_STATUSES = ['RECEIVED', 'IN_REVIEW'] as const satisfies readonly SubmissionStatus[];
export type ReviewQueueStatus = (typeof REVIEW_QUEUE_STATUSES)[number];

/** Cognito groups that give a signed-in user her role. */
export const PROVIDER_GROUP = 'providers';
export const STAFF_GROUP = 'credentialing-staff';

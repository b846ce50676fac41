/**
 * The HTTP API's bodies, as the handlers produce them and the portal and tests read them (the
 * contract: DESIGN.md §4; the routes it lacks — the review queue, credentials and versions,
 * discarding a draft, new upload links for a draft — are in docs/review.md, docs/versions-and-expiry.md and
 * docs/architecture.md). The domain maps its records to these shapes; the create body is what its
 * zod schema accepts (a compile-time check in `src/domain/metadata-schema.ts` keeps them equal).
 */
import type {
  AuditEventType,
  Category,
  ContentType,
  DocumentIssueCode,
  DocumentStatus,
  DocumentType,
  ErrorCode,
  ReviewDecision,
  ReviewQueueStatus,
  ReviewReasonCode,
  SubmissionStatus,
} from './vocabulary.js';
import type { CrossCheck } from './cross-check.js';

export type { ErrorCode };

export interface FieldProblem {
  /** Dotted path of the field, e.g. `documents.2.expirationDate`, or `(body)`. */
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: FieldProblem[]; requestId?: string };
}

/** One document of `POST /submissions`. */
export interface CreateDocumentBody {
  documentType: DocumentType;
  category?: Category;
  fileName: string;
  contentType: ContentType;
  sizeBytes: number;
  sha256: string;
  issueDate: string;
  expirationDate?: string | null;
  issuingAuthority?: string;
  details?: Record<string, string>;
  /**
   * One of her own documents this one replaces or renews (docs/versions-and-expiry.md "Replacing
   * and renewing").
   */
  replacesDocumentId?: string;
}

export interface CreateSubmissionBody {
  documents: CreateDocumentBody[];
  /**
   * Makes the create safe to send again (AWS's ClientToken idiom): the same token from the same
   * provider with the same documents answers the submission the first request made, with fresh
   * upload links. 16–64 of `A–Z a–z 0–9 _ -`; a UUID fits.
   */
  clientToken?: string;
}

export interface PresignedUpload {
  method: 'POST';
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

export interface CreatedSubmission {
  submissionId: string;
  status: 'AWAITING_UPLOAD';
  documents: { documentId: string; documentType: DocumentType; upload: PresignedUpload }[];
}

/**
 * `POST /submissions/{submissionId}/upload-links`: fresh presigned POSTs for a draft's documents
 * (links live 5 minutes; a slow upload outlives them), and which files already arrived whole, so
 * a page reloaded mid-upload sends only the others. `sha256` is the checksum each link is pinned
 * to: the portal resumes only with files whose bytes hash to it.
 */
export interface UploadLinks {
  submissionId: string;
  documents: { documentId: string; sha256: string; received: boolean; upload: PresignedUpload }[];
}

export interface SubmitResult {
  submissionId: string;
  status: SubmissionStatus;
}

export interface DocumentIssueView {
  code: DocumentIssueCode;
  message: string;
}

/** What validation noticed about an accepted file that reviewers should know. */
export interface DocumentInspection {
  /** A PDF with damaged cross-references, accepted because viewers rebuild it (it may look incomplete). */
  repaired: boolean;
}

export interface DocumentView {
  documentId: string;
  documentType: DocumentType;
  category: Category;
  fileName: string;
  contentType: ContentType;
  sizeBytes: number;
  issueDate: string;
  expirationDate: string | null;
  issuingAuthority: string;
  details: Record<string, string>;
  status: DocumentStatus;
  issues: DocumentIssueView[];
  /** Present once the document was validated. */
  inspection?: DocumentInspection;
  /** The reviewer's decision: to staff as soon as it is made, to the provider once the review is complete. */
  review?: DocumentReviewView;
  /** The earlier version this document replaces. */
  replacesDocumentId?: string;
  /** The newer version that replaced it (status SUPERSEDED). */
  supersededBy?: DocumentRef;
  /**
   * Its text against what was typed, once the workflow has read a stored document. Staff get every
   * field with what was read; the owner gets only the number that was not found or differs.
   */
  crossCheck?: CrossCheck;
}

export interface DocumentReviewView {
  decision: ReviewDecision;
  /** The reviewer's words, plain text (never markup); null when a verification needed none. */
  reason: string | null;
  reasonCode?: ReviewReasonCode;
  reviewedAt: string;
  /** Staff only: who decided. */
  reviewedBy?: ProviderSummary;
  /** Staff only: which decision this is; a change names it as `replaces`. */
  decisionId?: string;
}

/** `POST /documents/{documentId}/review` */
export interface ReviewRequestBody {
  decision: ReviewDecision;
  /** 1–1000 characters; required for REJECTED. */
  reason?: string;
  reasonCode?: ReviewReasonCode;
  /**
   * The decision this one changes, as the reviewer's page showed it (its `decisionId`; null: none
   * yet). Another decision landed since → 409, nothing changed. Left out: it lands over any.
   */
  replaces?: string | null;
}

/** `POST /submissions/{submissionId}/complete-review` */
export interface CompleteReviewResult {
  submissionId: string;
  status: SubmissionStatus;
}

/** `GET /documents/{documentId}/download-url`: a presigned GET of the stored, validated bytes. */
export interface DownloadUrl {
  url: string;
  expiresAt: string;
  fileName: string;
  contentType: ContentType;
}

export interface DocumentRef {
  submissionId: string;
  documentId: string;
}

/** A submission that replaced every failing document of an earlier one. */
export interface SubmissionRef {
  submissionId: string;
  referenceNumber: string | null;
}

export interface ProviderSummary {
  name: string;
  email: string;
}

/** A provider as staff lists name her: her id opens her page (`/staff/providers/{providerId}`). */
export interface ProviderRef extends ProviderSummary {
  providerId: string;
}

/** What every view of a submission says about it. */
export interface SubmissionSummary {
  submissionId: string;
  referenceNumber: string | null;
  status: SubmissionStatus;
  createdAt: string;
  submittedAt: string | null;
  estimatedReviewCompletionDate: string | null;
  /** NCQA: the provider must hear the decision by this date (30 calendar days after submission). */
  reviewDueDate: string | null;
  /** When the review was completed, and how many calendar days it took from submission. */
  decidedAt?: string;
  daysToDecision?: number;
  /** The soonest expiration date among its documents: reviewers see what expires soon. */
  earliestExpirationDate: string | null;
  /**
   * Set when every document that failed (not accepted, or rejected in review) has been replaced
   * by a received newer version: the submissions that did it. It no longer needs attention.
   */
  replacedBy?: SubmissionRef[];
  /** Staff only: who submitted. */
  provider?: ProviderRef;
}

export interface SubmissionView extends SubmissionSummary {
  documents: DocumentView[];
}

export interface SubmissionListItem extends SubmissionSummary {
  documentCount: number;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export type SubmissionList = Page<SubmissionListItem>;

/** `GET /review-queue` (staff): submissions waiting for a decision, oldest first. */
export interface ReviewQueueItem {
  submissionId: string;
  referenceNumber: string;
  status: ReviewQueueStatus;
  submittedAt: string;
  reviewDueDate: string;
  /** Calendar days since submission, in the organisation's time zone. */
  daysWaiting: number;
  /** The due date has passed without a decision. */
  overdue: boolean;
  provider: ProviderRef;
  documentTypes: DocumentType[];
  documentCount: number;
  /** Documents that carry a decision and still count: a decision on a document replaced since does not. */
  decidedCount: number;
  /**
   * Documents a newer version replaced: each is decided by its replacement, in that submission.
   * `decidedCount + replacedCount === documentCount` means nothing is left to decide.
   */
  replacedCount: number;
  /** Who made the decisions counted in `decidedCount`, in the order they first decided: who is working on it. */
  reviewers: string[];
  /** The soonest expiration date among its documents: reviewers see what expires soon. */
  earliestExpirationDate: string | null;
}

export type ReviewQueue = Page<ReviewQueueItem>;

export interface DocumentTypeFieldView {
  name: string;
  label: string;
  required: boolean;
  /** `identifier`: a number printed on the document (letters, digits, dashes), typed as printed. */
  kind: 'text' | 'identifier' | 'jurisdiction' | 'deaNumber' | 'money';
  maxLength: number;
}

export interface AuditActor {
  type: 'provider' | 'staff' | 'system';
  id: string;
}

export interface AuditEventView {
  submissionId: string;
  sequence: number;
  type: AuditEventType;
  factKey: string;
  actor: AuditActor;
  occurredAt: string;
  requestId: string;
  sourceIp: string | null;
  details: Record<string, string | number | boolean | null | string[]>;
  previousHash: string;
  hash: string;
}

/** `GET /submissions/{submissionId}/audit`: oldest first, and whether every hash still links. */
export interface AuditTrail {
  events: AuditEventView[];
  chainIntact: boolean;
  /** The first event whose hash or link does not verify. */
  firstBrokenSequence?: number;
}

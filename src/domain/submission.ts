/** The submission and its documents as the domain sees them, mapped to the contract's views. */
import type { DocumentInspection, DocumentRef, DocumentReviewView, DocumentView, ProviderSummary, SubmissionListItem, SubmissionRef, SubmissionSummary, SubmissionView } from '../contract/http.js';
import type { Category, ContentType, DocumentType } from './catalog.js';
import { crossCheckView, type RecordedCrossCheck } from './cross-check/views.js';
import type { DocumentIssue } from './document-issues.js';
import type { NoticeRecords } from './expiry.js';
import type { MalwareScanRecord } from './malware-scan.js';
import { isReviewOutcome, type DocumentReview, type ReviewCompletion } from './review.js';
import type { DocumentStatus, SubmissionStatus } from './status.js';

export interface Provider {
  providerId: string;
  email: string;
  name: string;
  /** Her sign-in token's given and family names as written; absent on submissions made before they were kept. */
  givenName?: string;
  familyName?: string;
}

export interface Submission {
  submissionId: string;
  provider: Provider;
  referenceNumber: string | null;
  status: SubmissionStatus;
  createdAt: string;
  submittedAt: string | null;
  estimatedReviewCompletionDate: string | null;
  /** Set when received: 30 calendar days after submission (NCQA). */
  reviewDueDate: string | null;
  documentIds: string[];
  /** The documents' types in the same order: lets the review queue filter by type without reading documents. */
  documentTypes: DocumentType[];
  /** Message ids of notification emails already sent, by kind: makes sending idempotent. */
  emailsSent: Partial<Record<NotificationKind, string>>;
  /** Decisions by document id; recorded here (one item, conditional updates) until the review is completed. */
  reviews: Record<string, DocumentReview>;
  /** Counts every decision recorded: completing is conditional on the revision it read. */
  reviewRevision: number;
  reviewCompletion: ReviewCompletion | null;
  /** The soonest expiration date among its documents. */
  earliestExpirationDate?: string | null;
  /** Set once every failing document has been replaced by a received newer version. */
  replacedBy?: SubmissionRef[];
  /** Its documents a newer version replaced (each decided by its replacement), recorded once superseded. */
  replacedDocuments: string[];
  /** The workflow attempt (1 at submit, +1 per re-drive): each attempt is its own execution. */
  attempt: number;
  /** When the current attempt started, and when an attempt last failed. */
  attemptStartedAt: string | null;
  failedAt: string | null;
  /** The reference number reserved for this submission before the commit; a retry reuses it. */
  pendingReference: string | null;
}

export type NotificationKind = 'RECEIVED' | 'REJECTED' | 'VERIFIED' | 'ACTION_REQUIRED';

export interface SubmissionDocument {
  documentId: string;
  submissionId: string;
  providerId: string;
  documentType: DocumentType;
  category: Category;
  fileName: string;
  contentType: ContentType;
  sizeBytes: number;
  sha256: string;
  issueDate: string;
  expirationDate: string | null;
  issuingAuthority: string;
  details: Record<string, string>;
  status: DocumentStatus;
  issues: DocumentIssue[];
  /** What validation noticed about an accepted file that reviewers should know (absent until validated). */
  inspection?: DocumentInspection;
  stagingKey: string;
  /** The workflow's latest copy of the upload (under `intake/`). */
  snapshot: Snapshot | null;
  /** The workflow attempt that took `snapshot`: each attempt takes one, and its retries reuse it. */
  snapshotAttempt?: number | null;
  /** The malware verdict and the snapshot it is about: validation reads only a snapshot scanned clean. */
  malwareScan?: MalwareScanRecord | null;
  /** The snapshot the validation result is about: exactly this one is stored. */
  validatedSnapshot?: Snapshot | null;
  storedKey: string | null;
  /** Written when the review's outcome is carried out. */
  review?: DocumentReview | null;
  /** When its submission was created. */
  uploadedAt?: string;
  /** The earlier version it replaces (declared at upload). */
  replacesDocumentId?: string | null;
  /** The first version's id: every version of a credential shares it (its own id when it is the first). */
  lineageId?: string;
  /** Written when its submission is received: what expiry notices and credential views need without the submission. */
  received?: ReceivedFacts | null;
  supersededBy?: DocumentRef | null;
  supersededAt?: string | null;
  /** The renewal that superseded it and was rejected in review: this version took its place back. */
  reinstatedAfter?: DocumentRef | null;
  /** Expiry notices recorded, by notice. */
  notices?: NoticeRecords;
  /** Its text read against what was typed, after it was stored (written once). */
  crossCheck?: RecordedCrossCheck | null;
}

export function toReviewView(review: DocumentReview, forStaff: boolean): DocumentReviewView {
  return {
    decision: review.decision,
    reason: review.reason,
    ...(review.reasonCode ? { reasonCode: review.reasonCode } : {}),
    reviewedAt: review.reviewedAt,
    ...(forStaff ? { reviewedBy: { name: review.reviewedBy.name, email: review.reviewedBy.email }, decisionId: review.requestId } : {}),
  };
}

export interface ReceivedFacts {
  at: string;
  referenceNumber: string;
  owner: ProviderSummary;
}

/** A newer version took its place (it is decided with that version's submission, never on its own). */
export const isReplaced = (doc: Pick<SubmissionDocument, 'status' | 'supersededBy'>): boolean => Boolean(doc.supersededBy) || doc.status === 'SUPERSEDED';

/**
 * Which documents a completed review's outcome leaves to their replacement: those replaced before
 * the review was completed (the outcome was made without them) and those replaced since.
 */
export function leftToReplacement(submission: Pick<Submission, 'reviewCompletion'>): (doc: SubmissionDocument) => boolean {
  const madeWithout = new Set(submission.reviewCompletion?.replacedDocuments ?? []);
  return (doc) => madeWithout.has(doc.documentId) || isReplaced(doc);
}

/** The ids of a submission's documents that a newer version replaced. */
export const replacedDocumentIds = (documents: readonly SubmissionDocument[]): Set<string> => new Set(documents.filter(isReplaced).map((doc) => doc.documentId));

/** The credential a document is a version of. */
export const lineageOf = (doc: Pick<SubmissionDocument, 'documentId' | 'lineageId'>) => doc.lineageId ?? doc.documentId;

/** One object version in the documents bucket (S3 gives no version id where versioning is off). */
export interface Snapshot {
  key: string;
  etag: string;
  versionId: string | null;
}

/** What the API shows of a document: no storage keys, owner ids or checksums. */
export function toDocumentView(doc: SubmissionDocument, review?: DocumentReviewView, forStaff = false): DocumentView {
  return {
    documentId: doc.documentId,
    documentType: doc.documentType,
    category: doc.category,
    fileName: doc.fileName,
    contentType: doc.contentType,
    sizeBytes: doc.sizeBytes,
    issueDate: doc.issueDate,
    expirationDate: doc.expirationDate,
    issuingAuthority: doc.issuingAuthority,
    details: doc.details,
    status: doc.status,
    issues: doc.issues,
    ...(review ? { review } : {}),
    ...(doc.inspection ? { inspection: doc.inspection } : {}),
    ...(doc.replacesDocumentId ? { replacesDocumentId: doc.replacesDocumentId } : {}),
    ...(doc.supersededBy ? { supersededBy: doc.supersededBy } : {}),
    ...(doc.crossCheck ? { crossCheck: crossCheckView(doc.crossCheck, forStaff) } : {}),
  };
}

/** Staff also see who submitted; a provider sees only her own submissions anyway. */
function toSubmissionSummary(submission: Submission, forStaff: boolean): SubmissionSummary {
  return {
    submissionId: submission.submissionId,
    referenceNumber: submission.referenceNumber,
    status: submission.status,
    createdAt: submission.createdAt,
    submittedAt: submission.submittedAt,
    estimatedReviewCompletionDate: submission.estimatedReviewCompletionDate,
    reviewDueDate: submission.reviewDueDate,
    ...(submission.reviewCompletion
      ? { decidedAt: submission.reviewCompletion.decidedAt, daysToDecision: submission.reviewCompletion.daysToDecision }
      : {}),
    earliestExpirationDate: submission.earliestExpirationDate ?? null,
    ...(submission.replacedBy?.length ? { replacedBy: submission.replacedBy } : {}),
    ...(forStaff ? { provider: { providerId: submission.provider.providerId, name: submission.provider.name, email: submission.provider.email } } : {}),
  };
}

/**
 * Staff see decisions as they are made; the provider sees them once the review is complete (a
 * decision may change until then). A completed review shows each document's decision as its
 * status even in the moment before the outcome workflow has written it to the document. A
 * decision on a document replaced before the review was completed did not count (its newer
 * version is reviewed instead): the provider never sees it.
 */
export function toSubmissionView(submission: Submission, documents: SubmissionDocument[], forStaff: boolean): SubmissionView {
  const decided = isReviewOutcome(submission.status);
  const notCounted = new Set(submission.reviewCompletion?.replacedDocuments ?? []);
  return {
    ...toSubmissionSummary(submission, forStaff),
    documents: documents.map((doc) => {
      const review = submission.reviews[doc.documentId] ?? doc.review ?? null;
      if (!review || !(forStaff || decided) || (!forStaff && notCounted.has(doc.documentId))) return toDocumentView(doc, undefined, forStaff);
      const view = toDocumentView(doc, toReviewView(review, forStaff), forStaff);
      return decided && doc.status === 'PENDING_REVIEW' ? { ...view, status: review.decision } : view;
    }),
  };
}

export function toSubmissionListItem(submission: Submission, forStaff: boolean): SubmissionListItem {
  return { ...toSubmissionSummary(submission, forStaff), documentCount: submission.documentIds.length };
}

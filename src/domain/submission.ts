/** The submission and its documents as the domain sees them, mapped to the contract's views. */
import type { DocumentInspection, DocumentView, SubmissionListItem, SubmissionSummary, SubmissionView } from '../contract/http.js';
import type { Category, ContentType, DocumentType } from './catalog.js';
import type { DocumentIssue } from './document-issues.js';
import type { DocumentStatus, SubmissionStatus } from './status.js';

export interface Provider {
  providerId: string;
  email: string;
  name: string;
}

export interface Submission {
  submissionId: string;
  provider: Provider;
  referenceNumber: string | null;
  status: SubmissionStatus;
  createdAt: string;
  submittedAt: string | null;
  estimatedReviewCompletionDate: string | null;
  documentIds: string[];
  /** Message ids of notification emails already sent, by kind: makes sending idempotent. */
  emailsSent: Partial<Record<NotificationKind, string>>;
  /** The workflow attempt (1 at submit, +1 per re-drive): each attempt is its own execution. */
  attempt: number;
  /** When the current attempt started, and when an attempt last failed. */
  attemptStartedAt: string | null;
  failedAt: string | null;
  /** The reference number reserved for this submission before the commit; a retry reuses it. */
  pendingReference: string | null;
}

export type NotificationKind = 'RECEIVED' | 'REJECTED';

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
  /** The snapshot the validation result is about: exactly this one is stored. */
  validatedSnapshot?: Snapshot | null;
  storedKey: string | null;
}

/** One object version in the documents bucket (S3 gives no version id where versioning is off). */
export interface Snapshot {
  key: string;
  etag: string;
  versionId: string | null;
}

/** What the API shows of a document: no storage keys, owner ids or checksums. */
export function toDocumentView(doc: SubmissionDocument): DocumentView {
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
    ...(doc.inspection ? { inspection: doc.inspection } : {}),
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
    ...(forStaff ? { provider: { name: submission.provider.name, email: submission.provider.email } } : {}),
  };
}

export function toSubmissionView(submission: Submission, documents: SubmissionDocument[], forStaff: boolean): SubmissionView {
  return { ...toSubmissionSummary(submission, forStaff), documents: documents.map(toDocumentView) };
}

export function toSubmissionListItem(submission: Submission, forStaff: boolean): SubmissionListItem {
  return { ...toSubmissionSummary(submission, forStaff), documentCount: submission.documentIds.length };
}

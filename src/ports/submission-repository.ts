import type { DocumentType } from '../domain/catalog.js';
import type { DocumentIssue } from '../domain/document-issues.js';
import type { DocumentReview, ReviewCompletion } from '../domain/review.js';
import type { DocumentStatus, SubmissionStatus } from '../domain/status.js';
import type { DocumentInspection } from '../contract/http.js';
import type { NotificationKind, Submission, SubmissionDocument } from '../domain/submission.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface ListQuery {
  providerId?: string;
  status?: SubmissionStatus;
  limit: number;
  nextToken?: string;
}

export interface ReviewQueueQuery {
  status?: 'RECEIVED' | 'IN_REVIEW';
  documentType?: DocumentType;
  limit: number;
  nextToken?: string;
}

/** When the submission was sent, and the dates the review is promised by (estimate) and due by (NCQA). */
export interface ReviewSchedule {
  submittedAt: string;
  estimatedReviewCompletionDate: string;
  reviewDueDate: string;
}

export interface DocumentChanges {
  status: DocumentStatus;
  issues?: DocumentIssue[];
  inspection?: DocumentInspection;
  storedKey?: string | null;
  review?: DocumentReview;
}

export interface SubmissionRepository {
  /** Writes documents first, then the submission: a reader never sees a submission without its documents. */
  create(submission: Submission, documents: SubmissionDocument[]): Promise<void>;
  get(submissionId: string): Promise<{ submission: Submission; documents: SubmissionDocument[] } | null>;
  findIdByReference(referenceNumber: string): Promise<string | null>;
  /** The submission a document belongs to (an index lookup; read the submission itself with `get`). */
  findIdByDocument(documentId: string): Promise<string | null>;
  list(query: ListQuery): Promise<Page<Submission>>;
  /** Submissions waiting for a decision, oldest submitted first. */
  listReviewQueue(query: ReviewQueueQuery): Promise<Page<Submission>>;
  /** Submissions in `status` created before the ISO instant `createdBefore`, oldest first, found by index (never a scan). */
  listByStatusCreatedBefore(status: SubmissionStatus, createdBefore: string, page: { limit: number; nextToken?: string }): Promise<Page<Submission>>;
  /** Conditional status change; false when the submission was not in `from`. */
  transition(submissionId: string, from: SubmissionStatus, to: SubmissionStatus, changes?: Partial<Pick<Submission, 'submittedAt'>>): Promise<boolean>;
  updateDocument(submissionId: string, documentId: string, changes: DocumentChanges): Promise<void>;
  /** PENDING_UPLOAD → VALIDATING for each document still pending (never overwrites a result). */
  markDocumentsValidating(submissionId: string, documentIds: string[]): Promise<void>;
  /** Claims a reference number; false if another submission already holds it. */
  reserveReference(referenceNumber: string, submissionId: string): Promise<boolean>;
  /**
   * The commit point of the workflow: VALIDATING → RECEIVED with the reference number and
   * review dates in one conditional update; the submission joins the review queue. Returns the
   * submission as it now is.
   */
  markReceived(submissionId: string, referenceNumber: string, schedule: ReviewSchedule): Promise<Submission>;
  markEmailSent(submissionId: string, kind: NotificationKind, messageId: string): Promise<void>;
  /**
   * One decision, one conditional update of the submission item: only while it is `from`
   * (RECEIVED moves to IN_REVIEW with it) and only if it differs from the document's current
   * decision; bumps `reviewRevision`. Null when either condition failed (read again to see which).
   */
  recordReview(submissionId: string, documentId: string, review: DocumentReview, from: 'RECEIVED' | 'IN_REVIEW'): Promise<Submission | null>;
  /**
   * The commit point of a review: IN_REVIEW → the outcome, only if no decision changed since
   * `revision` was read. Null when the condition failed.
   */
  completeReview(submissionId: string, revision: number, completion: ReviewCompletion): Promise<Submission | null>;
  /** Submissions with this outcome whose outcome email is not recorded as sent (for re-driving). */
  listUnsentOutcomes(outcome: 'VERIFIED' | 'ACTION_REQUIRED', limit: number, nextToken?: string): Promise<Page<Submission>>;
}

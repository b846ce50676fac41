import type { DocumentType } from '../domain/catalog.js';
import type { DocumentIssue } from '../domain/document-issues.js';
import type { DocumentReview, ReviewCompletion } from '../domain/review.js';
import type { DocumentStatus, SubmissionStatus } from '../domain/status.js';
import type { DocumentInspection } from '../contract/http.js';
import type { RecordedCrossCheck } from '../domain/cross-check/views.js';
import type { MalwareScanRecord } from '../domain/malware-scan.js';
import type { NotificationKind, Snapshot, Submission, SubmissionDocument } from '../domain/submission.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface ListQuery {
  providerId?: string;
  status?: SubmissionStatus;
  /** Leave out drafts never submitted (staff reading one provider's list). */
  submittedOnly?: boolean;
  limit: number;
  nextToken?: string;
}

/** A completed review whose outcome email is not audited as sent yet, as the reconciler reads it. */
export interface UnsentOutcome {
  submissionId: string;
  reviewCompletion: ReviewCompletion;
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
  /** The snapshot this validation result is about: only that one may be stored. */
  validatedSnapshot?: Snapshot | null;
  /** The malware verdict the result rests on, recorded with it. */
  malwareScan?: MalwareScanRecord;
}

export interface SubmissionRepository {
  /** Writes documents first, then the submission: a reader never sees a submission without its documents. */
  create(submission: Submission, documents: SubmissionDocument[]): Promise<void>;
  /**
   * Writes each document, then the submission, each only where nothing is yet — never over an
   * earlier write: a repeated create finishes what an earlier one started. False when the
   * submission was there already.
   */
  createIfAbsent(submission: Submission, documents: SubmissionDocument[]): Promise<boolean>;
  get(submissionId: string): Promise<{ submission: Submission; documents: SubmissionDocument[] } | null>;
  findIdByReference(referenceNumber: string): Promise<string | null>;
  /** The submission a document belongs to (an index lookup; read the submission itself with `get`). */
  findIdByDocument(documentId: string): Promise<string | null>;
  list(query: ListQuery): Promise<Page<Submission>>;
  /** Submissions waiting for a decision, oldest submitted first. */
  listReviewQueue(query: ReviewQueueQuery): Promise<Page<Submission>>;
  /** Drafts (or submissions in another `status`) listed at (`listedAt`: a draft when it was made) before the ISO instant `createdBefore`, oldest first, found by index (never a scan). */
  listByStatusCreatedBefore(status: SubmissionStatus, createdBefore: string, page: { limit: number; nextToken?: string }): Promise<Page<Submission>>;
  /** Submissions whose workflow has not written every fact yet, oldest first. */
  listUnfinished(query: { limit: number; nextToken?: string }): Promise<Page<string>>;
  /** Conditional status change; false when the submission was not in `from`. */
  transition(submissionId: string, from: SubmissionStatus, to: SubmissionStatus): Promise<boolean>;
  /** AWAITING_UPLOAD → VALIDATING as workflow attempt 1; false when it was not awaiting upload. */
  markSubmitted(submissionId: string, submittedAt: string): Promise<boolean>;
  /** VALIDATING → PROCESSING_FAILED, only if `attempt` is still the current attempt. */
  markProcessingFailed(submissionId: string, attempt: number, failedAt: string): Promise<boolean>;
  /**
   * The next workflow attempt, only if the submission is still as seen (status and attempt): a
   * failed one goes back to VALIDATING, a committed one keeps its status. Null when it changed.
   */
  beginNextAttempt(seen: Pick<Submission, 'submissionId' | 'status' | 'attempt'>, startedAt: string): Promise<Submission | null>;
  /** Every fact of the workflow is written: the submission leaves the unfinished index. */
  markFinished(submissionId: string): Promise<void>;
  updateDocument(submissionId: string, documentId: string, changes: DocumentChanges): Promise<void>;
  /**
   * A completed review's decision becomes the document's status, with the review; never on a
   * document a newer version superseded (false then: it stays SUPERSEDED).
   */
  applyReview(submissionId: string, documentId: string, review: DocumentReview): Promise<boolean>;
  /** Stores a document's cross-check unless one is stored already (the first one stays); false then. */
  recordCrossCheck(submissionId: string, documentId: string, result: RecordedCrossCheck): Promise<boolean>;
  /** Records the snapshot the workflow took of a document's upload (while it validates). */
  recordSnapshot(submissionId: string, documentId: string, snapshot: Snapshot, attempt: number): Promise<void>;
  /** Records a document's malware verdict with the snapshot it is about (replacing an earlier one). */
  recordMalwareScan(submissionId: string, documentId: string, scan: MalwareScanRecord): Promise<void>;
  /** PENDING_UPLOAD → VALIDATING for each document still pending (never overwrites a result). */
  markDocumentsValidating(submissionId: string, documentIds: string[]): Promise<void>;
  /**
   * Records the reference number this submission will get, replacing `expected` (null: none
   * yet), while it validates. Returns the pending reference it now holds — a concurrent run's,
   * if that one won.
   */
  setPendingReference(submissionId: string, expected: string | null, next: string): Promise<string | null>;
  /** Claims a reference number; true if this submission holds it (now or already), false if another does. */
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
   * (RECEIVED moves to IN_REVIEW with it) and only if the document's current decision is still the
   * one made by request `replacing` (null: none yet); bumps `reviewRevision`. Null when a condition
   * failed (read again to see which).
   */
  recordReview(submissionId: string, documentId: string, review: DocumentReview, from: 'RECEIVED' | 'IN_REVIEW', replacing: string | null): Promise<Submission | null>;
  /**
   * The commit point of a review: IN_REVIEW → the outcome, only if no decision changed since
   * `revision` was read; the submission joins the unsent outcomes in the same write. Null when
   * the condition failed.
   */
  completeReview(submissionId: string, revision: number, completion: ReviewCompletion): Promise<Submission | null>;
  /** Completed reviews whose OUTCOME_EMAIL_SENT is not recorded yet (for re-driving), oldest created first: a sparse index, never a filter. */
  listUnsentOutcomes(query: { limit: number; nextToken?: string }): Promise<Page<UnsentOutcome>>;
  /** OUTCOME_EMAIL_SENT is in the audit trail: the submission leaves the unsent outcomes. */
  markOutcomeRecorded(submissionId: string): Promise<void>;
}

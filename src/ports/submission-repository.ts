import type { DocumentIssue } from '../domain/document-issues.js';
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

export interface DocumentChanges {
  status: DocumentStatus;
  issues?: DocumentIssue[];
  inspection?: DocumentInspection;
  storedKey?: string | null;
}

export interface SubmissionRepository {
  /** Writes documents first, then the submission: a reader never sees a submission without its documents. */
  create(submission: Submission, documents: SubmissionDocument[]): Promise<void>;
  get(submissionId: string): Promise<{ submission: Submission; documents: SubmissionDocument[] } | null>;
  findIdByReference(referenceNumber: string): Promise<string | null>;
  list(query: ListQuery): Promise<Page<Submission>>;
  /** Conditional status change; false when the submission was not in `from`. */
  transition(submissionId: string, from: SubmissionStatus, to: SubmissionStatus, changes?: Partial<Pick<Submission, 'submittedAt'>>): Promise<boolean>;
  updateDocument(submissionId: string, documentId: string, changes: DocumentChanges): Promise<void>;
  /** PENDING_UPLOAD → VALIDATING for each document still pending (never overwrites a result). */
  markDocumentsValidating(submissionId: string, documentIds: string[]): Promise<void>;
  /** Claims a reference number; false if another submission already holds it. */
  reserveReference(referenceNumber: string, submissionId: string): Promise<boolean>;
  /**
   * The commit point of the workflow: VALIDATING → RECEIVED with the reference number and
   * review date in one conditional update. Returns the submission as it now is.
   */
  markReceived(submissionId: string, referenceNumber: string, estimatedReviewCompletionDate: string): Promise<Submission>;
  markEmailSent(submissionId: string, kind: NotificationKind, messageId: string): Promise<void>;
}

/**
 * The HTTP API's bodies (README "HTTP API"), as the handlers produce them and the portal and
 * tests read them. The domain maps its records to these shapes; the create body is what its
 * zod schema accepts (a compile-time check in `src/domain/metadata-schema.ts` keeps them equal).
 */
import type { AuditEventType, Category, ContentType, DocumentIssueCode, DocumentStatus, DocumentType, ErrorCode, SubmissionStatus } from './vocabulary.js';

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
}

export interface CreateSubmissionBody {
  documents: CreateDocumentBody[];
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
}

export interface ProviderSummary {
  name: string;
  email: string;
}

/** What every view of a submission says about it. */
export interface SubmissionSummary {
  submissionId: string;
  referenceNumber: string | null;
  status: SubmissionStatus;
  createdAt: string;
  submittedAt: string | null;
  estimatedReviewCompletionDate: string | null;
  /** Staff only: who submitted. */
  provider?: ProviderSummary;
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

export interface DocumentTypeFieldView {
  name: string;
  label: string;
  required: boolean;
  kind: 'text' | 'jurisdiction' | 'deaNumber' | 'money';
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

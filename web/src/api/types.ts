/** The API contract (DESIGN.md §4) as the portal sees it; shapes come from the shared domain. */
import type { ContentType, DocumentType } from '../../../src/domain/catalog.js';
import type { SubmissionStatus } from '../../../src/domain/status.js';
import type { DocumentView, SubmissionView } from '../../../src/domain/submission.js';

export type { DocumentView, SubmissionView };

export interface CreateSubmissionDocument {
  documentType: DocumentType;
  fileName: string;
  contentType: ContentType;
  sizeBytes: number;
  sha256: string;
  issueDate: string;
  expirationDate?: string;
  issuingAuthority: string;
  details: Record<string, string>;
}

export interface PresignedUpload {
  method: 'POST';
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

export interface CreatedSubmission {
  submissionId: string;
  status: SubmissionStatus;
  documents: { documentId: string; documentType: DocumentType; upload: PresignedUpload }[];
}

/** List items: the full view, or a summary with a count (both are handled). */
export interface SubmissionListItem {
  submissionId: string;
  referenceNumber: string | null;
  status: SubmissionStatus;
  createdAt: string;
  submittedAt?: string | null;
  estimatedReviewCompletionDate?: string | null;
  documentCount?: number;
  documents?: unknown[];
  provider?: { name: string; email: string };
}

export interface SubmissionList {
  items: SubmissionListItem[];
  nextToken?: string;
}

export interface ErrorDetail {
  path: string;
  message: string;
}

import { documentIssue } from '../domain/document-issues.js';
import { inspectDocument } from '../domain/inspection/inspect-document.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

export interface ValidationOutcome {
  documentId: string;
  valid: boolean;
  issueCodes: string[];
}

/**
 * Workflow step, once per document: reads the staged object once, streaming, and records what
 * is wrong with it. Running it twice gives the same result (it only reads and overwrites).
 */
export async function validateDocument(
  deps: { repository: SubmissionRepository; store: DocumentStore },
  submissionId: string,
  documentId: string,
): Promise<ValidationOutcome> {
  const found = await deps.repository.get(submissionId);
  const doc = found?.documents.find((d) => d.documentId === documentId);
  if (!doc) throw new Error(`Document ${documentId} of submission ${submissionId} does not exist`);

  const object = await deps.store.open(doc.stagingKey);
  const inspected = object ? await inspectDocument(object.body, doc) : null;
  const issues = inspected ? inspected.issues : [documentIssue('MISSING_UPLOAD', 'This file was never uploaded. Choose the file and submit again.')];
  const inspection = inspected ? { repaired: inspected.notes.repaired } : undefined;

  await deps.repository.updateDocument(submissionId, documentId, { status: issues.length === 0 ? 'VALIDATING' : 'INVALID', issues, inspection });
  return { documentId, valid: issues.length === 0, issueCodes: issues.map((issue) => issue.code) };
}

import { intakeKey } from '../contract/storage.js';
import { documentIssue, type DocumentIssue } from '../domain/document-issues.js';
import { inspectDocument } from '../domain/inspection/inspect-document.js';
import { malwareScanIssue, sameSnapshot } from '../domain/malware-scan.js';
import type { Submission, SubmissionDocument } from '../domain/submission.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

export interface ValidationOutcome {
  documentId: string;
  valid: boolean;
  issueCodes: string[];
}

type Deps = { repository: SubmissionRepository; store: DocumentStore };

/** Validation never reads a snapshot without a verdict about it (in AWS the bucket policy refuses it too). */
export class SnapshotNotScanned extends Error {
  override readonly name = 'SnapshotNotScanned';
}

export async function findDocument(repository: SubmissionRepository, submissionId: string, documentId: string): Promise<{ submission: Submission; doc: SubmissionDocument }> {
  const found = await repository.get(submissionId);
  const doc = found?.documents.find((d) => d.documentId === documentId);
  if (!found || !doc) throw new Error(`Document ${documentId} of submission ${submissionId} does not exist`);
  return { submission: found.submission, doc };
}

/**
 * Workflow step, once per document, first: a server-side copy of the upload from `staging/`
 * (which the provider can still write while her form is valid) to `intake/` (which no form can
 * reach). Everything after — scan, validation, storage — works on this snapshot only. When
 * nothing is staged any more (expired), an earlier attempt's snapshot stands.
 */
export async function snapshotDocument(deps: Deps, submissionId: string, documentId: string): Promise<{ documentId: string; snapshotted: boolean }> {
  const { submission, doc } = await findDocument(deps.repository, submissionId, documentId);
  if (submission.status !== 'VALIDATING') return { documentId, snapshotted: false };
  const snapshot = await deps.store.snapshot(doc.stagingKey, intakeKey(submissionId, documentId));
  if (snapshot) await deps.repository.recordSnapshot(submissionId, documentId, snapshot);
  return { documentId, snapshotted: snapshot !== null };
}

/**
 * Workflow step, once per document, after the snapshot's malware scan: a snapshot the scan
 * refused gets the scan's issue and nothing else; a clean one is read once, streaming, and records
 * what is wrong with it together with which snapshot was checked — the only one acceptance may
 * store. Running it twice gives the same result. Once the submission is decided it changes
 * nothing and reports the recorded result (a re-drive that finishes missing facts).
 */
export async function validateDocument(deps: Deps, submissionId: string, documentId: string): Promise<ValidationOutcome> {
  const { submission, doc } = await findDocument(deps.repository, submissionId, documentId);
  if (submission.status !== 'VALIDATING') {
    return { documentId, valid: doc.status !== 'INVALID', issueCodes: doc.issues.map((issue) => issue.code) };
  }

  const refusal = scanRefusal(doc);
  if (refusal) {
    // The scan decided: the snapshot is quarantined, so it is neither read nor ever stored.
    await deps.repository.updateDocument(submissionId, documentId, { status: 'INVALID', issues: [refusal], validatedSnapshot: null });
    return { documentId, valid: false, issueCodes: [refusal.code] };
  }
  const object = doc.snapshot ? await deps.store.open(doc.snapshot) : null;
  const inspected = object ? await inspectDocument(object.body, doc) : null;
  const issues = inspected ? inspected.issues : [documentIssue('MISSING_UPLOAD', 'This file was never uploaded. Choose the file and submit again.')];

  await deps.repository.updateDocument(submissionId, documentId, {
    status: issues.length === 0 ? 'VALIDATING' : 'INVALID',
    issues,
    ...(inspected ? { inspection: { repaired: inspected.notes.repaired } } : {}),
    validatedSnapshot: object ? doc.snapshot : null,
  });
  return { documentId, valid: issues.length === 0, issueCodes: issues.map((issue) => issue.code) };
}

/**
 * The issue the malware scan of the current snapshot refuses the document with, or null when it
 * was scanned clean (or nothing was uploaded). A verdict about another snapshot, or a failed
 * scan, is no verdict: the step fails rather than read an unscanned file.
 */
function scanRefusal(doc: SubmissionDocument): DocumentIssue | null {
  if (!doc.snapshot) return null;
  const scan = doc.malwareScan;
  if (!scan || !sameSnapshot(scan.snapshot, doc.snapshot)) throw new SnapshotNotScanned(`${doc.snapshot.key} has not been scanned for malware`);
  if (scan.result.verdict === 'CLEAN') return null;
  const issue = malwareScanIssue(scan.result, doc.contentType);
  if (!issue) throw new SnapshotNotScanned(`The malware scan of ${doc.snapshot.key} gave no verdict (${scan.result.verdict})`);
  return issue;
}

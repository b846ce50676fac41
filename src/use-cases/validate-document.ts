import { intakeKey } from '../contract/storage.js';
import { documentIssue, type DocumentIssue } from '../domain/document-issues.js';
import { inspectDocument } from '../domain/inspection/inspect-document.js';
import { isMalware, malwareScanIssue } from '../domain/malware-scan.js';
import type { Snapshot, Submission, SubmissionDocument } from '../domain/submission.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { DocumentChanges, SubmissionRepository } from '../ports/submission-repository.js';
import { verdictOn, type VerdictDeps } from './malware-verdict.js';

export interface ValidationOutcome {
  documentId: string;
  valid: boolean;
  issueCodes: string[];
  /** Malware found by this call (not a verdict recorded earlier): what the step counts and alarms on. */
  malwareFound: boolean;
}

type SnapshotDeps = { repository: SubmissionRepository; store: DocumentStore };
type Deps = SnapshotDeps & VerdictDeps;

export async function findDocument(repository: SubmissionRepository, submissionId: string, documentId: string): Promise<{ submission: Submission; doc: SubmissionDocument }> {
  const found = await repository.get(submissionId);
  const doc = found?.documents.find((d) => d.documentId === documentId);
  if (!found || !doc) throw new Error(`Document ${documentId} of submission ${submissionId} does not exist`);
  return { submission: found.submission, doc };
}

/**
 * The snapshot this attempt validates: a server-side copy of the upload from `staging/` (which the
 * provider can still write while her form is valid) to `intake/` (which no form can reach), taken
 * once per attempt — a retry (waiting for the malware verdict, or after a crash) reuses it, so
 * the verdict asked for is about the object already being scanned. Everything after — scan,
 * validation, storage — works on this snapshot only. When nothing is staged any more (expired),
 * an earlier attempt's snapshot stands.
 */
async function snapshotFor(deps: SnapshotDeps, submission: Submission, doc: SubmissionDocument): Promise<Snapshot | null> {
  if (doc.snapshot && doc.snapshotAttempt === submission.attempt) return doc.snapshot;
  const taken = await deps.store.snapshot(doc.stagingKey, intakeKey(submission.submissionId, doc.documentId));
  if (!taken) return doc.snapshot;
  await deps.repository.recordSnapshot(submission.submissionId, doc.documentId, taken, submission.attempt);
  return taken;
}

/**
 * Workflow step, once per document: its snapshot (see snapshotFor), then the malware verdict on it
 * (see verdictOn; in AWS the bucket policy lets no one read it before GuardDuty tags it clean). A
 * snapshot the scan refused gets the scan's issue and nothing else, and is never read; a clean one
 * is read once, streaming, and the verdict and what is wrong with the file are recorded in one
 * write, together with which snapshot was checked — the only one acceptance may store. Running it
 * twice gives the same result. Once the submission is decided it changes nothing and reports the
 * recorded result (a re-drive that finishes missing facts).
 */
export async function validateDocument(deps: Deps, submissionId: string, documentId: string): Promise<ValidationOutcome> {
  const { submission, doc } = await findDocument(deps.repository, submissionId, documentId);
  if (submission.status !== 'VALIDATING') {
    return { documentId, valid: doc.status !== 'INVALID', issueCodes: doc.issues.map((issue) => issue.code), malwareFound: false };
  }
  const snapshot = await snapshotFor(deps, submission, doc);
  if (!snapshot) return recordIssues(deps, submissionId, doc, [missingUpload()], {});

  const { record, fresh } = await verdictOn(deps, submissionId, documentId, snapshot, doc.malwareScan ?? undefined);
  const verdict = fresh ? { malwareScan: record } : {};
  const refusal = malwareScanIssue(record.result, doc.contentType);
  if (refusal) {
    // The scan decided: the snapshot is quarantined, so it is neither read nor ever stored.
    const outcome = await recordIssues(deps, submissionId, doc, [refusal], verdict);
    return { ...outcome, malwareFound: fresh && isMalware(record.result) };
  }
  const object = await deps.store.open(snapshot);
  if (!object) return recordIssues(deps, submissionId, doc, [missingUpload()], verdict);
  const inspected = await inspectDocument(object.body, doc);
  await deps.repository.updateDocument(submissionId, documentId, {
    status: inspected.issues.length === 0 ? 'VALIDATING' : 'INVALID',
    issues: inspected.issues,
    inspection: { repaired: inspected.notes.repaired },
    validatedSnapshot: snapshot,
    ...verdict,
  });
  return { documentId, valid: inspected.issues.length === 0, issueCodes: inspected.issues.map((issue) => issue.code), malwareFound: false };
}

const missingUpload = () => documentIssue('MISSING_UPLOAD', 'This file was never uploaded. Choose the file and submit again.');

/** The document is INVALID with these issues, and no snapshot of it may be stored. */
async function recordIssues(deps: Deps, submissionId: string, doc: SubmissionDocument, issues: DocumentIssue[], verdict: Pick<DocumentChanges, 'malwareScan'>): Promise<ValidationOutcome> {
  await deps.repository.updateDocument(submissionId, doc.documentId, { status: 'INVALID', issues, validatedSnapshot: null, ...verdict });
  return { documentId: doc.documentId, valid: false, issueCodes: issues.map((issue) => issue.code), malwareFound: false };
}

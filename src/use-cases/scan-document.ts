import { SCAN_PENDING_ERROR } from '../contract/malware-scanning.js';
import { isMalware, isScanFailure, type MalwareVerdict } from '../domain/malware-scan.js';
import type { Clock } from '../ports/clock.js';
import type { MalwareScanner } from '../ports/malware-scanner.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import { findDocument } from './validate-document.js';

/** No verdict yet: the workflow retries the step (SCAN_PENDING_ERROR) with a bounded total wait. */
export class MalwareScanPending extends Error {
  constructor(key: string) {
    super(`No malware verdict yet for ${key}`);
    this.name = SCAN_PENDING_ERROR;
  }
}

/** The scanner could not do its job (GuardDuty's ACCESS_DENIED or FAILED): ours to fix, so the attempt fails and is re-driven. */
export class MalwareScanFailed extends Error {
  override readonly name = 'MalwareScanFailed';
}

export interface ScanOutcome {
  documentId: string;
  /** `NOT_SCANNED`: nothing was uploaded (validation refuses it as MISSING_UPLOAD). */
  verdict: Exclude<MalwareVerdict, 'PENDING'> | 'NOT_SCANNED';
  /** Malware found by this call (not a verdict recorded earlier): what the step counts and alarms on. */
  malwareFound: boolean;
}

type Deps = { repository: SubmissionRepository; scanner: MalwareScanner; clock: Clock };

/**
 * Workflow step, once per document, between the snapshot and validation: the malware verdict for
 * the document's current `intake/` snapshot, recorded on the document with that snapshot, so
 * validation can tell a verdict about this snapshot from one about an earlier attempt's. Asking
 * again is harmless (engines tag idempotently). Once the submission is decided it changes nothing
 * and reports the recorded verdict (the snapshot may be gone by then).
 */
export async function scanDocument(deps: Deps, submissionId: string, documentId: string): Promise<ScanOutcome> {
  const { submission, doc } = await findDocument(deps.repository, submissionId, documentId);
  if (submission.status !== 'VALIDATING' || !doc.snapshot) {
    return { documentId, verdict: doc.malwareScan?.result.verdict ?? 'NOT_SCANNED', malwareFound: false };
  }
  const snapshot = doc.snapshot;
  const result = await deps.scanner.scan(snapshot);
  if (result.verdict === 'PENDING') throw new MalwareScanPending(snapshot.key);
  await deps.repository.recordMalwareScan(submissionId, documentId, { snapshot, result, scannedAt: deps.clock.now().toISOString() });
  if (isScanFailure(result)) throw new MalwareScanFailed(`The malware scanner could not scan ${snapshot.key}: ${result.reason}`);
  return { documentId, verdict: result.verdict, malwareFound: isMalware(result) };
}

import { intakeKey } from '../contract/storage.js';
import type { MalwareScanResult, MalwareScanner } from '../ports/malware-scanner.js';

/** The workflow retries the task on this error name, with a bounded total wait. */
export const SCAN_PENDING_ERROR = 'MalwareScanPending';

export class MalwareScanPending extends Error {
  constructor(key: string) {
    super(`No malware verdict yet for ${key}`);
    this.name = SCAN_PENDING_ERROR;
  }
}

export type ScanOutcome = Exclude<MalwareScanResult, { verdict: 'PENDING' }>;

/**
 * Workflow step, once per document: the malware verdict for the document's `intake/` snapshot.
 * Asking again is harmless (engines tag idempotently).
 */
export async function scanDocument(deps: { scanner: MalwareScanner }, submissionId: string, documentId: string): Promise<ScanOutcome> {
  const key = intakeKey(submissionId, documentId);
  const result = await deps.scanner.scan(key);
  if (result.verdict === 'PENDING') throw new MalwareScanPending(key);
  return result;
}

/**
 * The object tag GuardDuty Malware Protection for S3 writes after a scan, and the builtin
 * scanner writes the same way. The bucket policy (infra) and both adapters read these names.
 */
import type { MalwareScanResult } from '../ports/malware-scanner.js';

export const SCAN_STATUS_TAG = 'GuardDutyMalwareScanStatus';

export const SCAN_STATUSES = ['NO_THREATS_FOUND', 'THREATS_FOUND', 'UNSUPPORTED', 'ACCESS_DENIED', 'FAILED'] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];

/** The only status under which the bucket policy lets an `intake/` object be read. */
export const CLEAN_STATUS: ScanStatus = 'NO_THREATS_FOUND';

/** `undefined`: not tagged yet. An unknown value is never read as clean. */
export function verdictFromTag(value: string | undefined): MalwareScanResult {
  switch (value) {
    case undefined:
      return { verdict: 'PENDING' };
    case 'NO_THREATS_FOUND':
      return { verdict: 'CLEAN' };
    case 'THREATS_FOUND':
      return { verdict: 'INFECTED', threats: [] };
    case 'UNSUPPORTED':
    case 'ACCESS_DENIED':
      return { verdict: 'UNSCANNABLE', reason: value };
    default:
      return { verdict: 'UNSCANNABLE', reason: 'FAILED' };
  }
}

export function tagFromResult(result: MalwareScanResult): ScanStatus {
  switch (result.verdict) {
    case 'CLEAN':
      return 'NO_THREATS_FOUND';
    case 'INFECTED':
      return 'THREATS_FOUND';
    case 'UNSCANNABLE':
      return result.reason;
    case 'PENDING':
      throw new Error('A pending scan has no status to record');
  }
}

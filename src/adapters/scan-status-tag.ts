/**
 * The verdict carried by the `GuardDutyMalwareScanStatus` object tag, which GuardDuty Malware
 * Protection for S3 writes after a scan and the builtin scanner writes the same way.
 */
import type { ScanStatus } from '../contract/malware-scanning.js';
import type { MalwareScanResult } from '../ports/malware-scanner.js';

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

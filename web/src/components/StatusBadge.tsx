import type { SubmissionSummary } from '../../../src/contract/http.js';
import { expiryOutlook } from '../../../src/domain/expiry.js';
import type { DocumentStatus, SubmissionStatus } from '../../../src/domain/status.js';
import { DOCUMENT_STATUS, SUBMISSION_STATUS, expiresIn, today } from '../format.js';

export function StatusBadge({ status, kind = 'submission' }: { status: SubmissionStatus | DocumentStatus; kind?: 'submission' | 'document' }) {
  const table = (kind === 'submission' ? SUBMISSION_STATUS : DOCUMENT_STATUS) as Record<string, { label: string; tone: string }>;
  const entry = table[status] ?? { label: status, tone: 'neutral' };
  return <span className={`badge badge--${entry.tone}`}>{entry.label}</span>;
}

/** A submission whose failing documents were all replaced no longer needs attention: it says so. */
export function SubmissionStatusBadge({ submission }: { submission: Pick<SubmissionSummary, 'status' | 'replacedBy'> }) {
  if (submission.replacedBy?.length) return <span className="badge badge--neutral">Replaced</span>;
  return <StatusBadge status={submission.status} />;
}

/** "Expires in 20 days" for a date within the first reminder's window (or past), nothing otherwise. */
export function ExpiryFlag({ expirationDate }: { expirationDate: string | null | undefined }) {
  if (!expirationDate) return null;
  const outlook = expiryOutlook(expirationDate, today());
  if (!outlook.expired && !outlook.expiringSoon) return null;
  return <span className={`badge flag badge--${outlook.expired ? 'danger' : 'warning'}`}>{expiresIn(outlook.daysToExpiry)}</span>;
}

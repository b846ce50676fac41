import type { DocumentStatus, SubmissionStatus } from '../../../src/domain/status.js';
import { DOCUMENT_STATUS, SUBMISSION_STATUS } from '../format.js';

export function StatusBadge({ status, kind = 'submission' }: { status: SubmissionStatus | DocumentStatus; kind?: 'submission' | 'document' }) {
  const table = (kind === 'submission' ? SUBMISSION_STATUS : DOCUMENT_STATUS) as Record<string, { label: string; tone: string }>;
  const entry = table[status] ?? { label: status, tone: 'neutral' };
  return <span className={`badge badge--${entry.tone}`}>{entry.label}</span>;
}

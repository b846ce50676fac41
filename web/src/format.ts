/** Words and dates as a provider reads them. */
import { documentTypeSpec, type DocumentType } from '../../src/domain/catalog.js';
import type { CredentialStanding } from '../../src/contract/credentials.js';
import { isIsoDate, isoDateInZone, writtenDate, writtenDeadline } from '../../src/domain/dates.js';
import type { DocumentStatus, SubmissionStatus } from '../../src/domain/status.js';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export const SUBMISSION_STATUS: Record<SubmissionStatus, { label: string; tone: Tone }> = {
  AWAITING_UPLOAD: { label: 'Not submitted', tone: 'neutral' },
  VALIDATING: { label: 'Validating', tone: 'info' },
  PROCESSING_FAILED: { label: 'Delayed — retrying', tone: 'warning' },
  RECEIVED: { label: 'Received', tone: 'success' },
  REJECTED: { label: 'Needs attention', tone: 'danger' },
  IN_REVIEW: { label: 'In review', tone: 'info' },
  VERIFIED: { label: 'Verified', tone: 'success' },
  ACTION_REQUIRED: { label: 'Action required', tone: 'warning' },
  DISCARDED: { label: 'Discarded', tone: 'neutral' },
};

export const DOCUMENT_STATUS: Record<DocumentStatus, { label: string; tone: Tone }> = {
  PENDING_UPLOAD: { label: 'Waiting for upload', tone: 'neutral' },
  VALIDATING: { label: 'Validating', tone: 'info' },
  PENDING_REVIEW: { label: 'Received', tone: 'success' },
  INVALID: { label: 'Not accepted', tone: 'danger' },
  VERIFIED: { label: 'Verified', tone: 'success' },
  REJECTED: { label: 'Rejected', tone: 'danger' },
  EXPIRED: { label: 'Expired', tone: 'warning' },
  SUPERSEDED: { label: 'Replaced', tone: 'neutral' },
};

/** Where a credential stands, in a provider's words; `days` is the number of days to its expiration. */
export function standingLabel(standing: CredentialStanding, days: number | null): { label: string; tone: Tone } {
  switch (standing) {
    case 'CHECKING':
      return { label: 'Being checked', tone: 'info' };
    case 'NOT_ACCEPTED':
      return { label: 'Not accepted', tone: 'danger' };
    case 'IN_REVIEW':
      return { label: 'In review', tone: 'info' };
    case 'VERIFIED':
      return { label: 'Verified', tone: 'success' };
    case 'REJECTED':
      return { label: 'Rejected', tone: 'danger' };
    case 'EXPIRING':
      return { label: expiresIn(days ?? 0), tone: 'warning' };
    case 'EXPIRED':
      return { label: 'Expired', tone: 'danger' };
  }
}

/** "Expires tomorrow", "Expires in 20 days". */
export function expiresIn(days: number): string {
  return days <= 0 ? 'Expired' : days === 1 ? 'Expires tomorrow' : `Expires in ${days} days`;
}

export function typeLabel(type: DocumentType | string): string {
  try {
    return documentTypeSpec(type as DocumentType).label;
  } catch {
    return type;
  }
}

/** Today's date where the browser is, as `YYYY-MM-DD`. */
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function today(): string {
  return isoDateInZone(new Date(), browserTimeZone());
}

/** `2026-12-09` → `December 9, 2026`, as the API's messages and the emails write it; `full` adds the weekday (a deadline). */
export function formatDate(isoDate: string | null | undefined, style: 'long' | 'full' = 'long'): string {
  if (!isoDate) return '—';
  const day = isoDate.slice(0, 10);
  if (!isIsoDate(day)) return isoDate;
  return style === 'full' ? writtenDeadline(day) : writtenDate(day);
}

/** The calendar day of an instant, where the reader is: `2026-11-26T03:55:00Z` → `November 25, 2026` in Chicago. */
export function formatDay(instant: string | null | undefined): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return writtenDate(isoDateInZone(date, browserTimeZone()));
}

/** An instant in her own time zone, the date written the same way: `November 25, 2026 at 9:14 AM`. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

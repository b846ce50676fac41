/** Words and dates as a provider reads them. */
import { documentTypeSpec, type DocumentType } from '../../src/domain/catalog.js';
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
};

export const DOCUMENT_STATUS: Record<DocumentStatus, { label: string; tone: Tone }> = {
  PENDING_UPLOAD: { label: 'Waiting for upload', tone: 'neutral' },
  VALIDATING: { label: 'Validating', tone: 'info' },
  PENDING_REVIEW: { label: 'Received', tone: 'success' },
  INVALID: { label: 'Not accepted', tone: 'danger' },
  VERIFIED: { label: 'Verified', tone: 'success' },
  REJECTED: { label: 'Rejected', tone: 'danger' },
  EXPIRED: { label: 'Expired', tone: 'warning' },
};

export function typeLabel(type: DocumentType | string): string {
  try {
    return documentTypeSpec(type as DocumentType).label;
  } catch {
    return type;
  }
}

/** `2026-12-09` → `December 9, 2026` (calendar dates have no time zone). */
export function formatDate(isoDate: string | null | undefined, style: 'long' | 'full' = 'long'): string {
  if (!isoDate) return '—';
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat('en-US', { dateStyle: style, timeZone: 'UTC' }).format(date);
}

export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A provider's credentials over time (docs/versions-and-expiry.md): every document is a version
 * of a credential; a replacement or renewal is the next version of the same credential.
 */
import type { DocumentView, Page, ProviderRef } from './http.js';
import type { DocumentType } from './vocabulary.js';

/** Where a credential stands, as its owner and staff read it. */
export const CREDENTIAL_STANDINGS = [
  /** Its file is being checked. */
  'CHECKING',
  /** Refused by the checks (or part of a refused submission): never stored. */
  'NOT_ACCEPTED',
  'IN_REVIEW',
  'VERIFIED',
  'REJECTED',
  /** In review or verified, and it expires within the first reminder's window. */
  'EXPIRING',
  'EXPIRED',
] as const;
export type CredentialStanding = (typeof CREDENTIAL_STANDINGS)[number];

/** What its owner can do about it; both open the upload form at `/upload?replaces={documentId}`. */
export type CredentialAction = 'RENEW' | 'REPLACE';

export interface CredentialVersionView extends DocumentView {
  submissionId: string;
  /** Its submission's reference number, once received. */
  referenceNumber: string | null;
  /** When it was uploaded (its submission was created). */
  uploadedAt: string;
  /** When it was received and stored; null while checked, or if it was never accepted. */
  receivedAt: string | null;
  /** When a newer version replaced it. */
  supersededAt: string | null;
}

export interface CredentialView {
  /** The first version's document id; the same for every version of the credential. */
  credentialId: string;
  documentType: DocumentType;
  /** The version in force; if none ever was, the latest attempt. */
  current: CredentialVersionView;
  standing: CredentialStanding;
  /** Calendar days from today (the organisation's time zone) to its expiration date; negative once past. */
  daysToExpiry: number | null;
  /** What the owner can do with the current version; null when nothing is needed or allowed. */
  action: CredentialAction | null;
  /** Every version, newest first, the current one included. */
  versions: CredentialVersionView[];
}

export type { ProviderRef } from './http.js';

/** `GET /credentials` (her own) and `GET /providers/{providerId}/credentials` (staff). */
export interface ProviderCredentials {
  /** Null when the provider has no documents on file. */
  provider: ProviderRef | null;
  /** The date the standings are computed for (`YYYY-MM-DD`, the organisation's time zone). */
  today: string;
  /** One entry per credential, in catalog order, then by when it was first uploaded. */
  credentials: CredentialView[];
}

/** `GET /documents/{documentId}/history` (owner or staff): the credential this document is a version of. */
export interface DocumentHistory {
  documentId: string;
  today: string;
  credential: CredentialView;
}

export interface ExpiringDocumentView {
  provider: ProviderRef;
  document: CredentialVersionView;
  daysToExpiry: number;
}

/** `GET /credentials/expiring?days=90` (staff): current documents expiring from today on, soonest first. */
export interface ExpiringDocuments extends Page<ExpiringDocumentView> {
  today: string;
  /** The last expiration date included. */
  until: string;
}

/**
 * What a reviewer scans a provider's file for, counted over her credentials exactly as her page
 * shows them (each credential counted by its current version).
 */
export interface ProviderFileState {
  credentials: number;
  /** Stored and waiting for a reviewer's decision (whatever their expiry). */
  awaitingReview: number;
  /** Expiring within the first reminder's window (90 days), not expired yet. */
  expiring: number;
  expired: number;
  /** Rejected in review or refused by the checks, and not replaced since: she owes a new upload. */
  toReplace: number;
}

export interface ProviderDirectoryEntry extends ProviderRef {
  /** Her name as the directory sorts and shows it: family name, given name ("Chen, Michael"). `name` is as written. */
  listedName: string;
  /** When her newest submission was sent. */
  lastSubmittedAt: string;
  file: ProviderFileState;
}

/**
 * `GET /providers?q=&limit=&nextToken=` (staff): every provider who sent at least one submission,
 * by family name, then given name; `q` keeps those with a name word or the email starting with
 * each of its words.
 */
export interface ProviderDirectoryPage extends Page<ProviderDirectoryEntry> {
  /** The date the file states are computed for (`YYYY-MM-DD`, the organisation's time zone). */
  today: string;
}

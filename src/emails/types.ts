/** The plain data every email takes. Callers map their records to these (see `emailDocument`). */
import type { OfficeContact } from '../contract/office.js';
import type { DocumentType } from '../domain/catalog.js';

/** Who is writing and how to reach them, and where the portal is: built by the handlers' wiring, never in a template. */
export interface Branding extends OfficeContact {
  /** Origin of the portal, e.g. "https://portal.example.org"; every link starts here. */
  portalUrl: string;
}

export interface Recipient {
  name: string;
  email: string;
}

/** A document as an email names it. Free text (file name, authority, number) is shown as text. */
export interface EmailDocument {
  documentId: string;
  documentType: DocumentType;
  fileName: string;
  /** '' when the type has none (a CV). */
  issuingAuthority: string;
  /** Two-letter state of a license or DEA registration, when it has one. */
  jurisdiction: string | null;
  /** License, DEA or policy number, with its label. Shown in bodies only, never in a subject. */
  number: { label: string; value: string } | null;
  issueDate: string;
  expirationDate: string | null;
}

export interface SubmissionReceivedInput {
  provider: Recipient;
  submissionId: string;
  referenceNumber: string;
  /** `YYYY-MM-DD` */
  estimatedReviewCompletionDate: string;
  documents: EmailDocument[];
}

export interface SubmissionRejectedInput {
  provider: Recipient;
  submissionId: string;
  /** Every document of the submission; those with issues failed, the others passed and are kept. */
  documents: (EmailDocument & { issues: { message: string }[] })[];
}

export type ReviewDecision = 'VERIFIED' | 'REJECTED';

export interface ReviewedDocument extends EmailDocument {
  decision: ReviewDecision;
  /** The reviewer's words, shown to the provider as plain text; required for REJECTED. */
  reason: string | null;
}

/** A document she replaced with a newer version while it was in review: that version is reviewed with its own submission. */
export interface ReplacedDocument extends EmailDocument {
  /** The reference number of the submission that carried the newer version (null if unknown). */
  replacedByReference: string | null;
}

export interface ReviewOutcomeInput {
  provider: Recipient;
  submissionId: string;
  referenceNumber: string;
  /** The documents the outcome was decided on. */
  documents: ReviewedDocument[];
  /** Documents replaced by a newer version: decided by it, never asked for again. */
  replaced?: ReplacedDocument[];
}

export interface ExpiryReminderInput {
  provider: Recipient;
  document: EmailDocument & { expirationDate: string };
  /** The credential the document is a version of (its first version's id): a renewal's calendar event replaces the earlier one's. */
  credentialId: string;
  /** The day the reminder is for (`YYYY-MM-DD`, the organisation's time zone): days left count from it. */
  today: string;
  /** When the reminder is made (ISO instant): the calendar file's DTSTAMP. */
  generatedAt: string;
}

export interface DocumentExpiredInput {
  provider: Recipient;
  document: EmailDocument & { expirationDate: string };
}

export interface StaffDigestProvider {
  providerId: string;
  name: string;
  /** Shown beside the name when another provider in the digest has the same name. */
  email: string | null;
  /** Documents that expire within the window or expired since the last digest. */
  documents: (EmailDocument & { expirationDate: string })[];
}

export interface StaffDigestInput {
  /** `YYYY-MM-DD`: documents expiring after today fall in "expiring", on or before it in "expired". */
  today: string;
  /** The last digest's date: "expired since …". */
  since: string;
  /** How far ahead "expiring soon" looks, in days (30). */
  windowDays: number;
  providers: StaffDigestProvider[];
  /** How far ahead "reviews due" looks, in days (7). */
  reviewHorizonDays: number;
  /** Submissions still waiting for a decision whose NCQA due date is within the horizon or past. */
  reviewsDue: StaffDigestReview[];
}

export interface StaffDigestReview {
  submissionId: string;
  referenceNumber: string;
  providerName: string;
  /** `YYYY-MM-DD` in the office's time zone. */
  submittedOn: string;
  /** `YYYY-MM-DD`: the decision is due by this date (30 calendar days after submission). */
  dueDate: string;
}

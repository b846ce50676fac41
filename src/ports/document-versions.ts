import type { DocumentRef, SubmissionRef } from '../contract/http.js';
import type { ReceivedFacts, Submission, SubmissionDocument } from '../domain/submission.js';

/** What superseding a document found: done now, done before by the same version, or done by another. */
export type SupersedeResult = { outcome: 'SUPERSEDED' | 'ALREADY' } | { outcome: 'BY_OTHER'; supersededBy: DocumentRef };

/** The versions of a provider's credentials: every document she submitted, linked by what replaced what. */
export interface DocumentVersions {
  /** The document and its submission, read consistently; null when there is none. */
  find(documentId: string): Promise<{ submission: Submission; document: SubmissionDocument } | null>;
  /** Every document of a provider. */
  listOwned(providerId: string): Promise<SubmissionDocument[]>;
  /**
   * Once a document is received: records the facts credential views and notices need, and puts
   * it on the expiry schedule (`nextNoticeDate`, null for a document that does not expire).
   * Does nothing to a document already recorded or already superseded; false then.
   */
  recordReceived(doc: SubmissionDocument, facts: ReceivedFacts, nextNoticeDate: string | null): Promise<boolean>;
  /**
   * `doc` becomes SUPERSEDED by `by` and leaves the expiry schedule, unless something already
   * superseded it — other than `passedOn`, the rejected renewal whose place `by` takes over.
   */
  supersede(doc: DocumentRef, by: DocumentRef, at: string, passedOn?: string): Promise<SupersedeResult>;
  /**
   * A verified `doc` that `after` superseded takes its place back (`after` was rejected in review):
   * VERIFIED again, `reinstatedAfter` recorded, back on the expiry schedule from `nextNoticeDate`.
   * Only while `after` is what superseded it; false otherwise (already done, or replaced since).
   */
  reinstate(doc: SubmissionDocument, after: DocumentRef, nextNoticeDate: string | null): Promise<boolean>;
  /** Lists `doc` among its submission's `replacedDocuments` (once, however often it is called): the review queue counts it as decided by its replacement. */
  recordReplaced(doc: DocumentRef): Promise<void>;
  /** Records the submissions that replaced every failing document of a submission. */
  markSubmissionReplaced(submissionId: string, by: SubmissionRef[]): Promise<void>;
}

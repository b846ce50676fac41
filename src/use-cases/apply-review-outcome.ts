import { credentialIdentity } from '../domain/credential-identity.js';
import { nextNoticeDate } from '../domain/expiry.js';
import { isReviewOutcome, type ReviewOutcome } from '../domain/review.js';
import { leftToReplacement, type SubmissionDocument } from '../domain/submission.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentVersions } from '../ports/document-versions.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

export interface ApplyReviewOutcomeDeps {
  repository: SubmissionRepository;
  versions: DocumentVersions;
  audit: AuditLog;
  clock: Clock;
}

/**
 * Review outcome workflow, first step: each document takes its decision as its status and keeps
 * the review with it (the document's own record, which expiry and replacements read). A document
 * replaced by a newer version keeps SUPERSEDED and its history: the outcome was made without it
 * (`replacedDocuments`), or, replaced after the commit point, its newer version now stands in its
 * place — the write is conditional on the document not being superseded, so a replacement landing
 * between this step's read and its write still wins. A rejected renewal gives the verified version
 * it superseded its place back (`reinstateRenewed`), and so does a rejected version that
 * superseded a verified one as the same credential sent twice. Writing the same values again is harmless,
 * so the step can run any number of times.
 */
export async function applyReviewOutcome(deps: ApplyReviewOutcomeDeps, submissionId: string, executionId: string): Promise<{ submissionId: string; outcome: ReviewOutcome; reinstated: string[] }> {
  const found = await deps.repository.get(submissionId);
  if (!found) throw new Error(`Submission ${submissionId} does not exist`);
  const { submission, documents } = found;
  if (!isReviewOutcome(submission.status)) throw new Error(`Submission ${submissionId} has no completed review (${submission.status})`);
  const replaced = leftToReplacement(submission);
  const reinstated: string[] = [];
  for (const doc of documents) {
    if (replaced(doc)) continue;
    const review = submission.reviews[doc.documentId];
    if (!review) throw new Error(`Document ${doc.documentId} has no decision`);
    if (doc.status !== review.decision || doc.review?.requestId !== review.requestId) await deps.repository.applyReview(submissionId, doc.documentId, review);
    if (review.decision !== 'REJECTED') continue;
    const renewed = doc.replacesDocumentId ?? (await verifiedSentTwice(deps, doc));
    if (renewed && (await reinstateRenewed(deps, doc, renewed, executionId))) reinstated.push(renewed);
  }
  return { submissionId, outcome: submission.status, reinstated };
}

/**
 * The verified version a rejected document superseded without naming it (the same credential
 * sent twice, record-credentials): the one received last, when there are several.
 */
async function verifiedSentTwice(deps: ApplyReviewOutcomeDeps, rejected: SubmissionDocument): Promise<string | null> {
  if (credentialIdentity(rejected) === null) return null;
  const gaveWay = (await deps.versions.listOwned(rejected.providerId)).filter((doc) => doc.supersededBy?.documentId === rejected.documentId && doc.review?.decision === 'VERIFIED');
  const last = gaveWay.sort((a, b) => (b.received?.at ?? '').localeCompare(a.received?.at ?? ''))[0];
  return last?.documentId ?? null;
}

/**
 * The license she holds is the verified one her rejected renewal superseded: it is current again
 * and back on the expiry schedule, so it is still reminded of and listed as expiring. Only a
 * version that was verified, and only while that renewal is what superseded it.
 */
async function reinstateRenewed(deps: ApplyReviewOutcomeDeps, rejected: SubmissionDocument, renewedId: string, executionId: string): Promise<boolean> {
  // Read again after its decision was written: replaced since, its replacement takes the license over (record-credentials).
  if ((await deps.versions.find(rejected.documentId))?.document.supersededBy) return false;
  const earlier = await deps.versions.find(renewedId);
  if (!earlier || earlier.document.review?.decision !== 'VERIFIED' || !earlier.document.storedKey) return false;
  const doc = earlier.document;
  const after = { submissionId: rejected.submissionId, documentId: rejected.documentId };
  // Done now, or by a run this step retries (then only its audit event may be missing).
  const done = (await deps.versions.reinstate(doc, after, doc.expirationDate ? nextNoticeDate(doc.expirationDate, doc.notices ?? {}) : null)) || doc.reinstatedAfter?.documentId === after.documentId;
  if (!done) return false;
  await deps.audit.record({
    submissionId: doc.submissionId,
    type: 'DOCUMENT_REINSTATED',
    factKey: `DOCUMENT_REINSTATED#${doc.documentId}#${rejected.documentId}`,
    actor: { type: 'system', id: 'review-outcome-workflow' },
    occurredAt: deps.clock.now().toISOString(),
    requestId: executionId,
    sourceIp: null,
    details: { documentId: doc.documentId, documentType: doc.documentType, rejectedSubmissionId: rejected.submissionId, rejectedDocumentId: rejected.documentId },
  });
  return true;
}

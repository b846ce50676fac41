/**
 * Workflow step after the commit point: a received submission's documents become the provider's
 * current credentials. Each stored document records when and under which reference it was
 * received and goes on the expiry schedule; each document it replaces becomes SUPERSEDED
 * (audited DOCUMENT_SUPERSEDED) and is listed among its submission's replaced documents; an
 * earlier submission whose failing documents are now all replaced says so; a credential sent twice
 * by submissions made before either was received keeps the version received last. Every write is
 * conditional, so retries and re-driven workflows change nothing twice.
 */
import type { DocumentRef, SubmissionRef } from '../contract/http.js';
import { credentialIdentity } from '../domain/credential-identity.js';
import { sentTwice } from '../domain/credentials.js';
import { nextNoticeDate } from '../domain/expiry.js';
import type { Submission, SubmissionDocument } from '../domain/submission.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentVersions } from '../ports/document-versions.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

export interface RecordCredentialsDeps {
  repository: SubmissionRepository;
  versions: DocumentVersions;
  audit: AuditLog;
  clock: Clock;
}

/** The submission whose document takes another's place. */
type Replacing = Pick<Submission, 'submissionId' | 'referenceNumber'>;

const RECEIVED = new Set(['RECEIVED', 'IN_REVIEW', 'VERIFIED', 'ACTION_REQUIRED']);
/** Statuses that make a submission need attention until a newer version replaces them. */
const FAILING = new Set(['INVALID', 'REJECTED']);
/** A replacement chain longer than this is a data error, not a history. */
const MAX_HOPS = 50;

export async function recordCredentials(deps: RecordCredentialsDeps, submissionId: string, executionId: string): Promise<{ recorded: number; superseded: string[] }> {
  const found = await deps.repository.get(submissionId);
  if (!found) throw new Error(`Submission ${submissionId} does not exist`);
  const { submission, documents } = found;
  if (!RECEIVED.has(submission.status) || !submission.referenceNumber) throw new Error(`Submission ${submissionId} is not received (${submission.status})`);
  const at = deps.clock.now().toISOString();

  const facts = { at, referenceNumber: submission.referenceNumber, owner: { name: submission.provider.name, email: submission.provider.email } };
  // Each stored document with its receipt: recorded by an earlier run, or now (a concurrent run that recorded it settles it).
  const received: SubmissionDocument[] = [];
  let recorded = 0;
  for (const doc of documents.filter((d) => d.storedKey)) {
    const next = doc.expirationDate ? nextNoticeDate(doc.expirationDate, doc.notices ?? {}) : null;
    if (await deps.versions.recordReceived(doc, facts, next)) {
      recorded++;
      received.push({ ...doc, received: facts });
    } else if (doc.received) received.push(doc);
  }
  const superseded: string[] = [];
  for (const doc of documents.filter((d) => d.replacesDocumentId)) {
    superseded.push(...(await supersedeReplaced(deps, submission, doc, at, executionId)));
  }
  superseded.push(...(await supersedeSentTwice(deps, submission, received, at, executionId)));
  return { recorded, superseded };
}

/**
 * A credential of this submission that another submission, made before either was received, sent
 * too: the version received first gives way (`sentTwice`). Both submissions' runs decide each pair
 * on consistent reads of the other taken after recording their own receipt, so the run that records
 * last sees both receipts, and the two runs decide alike.
 */
async function supersedeSentTwice(deps: RecordCredentialsDeps, submission: Submission, received: SubmissionDocument[], at: string, executionId: string): Promise<string[]> {
  const mine = received.filter((doc) => credentialIdentity(doc) !== null);
  if (mine.length === 0) return [];
  const owned = await deps.versions.listOwned(submission.provider.providerId);
  const superseded: string[] = [];
  for (const own of mine) {
    // The index may lag behind a version's state; what is filtered on here is set at upload, or once (its receipt).
    const candidates = owned.filter(
      (doc) => doc.submissionId !== own.submissionId && credentialIdentity(doc) === credentialIdentity(own) && !(doc.received && doc.received.at <= (own.uploadedAt ?? '')),
    );
    for (const candidate of candidates) {
      const other = await deps.versions.find(candidate.documentId);
      const pair = other ? sentTwice(own, other.document) : null;
      if (!pair) continue;
      const replacing = { submissionId: pair.to.submissionId, referenceNumber: pair.to.received!.referenceNumber };
      const outcome = await supersedeOne(deps, replacing, { submissionId: pair.to.submissionId, documentId: pair.to.documentId }, pair.givesWay.documentId, at, executionId);
      if (outcome.result === 'SUPERSEDED') superseded.push(pair.givesWay.documentId);
      if (pair.givesWay === own) break;
    }
  }
  return superseded;
}

/**
 * The replacement takes the place of the document it names; if a newer version took that place
 * first, it takes the place of the current version instead (the version received last is current).
 * A version that never took its place — refused by the checks (never stored), or a renewal
 * rejected in review (the verified version it renewed took its place back) — passes its place on:
 * its replacement takes that place too (a rejected license, its refused replacement, then the file
 * that passed: the rejected license is replaced). A version that took its place back from a
 * rejected renewal hands that renewal over with it: both are replaced.
 */
async function supersedeReplaced(deps: RecordCredentialsDeps, submission: Submission, replacement: SubmissionDocument, at: string, executionId: string): Promise<string[]> {
  const by: DocumentRef = { submissionId: submission.submissionId, documentId: replacement.documentId };
  const superseded: string[] = [];
  let targetId = replacement.replacesDocumentId!;
  let behindRefused = false;
  // The rejected renewal just replaced: the version it superseded is taken over from it (not yet reinstated, or never).
  let passedOn: string | undefined;
  for (let hop = 0; hop < MAX_HOPS && targetId !== replacement.documentId; hop++) {
    const outcome = await supersedeOne(deps, submission, by, targetId, at, executionId, passedOn);
    if (outcome.result === 'BY_OTHER') {
      // Behind a refused version, a newer version already took that place.
      if (behindRefused) return superseded;
      targetId = outcome.supersededBy;
      continue;
    }
    superseded.push(targetId);
    const target = outcome.target;
    const rejectedRenewal = target.reinstatedAfter?.documentId;
    if (rejectedRenewal && rejectedRenewal !== replacement.documentId && (await supersedeOne(deps, submission, by, rejectedRenewal, at, executionId)).result === 'SUPERSEDED') superseded.push(rejectedRenewal);
    // Stored and not rejected in review, it held the place (its status is SUPERSEDED on a retry, so the stored key and the review tell).
    const rejectedInReview = Boolean(target.storedKey) && target.review?.decision === 'REJECTED';
    if ((target.storedKey && !rejectedInReview) || !target.replacesDocumentId) return superseded;
    passedOn = rejectedInReview ? target.documentId : undefined;
    targetId = target.replacesDocumentId;
    behindRefused = true;
  }
  throw new Error(`Document ${replacement.documentId} found no current version to replace within ${MAX_HOPS} versions`);
}

/** Supersedes one version by `by` (audited once, listed as replaced), or says who superseded it already. */
async function supersedeOne(
  deps: RecordCredentialsDeps,
  submission: Replacing,
  by: DocumentRef,
  targetId: string,
  at: string,
  executionId: string,
  passedOn?: string,
): Promise<{ result: 'SUPERSEDED'; target: SubmissionDocument } | { result: 'BY_OTHER'; supersededBy: string }> {
  const target = await deps.versions.find(targetId);
  if (!target) throw new Error(`Document ${targetId} replaced by ${by.documentId} does not exist`);
  const ref = { submissionId: target.submission.submissionId, documentId: targetId };
  const result = await deps.versions.supersede(ref, by, at, passedOn);
  // Again on every run: a retry after a crash between the two writes still lists it.
  await deps.versions.recordReplaced(ref);
  if (result.outcome === 'BY_OTHER') return { result: 'BY_OTHER', supersededBy: result.supersededBy.documentId };
  await deps.audit.record({
    submissionId: ref.submissionId,
    type: 'DOCUMENT_SUPERSEDED',
    // A version superseded a second time (it took its place back, or its place passed on) is a new fact.
    factKey: target.document.reinstatedAfter || passedOn ? `DOCUMENT_SUPERSEDED#${targetId}#${by.documentId}` : `DOCUMENT_SUPERSEDED#${targetId}`,
    actor: { type: 'system', id: 'intake-workflow' },
    occurredAt: at,
    requestId: executionId,
    sourceIp: null,
    details: { documentId: targetId, documentType: target.document.documentType, supersededBySubmissionId: by.submissionId, supersededByDocumentId: by.documentId, referenceNumber: submission.referenceNumber },
  });
  await markIfReplaced(deps, ref.submissionId, submission);
  return { result: 'SUPERSEDED', target: target.document };
}

/** A submission stops needing attention once no failing document of it is left unreplaced. */
async function markIfReplaced(deps: RecordCredentialsDeps, submissionId: string, replacing: Replacing): Promise<void> {
  const found = await deps.repository.get(submissionId);
  if (!found || !['REJECTED', 'ACTION_REQUIRED'].includes(found.submission.status)) return;
  // A rejection not yet carried out to its document (the outcome workflow's first step) fails it too.
  const failing = (doc: SubmissionDocument) => FAILING.has(doc.status) || found.submission.reviews[doc.documentId]?.decision === 'REJECTED';
  if (found.documents.some((doc) => failing(doc) && !doc.supersededBy)) return;
  const replacers = [...new Set(found.documents.flatMap((doc) => (doc.supersededBy ? [doc.supersededBy.submissionId] : [])))];
  if (replacers.length === 0) return;
  const refs: SubmissionRef[] = await Promise.all(
    replacers.map(async (id) => ({ submissionId: id, referenceNumber: id === replacing.submissionId ? replacing.referenceNumber : ((await deps.repository.get(id))?.submission.referenceNumber ?? null) })),
  );
  if (JSON.stringify(refs) === JSON.stringify(found.submission.replacedBy ?? [])) return;
  await deps.versions.markSubmissionReplaced(submissionId, refs);
}

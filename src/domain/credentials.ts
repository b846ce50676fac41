/**
 * Credentials over time: which documents may be replaced or renewed, and how a provider's
 * documents read as credentials — each one the versions of one document, the current version
 * with where it stands and what its owner can do (docs/versions-and-expiry.md "Reading versions").
 */
import type { CredentialAction, CredentialStanding, CredentialVersionView, CredentialView } from '../contract/credentials.js';
import type { SubmissionStatus } from '../contract/vocabulary.js';
import { CATALOG, documentTypeSpec, type DocumentType } from './catalog.js';
import { credentialIdentity } from './credential-identity.js';
import { expiryOutlook } from './expiry.js';
import { isReplaced, lineageOf, toDocumentView, toReviewView, type SubmissionDocument } from './submission.js';
import { DRAFT_LIFETIME_HOURS } from './status.js';

type VersionFacts = Pick<SubmissionDocument, 'documentId' | 'documentType' | 'status' | 'expirationDate' | 'storedKey' | 'supersededBy'>;

/** Its checks refused it, or it was part of a submission they refused: it was never stored. */
export function wasNotAccepted(doc: Pick<SubmissionDocument, 'status' | 'storedKey'>): boolean {
  return doc.status === 'INVALID' || (doc.status === 'PENDING_REVIEW' && !doc.storedKey);
}

/**
 * How a new upload may take this document's place: REPLACE what was refused or rejected, RENEW
 * what is stored and expires; null when neither (in flight, superseded, or nothing to renew).
 * Every document of a submission the checks refused may be replaced — the resubmission sends
 * the passing files again, since nothing of a refused submission is stored.
 */
export function replacementKind(doc: VersionFacts, submissionStatus: SubmissionStatus | null): CredentialAction | null {
  if (isReplaced(doc)) return null;
  if (submissionStatus === 'REJECTED' || wasNotAccepted(doc) || doc.status === 'REJECTED') return 'REPLACE';
  if (doc.status === 'EXPIRED') return 'RENEW';
  if ((doc.status === 'PENDING_REVIEW' || doc.status === 'VERIFIED') && doc.expirationDate) return 'RENEW';
  return null;
}

/** Why `replacement` cannot replace `doc` (a sentence for the provider), or null when it can. */
export function replacementProblem(doc: VersionFacts, submissionStatus: SubmissionStatus, replacementType: DocumentType): string | null {
  const label = documentTypeSpec(doc.documentType).label;
  if (isReplaced(doc)) {
    return `This ${label} was already replaced by a newer version. Renew or replace the current one from My credentials.`;
  }
  if (doc.status === 'PENDING_UPLOAD') return `This ${label} was never submitted, so there is nothing to replace. Submit it as a new document.`;
  if (doc.status === 'VALIDATING') return `This ${label} is still being checked. Wait for the result before replacing it.`;
  if (!replacementKind(doc, submissionStatus)) {
    return `This ${label} is ${doc.status === 'VERIFIED' ? 'verified' : 'in review'} and has no expiration date, so there is nothing to renew. Upload it as a new document instead.`;
  }
  if (replacementType !== doc.documentType) {
    return `This replaces your ${label}: the new document must be a ${label} too.`;
  }
  return null;
}

/** What a credential view shows of a version, beyond the document itself. */
export interface VersionRecord extends SubmissionDocument {
  uploadedAt: string;
}

/** `forStaff`: the reviewer's name and the whole cross-check, as on the review screen; the provider sees her own view. */
export function toVersionView(doc: VersionRecord, forStaff: boolean): CredentialVersionView {
  return {
    // The decision is on the document once the review's outcome was carried out (never before).
    ...toDocumentView(doc, doc.review ? toReviewView(doc.review, forStaff) : undefined, forStaff),
    submissionId: doc.submissionId,
    referenceNumber: doc.received?.referenceNumber ?? null,
    uploadedAt: doc.uploadedAt,
    receivedAt: doc.received?.at ?? null,
    supersededAt: doc.supersededAt ?? null,
  };
}

/** Versions that count: drafts never submitted are not versions of anything. */
const SUBMITTED = new Set(['VALIDATING', 'PENDING_REVIEW', 'INVALID', 'VERIFIED', 'REJECTED', 'EXPIRED', 'SUPERSEDED']);

function inForce(doc: VersionFacts): boolean {
  return !isReplaced(doc) && !wasNotAccepted(doc) && ['PENDING_REVIEW', 'VERIFIED', 'REJECTED', 'EXPIRED'].includes(doc.status);
}

/** Where a stored, unexpired version stands in review (shown beside "Expires in N days" too). */
export function reviewStandingOf(status: string): 'VERIFIED' | 'IN_REVIEW' {
  return status === 'VERIFIED' ? 'VERIFIED' : 'IN_REVIEW';
}

export function standingOf(doc: VersionFacts, today: string): { standing: CredentialStanding; daysToExpiry: number | null } {
  const outlook = doc.expirationDate ? expiryOutlook(doc.expirationDate, today) : null;
  const daysToExpiry = outlook?.daysToExpiry ?? null;
  if (doc.status === 'VALIDATING' || doc.status === 'PENDING_UPLOAD') return { standing: 'CHECKING', daysToExpiry };
  if (wasNotAccepted(doc)) return { standing: 'NOT_ACCEPTED', daysToExpiry };
  if (doc.status === 'REJECTED') return { standing: 'REJECTED', daysToExpiry };
  if (doc.status === 'EXPIRED' || outlook?.expired) return { standing: 'EXPIRED', daysToExpiry };
  if (outlook?.expiringSoon) return { standing: 'EXPIRING', daysToExpiry };
  return { standing: reviewStandingOf(doc.status), daysToExpiry };
}

/**
 * When a version took its place: received (the credentials step makes it current in that order),
 * else when its upload began. Upload order alone would list a replacement that began first but was
 * received last — and so replaced the other — below the version it replaced.
 */
const tookPlaceAt = (doc: VersionRecord) => doc.received?.at ?? doc.uploadedAt;

const newestFirst = (versions: VersionRecord[]) => [...versions].sort((a, b) => tookPlaceAt(b).localeCompare(tookPlaceAt(a)) || b.documentId.localeCompare(a.documentId));
/**
 * The version in force — one not rejected first (a verified version whose renewal was rejected took
 * its place back) — else the newest (one never accepted, or still being checked).
 */
const currentOf = (newest: VersionRecord[]) => newest.find((doc) => inForce(doc) && doc.status !== 'REJECTED') ?? newest.find(inForce) ?? newest[0]!;

/**
 * Documents by credential: by lineage, and a lineage whose version gave way to one of another
 * lineage (the same credential sent twice, `sentTwice`), or took its place back from one, joins it.
 */
function groupByCredential(documents: VersionRecord[]): VersionRecord[][] {
  const lineageById = new Map(documents.map((doc) => [doc.documentId, lineageOf(doc)]));
  const joined = new Map<string, string>();
  const root = (lineage: string): string => {
    const next = joined.get(lineage);
    return next === undefined ? lineage : root(next);
  };
  for (const doc of documents) {
    // Superseded by, or took its place back from, a version of another lineage: one credential.
    for (const linked of [doc.supersededBy, doc.reinstatedAfter]) {
      const other = linked ? lineageById.get(linked.documentId) : undefined;
      const [from, to] = [root(lineageOf(doc)), other === undefined ? undefined : root(other)];
      if (to !== undefined && from !== to) joined.set(from, to);
    }
  }
  const lineages = new Map<string, VersionRecord[]>();
  for (const doc of documents) {
    const lineage = root(lineageOf(doc));
    lineages.set(lineage, [...(lineages.get(lineage) ?? []), doc]);
  }
  return [...lineages.values()];
}

/** Her submitted documents by credential. */
const byCredential = (documents: VersionRecord[]) => groupByCredential(documents.filter((d) => SUBMITTED.has(d.status)));

/** From all her documents, those of the credential `documentId` belongs to. */
export function credentialVersionsOf(documents: VersionRecord[], documentId: string): VersionRecord[] {
  return groupByCredential(documents).find((versions) => versions.some((doc) => doc.documentId === documentId)) ?? [];
}

/**
 * Of two received versions of one credential in force side by side because each was made before the
 * other was received (drafts of the same license submitted one after another), the one that gives
 * way to the other: the one received first, as with a replacement. Null when they are not such a
 * pair — two that each continued a credential of their own are left alone, as at upload.
 */
export function sentTwice(a: SubmissionDocument, b: SubmissionDocument): { givesWay: SubmissionDocument; to: SubmissionDocument } | null {
  if (a.submissionId === b.submissionId || lineageOf(a) === lineageOf(b) || (a.replacesDocumentId && b.replacesDocumentId)) return null;
  if (!a.received || !b.received || !inForce(a) || !inForce(b)) return null;
  const identity = credentialIdentity(a);
  if (identity === null || identity !== credentialIdentity(b)) return null;
  if (!((a.uploadedAt ?? '') < b.received.at && (b.uploadedAt ?? '') < a.received.at)) return null;
  const aFirst = a.received.at < b.received.at || (a.received.at === b.received.at && a.documentId < b.documentId);
  return aFirst ? { givesWay: a, to: b } : { givesWay: b, to: a };
}

function credentialOf(versions: VersionRecord[], today: string, forStaff: boolean) {
  const ordered = newestFirst(versions);
  const current = currentOf(ordered);
  const { standing, daysToExpiry } = standingOf(current, today);
  const view: CredentialView = {
    credentialId: lineageOf(current),
    documentType: current.documentType,
    current: toVersionView(current, forStaff),
    standing,
    daysToExpiry,
    action: standing === 'CHECKING' ? null : replacementKind(current, null),
    versions: ordered.map((version) => toVersionView(version, forStaff)),
  };
  return { view, current, firstUpload: ordered.at(-1)!.uploadedAt };
}

/** One credential from its versions (any order). */
export const toCredential = (versions: VersionRecord[], today: string, forStaff: boolean): CredentialView => credentialOf(versions, today, forStaff).view;

const catalogOrder = (type: DocumentType) => CATALOG.findIndex((spec) => spec.type === type);

/**
 * A provider's credentials: her submitted documents grouped by credential, in catalog order.
 * A credential that was never accepted is left out once a later credential of the same type is
 * in force (she sent it again as a new document); the submission list keeps the record.
 */
export function toCredentials(documents: VersionRecord[], today: string, forStaff: boolean): CredentialView[] {
  const credentials = byCredential(documents).map((versions) => credentialOf(versions, today, forStaff));
  const resentLater = ({ view, current }: (typeof credentials)[number]) =>
    credentials.some((other) => other.current.documentType === current.documentType && inForce(other.current) && other.current.uploadedAt > current.uploadedAt) &&
    view.standing === 'NOT_ACCEPTED';
  return credentials
    .filter((credential) => !resentLater(credential))
    .sort((a, b) => catalogOrder(a.current.documentType) - catalogOrder(b.current.documentType) || a.firstUpload.localeCompare(b.firstUpload))
    .map(({ view }) => view);
}

/**
 * The credential each new document continues although she did not say so (she uploaded it again
 * instead of choosing Renew or Replace): the credential of hers of the same type and identity
 * whose current version can be renewed or replaced — the newest if several, and each at most
 * once per submission (a document naming one itself keeps it). Null: a new credential.
 */
export function impliedReplacements(
  owned: VersionRecord[],
  documents: Pick<SubmissionDocument, 'documentType' | 'details' | 'replacesDocumentId'>[],
): ({ documentId: string; lineageId: string } | null)[] {
  const taken = new Set(documents.flatMap((doc) => (doc.replacesDocumentId ? [doc.replacesDocumentId] : [])));
  const candidates = byCredential(owned)
    .map((versions) => currentOf(newestFirst(versions)))
    .filter((current) => replacementKind(current, null) !== null && credentialIdentity(current) !== null)
    .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
  return documents.map((doc) => {
    const identity = doc.replacesDocumentId ? null : credentialIdentity(doc);
    const found = identity === null ? undefined : candidates.find((current) => !taken.has(current.documentId) && credentialIdentity(current) === identity);
    if (!found) return null;
    taken.add(found.documentId);
    return { documentId: found.documentId, lineageId: lineageOf(found) };
  });
}

/**
 * What a document she adds from the plain form is to what she sent before, as the API will make it:
 * `ON_ITS_WAY`, a version of the same identity she sent that is still being checked or waiting for
 * review (the newest if several) — this one takes its place (`impliedReplacements`, or `sentTwice`
 * for one still being checked) unless that is a lifetime document in review, which keeps both; else
 * `RENEW`/`REPLACE`, the credential on file it continues; null, a new credential.
 */
export type SentBefore = { kind: 'ON_ITS_WAY'; version: CredentialVersionView; takesItsPlace: boolean } | { kind: CredentialAction; version: CredentialVersionView };

/** Sent and not yet decided: being checked, or stored and waiting for review (received, or the version in force about to be). */
function onItsWay(version: CredentialVersionView, credential: CredentialView): boolean {
  if (version.status === 'VALIDATING') return true;
  const inForceNow = version.documentId === credential.current.documentId && credential.standing !== 'NOT_ACCEPTED';
  return version.status === 'PENDING_REVIEW' && !version.supersededBy && (version.receivedAt !== null || inForceNow);
}

export function sentBefore(credentials: readonly CredentialView[], doc: Pick<SubmissionDocument, 'documentType' | 'details'>): SentBefore | null {
  const identity = credentialIdentity(doc);
  if (identity === null) return null;
  const newest = (versions: CredentialVersionView[]) => [...versions].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))[0];
  const pending = newest(credentials.flatMap((credential) => credential.versions.filter((version) => onItsWay(version, credential) && credentialIdentity(version) === identity)));
  if (pending) return { kind: 'ON_ITS_WAY', version: pending, takesItsPlace: pending.status === 'VALIDATING' || pending.expirationDate !== null };
  // As the API chooses: the newest credential of that identity that can take a new version.
  const onFile = credentials
    .filter((credential) => credential.action !== null && credentialIdentity(credential.current) === identity)
    .sort((a, b) => b.current.uploadedAt.localeCompare(a.current.uploadedAt))[0];
  return onFile?.action ? { kind: onFile.action, version: onFile.current } : null;
}

/**
 * A receipt is recorded minutes after the submit, which comes at the latest when the draft's 24
 * hours end: a stored version older than that without one was stored before receipts were recorded.
 */
const RECEIPT_DUE_MS = (DRAFT_LIFETIME_HOURS + 1) * 60 * 60 * 1000;

/** Some version whose standing is about to change (being checked, or stored and its receipt still to come): worth reading again soon. */
export const settling = (credentials: readonly CredentialView[], now: Date): boolean =>
  credentials.some((credential) =>
    credential.versions.some(
      (version) =>
        version.status === 'VALIDATING' ||
        (onItsWay(version, credential) && version.receivedAt === null && now.getTime() - Date.parse(version.uploadedAt) < RECEIPT_DUE_MS),
    ),
  );

/**
 * `POST /submissions` with a `clientToken`: the token is claimed (for her, with the ids and time
 * the draft gets) before anything else is written, so the same request sent again — her Wi-Fi
 * dropped before the answer came back — finishes and answers that one draft instead of making a
 * second. No transaction is needed: every write after the claim is a put that lands only once.
 */
import { canonicalHash } from '../domain/canonical-hash.js';
import type { Caller } from '../domain/caller.js';
import { Conflict } from '../domain/errors.js';
import type { DocumentInput } from '../domain/metadata-schema.js';
import { DRAFT_LIFETIME_HOURS } from '../domain/status.js';
import type { Submission } from '../domain/submission.js';
import type { CreateRequests } from '../ports/create-requests.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import type { Draft, DraftIds } from './new-draft.js';

export interface ClaimedCreateDeps {
  repository: SubmissionRepository;
  createRequests: CreateRequests;
}

const HOUR_MS = 3_600_000;

/** 409 naming `clientToken`: the same token cannot make another submission. */
const tokenConflict = (message: string) => new Conflict(message, [{ path: 'clientToken', message }]);

/** The token's draft, written now or by an earlier request with it; 409 when it no longer is one or the documents differ. */
export async function claimedDraft(deps: ClaimedCreateDeps, caller: Caller, clientToken: string, inputs: DocumentInput[], ids: DraftIds, draftWith: (ids: DraftIds) => Draft): Promise<Draft> {
  const fingerprint = canonicalHash(inputs);
  // Kept while the draft can be: after that a repeat would only find it discarded.
  const expiresAt = new Date(Date.parse(ids.createdAt) + DRAFT_LIFETIME_HOURS * HOUR_MS);
  const held = await deps.createRequests.claim(caller.userId, clientToken, { ...ids, fingerprint }, expiresAt);
  if (held.fingerprint !== fingerprint) {
    throw tokenConflict('This clientToken was already used for other documents. Use a new clientToken for different documents.');
  }
  const repeat = held.submissionId !== ids.submissionId;
  const earlier = repeat ? await deps.repository.get(held.submissionId) : null;
  if (earlier) return stillDraft(earlier);
  // First, or finishing a create that stopped after its claim: the same items, each written once.
  const draft = draftWith(held);
  if (await deps.repository.createIfAbsent(draft.submission, draft.documents)) return draft;
  return stillDraft((await deps.repository.get(held.submissionId))!);
}

function stillDraft(stored: Draft): Draft {
  const { submission } = stored;
  if (submission.status === 'AWAITING_UPLOAD') return stored;
  throw tokenConflict(`This clientToken already made submission ${submission.submissionId}, which ${outcome(submission)}. Use a new clientToken to send documents again.`);
}

const outcome = (submission: Submission) =>
  submission.status === 'DISCARDED' ? 'was discarded' : `was already submitted${submission.referenceNumber ? ` as ${submission.referenceNumber}` : ''}`;

/**
 * A reviewer's decision typed but not yet saved, kept per document in this tab's sessionStorage,
 * so an expired session (sign-in brings her back to the page) or a reload loses nothing. Gone when
 * it is saved, when she signs out or is signed out for inactivity, when someone else signs in in
 * this tab, and when the tab closes: staff see every provider's documents, so nothing of it is
 * kept on the device beyond the tab (unlike the provider's draft, which needs her files).
 */
import type { ReviewDecision, ReviewReasonCode } from '../../../src/domain/review.js';

export interface DecisionDraft {
  decision: ReviewDecision | '';
  reasonCode: ReviewReasonCode | '';
  reason: string;
}

const PREFIX = 'credentialing.decision-draft.';
const keyOf = (username: string, documentId: string) => `${PREFIX}${JSON.stringify([username, documentId])}`;

/** sessionStorage may be refused (a locked-down browser): the form then works without keeping. */
function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function readDecisionDraft(username: string, documentId: string): DecisionDraft | null {
  try {
    const raw = storage()?.getItem(keyOf(username, documentId));
    return raw ? (JSON.parse(raw) as DecisionDraft) : null;
  } catch {
    return null;
  }
}

export function keepDecisionDraft(username: string, documentId: string, draft: DecisionDraft): void {
  try {
    storage()?.setItem(keyOf(username, documentId), JSON.stringify(draft));
  } catch {
    // Storage full or refused: the draft stays on screen, as before.
  }
}

export function forgetDecisionDraft(username: string, documentId: string): void {
  storage()?.removeItem(keyOf(username, documentId));
}

/** Every kept decision, or every one but `keep`'s (someone else signing in in this tab). */
export function forgetDecisionDrafts(keep?: string): void {
  const store = storage();
  if (!store) return;
  const mine = keep === undefined ? null : `${PREFIX}${JSON.stringify([keep]).slice(0, -1)},`;
  const keys = Array.from({ length: store.length }, (_, index) => store.key(index)).filter((key): key is string => key !== null);
  for (const key of keys) if (key.startsWith(PREFIX) && !(mine && key.startsWith(mine))) store.removeItem(key);
}

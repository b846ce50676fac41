import { DRAFT_LIFETIME_HOURS } from '../domain/status.js';
import { discardIfDraft, type DiscardDraftDeps } from './discard-draft.js';

export const DRAFT_CLEANUP_ACTOR = { type: 'system', id: 'draft-cleanup' } as const;
const PAGE_SIZE = 100;

/**
 * The scheduled clean-up: every draft created more than DRAFT_LIFETIME_HOURS before `now` (the
 * schedule's event time) is discarded. Found through the byStatus index's sort key, never a
 * scan; running twice, or two runs at once, discards and audits each draft once.
 */
export async function discardAbandonedDrafts(deps: DiscardDraftDeps, now: Date, requestId: string): Promise<{ cutoff: string; discarded: number }> {
  const cutoff = new Date(now.getTime() - DRAFT_LIFETIME_HOURS * 3_600_000).toISOString();
  let discarded = 0;
  let nextToken: string | undefined;
  do {
    const page = await deps.repository.listByStatusCreatedBefore('AWAITING_UPLOAD', cutoff, { limit: PAGE_SIZE, ...(nextToken ? { nextToken } : {}) });
    for (const draft of page.items) {
      if (await discardIfDraft(deps, draft, DRAFT_CLEANUP_ACTOR, 'ABANDONED', { requestId, sourceIp: null })) discarded++;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return { cutoff, discarded };
}

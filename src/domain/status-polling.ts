/**
 * How soon the portal asks again for a submission's status while the workflow checks it: soon
 * after submit, then less and less often. A five-document submission is decided in one to two
 * seconds, and the outcome shows on average half a wait after it arrives, so the waits stay
 * short through the first seconds (growing by a quarter: 586 ms at 1.1 s) before settling at
 * 1.5 s; growing by half left a 1 s wait at 1.4 s, no better than a flat 1.5 s poll.
 * `npm run bench` polls the same way to measure what she experiences.
 */
export const STATUS_POLL = { firstMs: 300, growth: 1.25, maxMs: 1500 } as const;

/** The wait before the next status request, after `fetchesSoFar` (≥ 1) of them: 300, 375, 469, 586, 732, 916, 1144, 1431, 1500… ms. */
export function statusPollDelay(fetchesSoFar: number): number {
  const step = Math.max(0, fetchesSoFar - 1);
  return Math.min(STATUS_POLL.maxMs, Math.round(STATUS_POLL.firstMs * STATUS_POLL.growth ** step));
}

/**
 * A submit that stopped between its status change and starting the workflow leaves the submission
 * VALIDATING with nothing checking it, until the reconciler's next run (2–7 minutes). Her submit
 * sent again starts it, and changes nothing while a workflow runs, so her page sends it once
 * validation is overdue and again every minute while she waits.
 */
export const STALLED_SUBMIT = { afterMs: 30_000, everyMs: 60_000 } as const;

/** When her page should next send the submit again, in ms since the epoch (`lastSentAt`: when it last did, if ever); null without a submit. */
export function resubmitAt(submittedAt: string | null, lastSentAt: number | null): number | null {
  if (submittedAt === null) return null;
  const overdue = Date.parse(submittedAt) + STALLED_SUBMIT.afterMs;
  return lastSentAt === null ? overdue : Math.max(overdue, lastSentAt + STALLED_SUBMIT.everyMs);
}

export function resubmitDue(submittedAt: string | null, lastSentAt: number | null, now: number): boolean {
  const at = resubmitAt(submittedAt, lastSentAt);
  return at !== null && now >= at;
}

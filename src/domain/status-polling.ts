/**
 * How soon the portal asks again for a submission's status while the workflow checks it: soon
 * after submit (a five-document submission is decided in a second or two), then less and less
 * often, so a slow run costs no more requests than a flat poll would. `npm run bench` polls the
 * same way to measure what she experiences.
 */
export const STATUS_POLL = { firstMs: 300, growth: 1.5, maxMs: 1500 } as const;

/** The wait before the next status request, after `fetchesSoFar` (≥ 1) of them: 300, 450, 675, 1013, 1500, 1500… ms. */
export function statusPollDelay(fetchesSoFar: number): number {
  const step = Math.max(0, fetchesSoFar - 1);
  return Math.min(STATUS_POLL.maxMs, Math.round(STATUS_POLL.firstMs * STATUS_POLL.growth ** step));
}

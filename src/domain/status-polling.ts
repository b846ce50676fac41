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

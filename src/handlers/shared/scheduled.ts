import type { ScheduledEvent } from 'aws-lambda';
import type { Clock } from '../../ports/clock.js';

/**
 * "Now" for a scheduled job is the event's `time`, so a run (or a re-run, or a local run for
 * another date) acts as of its schedule; the clock only stands in when an event has none.
 */
export function scheduledTime(event: Partial<Pick<ScheduledEvent, 'time'>>, clock: Clock): Date {
  const time = event.time ? new Date(event.time) : null;
  return time && !Number.isNaN(time.getTime()) ? time : clock.now();
}

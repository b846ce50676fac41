/**
 * What a schedule of the template sends its function, shared by the local scheduler and
 * `npm run job` (which must stay light: no CDK, no emulators).
 */
import { randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-aws.js';

export interface Schedule {
  logicalId: string;
  kind: 'rule' | 'schedule';
  /** The ARN of the rule or schedule (an EventBridge event's `resources`). */
  arn: string;
  /** Name given by `markScheduledJob` in the infrastructure code, if any. */
  job?: string;
  expression: string;
  timezone: string;
  functionName: string;
  /** The target's constant Input, sent instead of the event when set. */
  input?: string;
}

/** `expiryReminders` ↔ `expiry-reminders` (how `npm run job` takes it). */
export const jobCommandName = (job: string) => job.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
export const jobFromCommandName = (name: string) => name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** What the target receives at `time`: EventBridge's Scheduled Event, or the target's Input. */
export function scheduledEvent(schedule: Pick<Schedule, 'kind' | 'arn' | 'input'>, time: Date): unknown {
  const iso = time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (schedule.kind === 'schedule') {
    // EventBridge Scheduler sends the Input as given, with its context attributes filled in.
    const context: Record<string, string> = { 'scheduled-time': iso, 'execution-id': randomUUID(), 'schedule-arn': schedule.arn, 'attempt-number': '1' };
    return JSON.parse((schedule.input ?? '{}').replace(/<aws\.scheduler\.([a-z-]+)>/g, (whole, name: string) => context[name] ?? whole));
  }
  if (schedule.input !== undefined) return JSON.parse(schedule.input);
  return { version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', account: LOCAL_ACCOUNT, time: iso, region: LOCAL_REGION, resources: [schedule.arn], detail: {} };
}

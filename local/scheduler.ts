/**
 * The template's schedules, run on their cadence while the local runtime runs:
 * `AWS::Events::Rule` with a ScheduleExpression (UTC, as EventBridge) and
 * `AWS::Scheduler::Schedule` (with its ScheduleExpressionTimezone), each targeting a function,
 * which is invoked asynchronously with the event AWS would send. Runs missed while the runtime
 * was stopped are not caught up (neither does EventBridge); `npm run job` runs one by hand.
 */
import { Cron } from 'croner';
import { JOB_METADATA_KEY } from '../src/contract/service.js';
import { scheduledEvent, type Schedule } from './scheduled-event.js';
import { resolve, resourcesOfType, type LocalValues, type Template } from './template.js';

export type { Schedule } from './scheduled-event.js';

/** Every enabled schedule of the template that targets a function. */
export function schedulesOf(template: Template, locals: LocalValues): Schedule[] {
  const found: Schedule[] = [];
  const add = (logicalId: string, kind: Schedule['kind'], props: Record<string, unknown>, metadata: Record<string, unknown> | undefined, target: { Arn?: unknown; Input?: unknown }) => {
    const arn = String(resolve(target.Arn, locals) ?? '');
    if (!arn.includes(':function:') || props.State === 'DISABLED') return;
    const job = metadata?.[JOB_METADATA_KEY];
    const timezone = String(props.ScheduleExpressionTimezone ?? 'UTC');
    const input = target.Input === undefined ? undefined : String(resolve(target.Input, locals));
    found.push({ logicalId, kind, arn: String(locals.getAtt(logicalId, 'Arn')), ...(typeof job === 'string' ? { job } : {}), expression: String(props.ScheduleExpression), timezone, functionName: arn.split(':function:')[1]!.split(':')[0]!, ...(input !== undefined ? { input } : {}) });
  };
  for (const [id, rule] of resourcesOfType(template, 'AWS::Events::Rule')) {
    const props = rule.Properties ?? {};
    if (!props.ScheduleExpression) continue;
    for (const target of (props.Targets as { Arn?: unknown; Input?: unknown }[] | undefined) ?? []) add(id, 'rule', props, rule.Metadata, target);
  }
  for (const [id, schedule] of resourcesOfType(template, 'AWS::Scheduler::Schedule')) {
    const props = schedule.Properties ?? {};
    add(id, 'schedule', props, schedule.Metadata, (props.Target as { Arn?: unknown; Input?: unknown }) ?? {});
  }
  return found;
}

/** Job name → function name, for stack.json and `npm run job`. */
export function scheduledJobs(schedules: Schedule[]): Record<string, string> {
  return Object.fromEntries(schedules.filter((s) => s.job).map((s) => [s.job!, s.functionName]));
}

const RATE = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/;
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The first run of `expression` after `after`; `anchor` is when a rate schedule began. */
export function nextRun(schedule: Pick<Schedule, 'expression' | 'timezone'>, after: Date, anchor: Date = after): Date | null {
  const rate = RATE.exec(schedule.expression);
  if (rate) {
    const every = Number(rate[1]) * UNIT_MS[rate[2]!.replace(/s$/, '')]!;
    return new Date(anchor.getTime() + (Math.floor((after.getTime() - anchor.getTime()) / every) + 1) * every);
  }
  const cron = /^cron\((.+)\)$/.exec(schedule.expression);
  if (cron) {
    // AWS: minutes hours day-of-month month day-of-week(1 = Sunday) year; croner takes seconds first.
    const job = new Cron(`0 ${cron[1]!.trim()}`, { mode: '7-part', alternativeWeekdays: true, sloppyRanges: true, timezone: schedule.timezone, paused: true });
    const next = job.nextRun(after);
    job.stop();
    return next;
  }
  const at = /^at\((.+)\)$/.exec(schedule.expression);
  if (at) {
    const job = new Cron(at[1]!, { timezone: schedule.timezone, paused: true });
    const next = job.nextRun(after);
    job.stop();
    return next;
  }
  throw new Error(`Unsupported schedule expression ${schedule.expression}`);
}

export interface SchedulerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Longest single timer Node keeps (about 24.8 days); longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class LocalScheduler {
  private readonly timers = new Map<Schedule, unknown>();
  private readonly upcoming = new Map<Schedule, Date>();

  constructor(
    private readonly schedules: Schedule[],
    private readonly invoke: (functionName: string, event: unknown) => void,
    private readonly clock: SchedulerClock = systemClock,
  ) {}

  start(): void {
    const anchor = new Date(this.clock.now());
    for (const schedule of this.schedules) this.plan(schedule, anchor);
  }

  /** When each schedule runs next (by logical id). */
  nextRuns(): Record<string, string> {
    return Object.fromEntries([...this.upcoming].map(([schedule, at]) => [schedule.logicalId, at.toISOString()]));
  }

  private plan(schedule: Schedule, anchor: Date, after = new Date(this.clock.now())): void {
    const at = nextRun(schedule, after, anchor);
    if (!at) return void this.upcoming.delete(schedule);
    this.upcoming.set(schedule, at);
    const wait = () => {
      const left = at.getTime() - this.clock.now();
      if (left > 0) return void this.timers.set(schedule, this.clock.setTimeout(wait, Math.min(left, MAX_TIMER_MS)));
      this.invoke(schedule.functionName, scheduledEvent(schedule, at));
      // After a sleep, one run for the moment missed and on from now: no backlog.
      this.plan(schedule, anchor, new Date(Math.max(at.getTime(), this.clock.now())));
    };
    this.timers.set(schedule, this.clock.setTimeout(wait, Math.min(Math.max(at.getTime() - this.clock.now(), 0), MAX_TIMER_MS)));
  }

  close(): void {
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
  }
}

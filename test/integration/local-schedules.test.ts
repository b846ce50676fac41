/**
 * The template's schedules run on their cadence while the local runtime runs, invoking their
 * function with the event AWS sends; `npm run job` runs a named job for a given date through the
 * Lambda Invoke API. The schedules come from a template fragment built with the real constructs
 * (`markScheduledJob`); the clock is moved by hand.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/project-root.js';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { ManualClock } from './support/manual-clock.js';
import { FIXTURE_IDS, testResources } from './support/template-fragment.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'local-schedules-'));
const eventLog = path.join(dataDir, 'events.jsonl');
const clock = new ManualClock(Date.parse('2027-03-01T12:58:00Z')); // a Monday
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false, extraResources: testResources(eventLog), schedulerClock: clock, runsSchedule: (schedule) => schedule.logicalId.startsWith('Test') });
});

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function recordedEvents(count: number): Promise<Record<string, unknown>[]> {
  const read = () => (existsSync(eventLog) ? readFileSync(eventLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) : []);
  for (let i = 0; i < 100 && read().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return read();
}

const runJob = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/run-job.ts'), ...args], { cwd: PROJECT_ROOT, env: { ...process.env, LOCAL_STACK_FILE: path.join(dataDir, 'stack.json') } }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );

describe('schedules', () => {
  it('lists the named jobs and every enabled schedule in stack.json', () => {
    const stackFile = JSON.parse(readFileSync(path.join(dataDir, 'stack.json'), 'utf8'));

    // The template's own jobs (draft clean-up, expiry reminders and digest, provider directory, reconciler) beside the fixtures'.
    expect(stackFile.scheduledJobs).toEqual({
      draftCleanup: expect.stringContaining('DiscardAbandonedDrafts'),
      expiryDigest: expect.stringContaining('ExpiryDigestFn'),
      expiryReminders: expect.stringContaining('ExpiryRemindersFn'),
      providerDirectory: expect.stringContaining('FillProviderDirectoryFn'),
      reconciler: expect.stringContaining('ReconcilerFn'),
      recordEvent: FIXTURE_IDS.recorder,
      weeklyDigest: FIXTURE_IDS.recorder,
    });
    expect(stackFile.schedules.map((s: { expression: string }) => s.expression).sort()).toEqual(['cron(0 13 * * ? *)', 'cron(0 13 * * ? *)', 'cron(0 13 ? * MON *)', 'cron(0 6 ? * SUN *)', 'cron(0 8 ? * MON *)', 'rate(1 day)', 'rate(1 hour)', 'rate(5 minutes)']);
  });

  it('invokes a rule\'s function at its cron time with EventBridge\'s Scheduled Event', async () => {
    clock.advanceTo(new Date('2027-03-01T13:00:30Z'));
    // The weekly schedule (Monday 8:00 New York) fires at the same moment.
    const event = (await recordedEvents(2)).find((e) => e.source === 'aws.events');

    expect(event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: '2027-03-01T13:00:00Z',
      region: 'us-east-1',
      resources: [expect.stringMatching(/^arn:aws:events:us-east-1:000000000000:rule\/TestDailyRule/)],
      detail: {},
    });
  });

  it('runs each schedule on its own cadence, in its time zone, with its Input, and never a disabled one', async () => {
    // Monday 8:00 in New York is 13:00 UTC (before daylight saving time starts on 14 March).
    clock.advanceTo(new Date('2027-03-08T13:00:00Z'));
    const events = await recordedEvents(17);

    const daily = events.filter((e) => e.source === 'aws.events').map((e) => e.time).sort();
    const weekly = events.filter((e) => e.kind === 'weekly').sort((a, b) => String(a.at).localeCompare(String(b.at)));
    expect(daily).toEqual(['2027-03-01T13:00:00Z', '2027-03-02T13:00:00Z', '2027-03-03T13:00:00Z', '2027-03-04T13:00:00Z', '2027-03-05T13:00:00Z', '2027-03-06T13:00:00Z', '2027-03-07T13:00:00Z', '2027-03-08T13:00:00Z']);
    expect(weekly).toEqual([
      { kind: 'weekly', at: '2027-03-01T13:00:00Z' },
      { kind: 'weekly', at: '2027-03-08T13:00:00Z' },
    ]);
    // A rate counts from when the runtime started (12:58); its target's Input replaces the event.
    expect(events.filter((e) => e.kind === 'constant')).toEqual(Array.from({ length: 7 }, () => ({ kind: 'constant' })));
    expect(events).toHaveLength(17); // the disabled every-minute rule never ran
  });
});

describe('npm run job', () => {
  it('runs a job for the given date through the Lambda Invoke API and prints its result', async () => {
    const before = (await recordedEvents(0)).length;

    const { code, output } = await runJob('record-event', '--date', '2030-01-15');
    const events = await recordedEvents(before + 1);

    expect(code).toBe(0);
    expect(output).toContain('Job record-event ran for 2030-01-15T13:00:00.000Z');
    expect(output).toContain('"time": "2030-01-15T13:00:00Z"');
    expect(events.at(-1)).toMatchObject({ 'detail-type': 'Scheduled Event', time: '2030-01-15T13:00:00Z', resources: [expect.stringContaining('rule/TestDailyRule')] });
  });

  it('names the jobs there are when asked for one that does not exist, and refuses a bad date', async () => {
    const unknown = await runJob('expiry-remindrs');
    const badDate = await runJob('weekly-digest', '--date', '2030-02-30x');

    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('No scheduled job named expiry-remindrs');
    expect(unknown.output).toContain('Jobs: draft-cleanup, expiry-reminders, expiry-digest, provider-directory, reconciler, record-event, weekly-digest');
    expect(badDate.code).toBe(1);
    expect(badDate.output).toContain('--date must be a date like 2027-03-01');
  });
});

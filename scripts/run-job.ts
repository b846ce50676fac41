/**
 * `npm run job -- <job-name> [--date YYYY-MM-DD] [--dry-run]` (with `npm start` running): runs a
 * scheduled job now, as its schedule would on that date at 13:00 UTC, by invoking its function
 * through the local Lambda Invoke API with the event EventBridge sends. Job names: `scheduledJobs`
 * in .data/stack.json. `--dry-run` (expiry reminders) lists what that day's run would send and
 * change, and writes and sends nothing: a run for a future date really marks documents expired.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LOCAL_CREDENTIALS } from '../local/local-aws.js';
import type { StackInfo } from '../local/runtime.js';
import { jobCommandName, jobFromCommandName, scheduledEvent } from '../local/scheduled-event.js';
import { EXPIRED_NOTICE } from '../src/domain/expiry.js';
import { previewExpiryReminders } from '../testkit/expiry-jobs.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { date: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
const stackFile = process.env.LOCAL_STACK_FILE ?? path.resolve('.data', 'stack.json');
if (!existsSync(stackFile)) fail(`No ${stackFile}: start the local runtime first (npm start).`);
const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as StackInfo;
const known = (stack.schedules ?? []).filter((s) => s.job);
const usage = `Usage: npm run job -- <job-name> [--date YYYY-MM-DD] [--dry-run]\nJobs: ${known.map((s) => jobCommandName(s.job!)).join(', ') || '(none in the template)'}`;

const [name] = positionals;
if (!name) fail(usage);
const schedule = known.find((s) => s.job === jobFromCommandName(name));
if (!schedule) fail(`No scheduled job named ${name}.\n${usage}`);
const date = values.date ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T13:00:00Z`))) fail(`--date must be a date like 2027-03-01, not ${date}.`);
const time = new Date(`${date}T13:00:00Z`);

if (values['dry-run']) {
  if (schedule.job !== 'expiryReminders') fail(`--dry-run is for ${jobCommandName('expiryReminders')} only: the other jobs change nothing a day ahead.`);
  const { report, emails } = await previewExpiryReminders(stack, date).catch((error: Error) => fail(`Could not read the schedule at ${stack.endpoints.dynamodb} (${error.name}). Is npm start running?`));
  const expiring = report.sent.filter((sent) => sent.notice === EXPIRED_NOTICE).map((sent) => sent.documentId);
  console.log(`Dry run of ${name} for ${report.today} (the office's date at ${time.toISOString()}): nothing was written and no email was sent.`);
  console.log(`Would send ${emails.length} email(s):${emails.map((email) => `\n  ${email.to} — ${email.subject}`).join('')}`);
  console.log(`Would mark expired: ${expiring.length > 0 ? expiring.join(', ') : 'none'}`);
  console.log(`Would record as skipped: ${report.skipped.length}; take off the schedule: ${report.unscheduled.length}; record unconfirmed: ${report.unconfirmed.length}`);
  process.exit(0);
}

const lambda = new LambdaClient({ endpoint: stack.endpoints.lambda, region: stack.region, credentials: LOCAL_CREDENTIALS });
const result = await lambda.send(new InvokeCommand({ FunctionName: schedule.functionName, Payload: JSON.stringify(scheduledEvent(schedule, time)) })).catch((error: Error) => {
  fail(`Could not reach the local Lambda endpoint ${stack.endpoints.lambda} (${error.name}: ${error.message}). Is npm start running?`);
});
const payload = result.Payload ? Buffer.from(result.Payload).toString('utf8') : '';
const pretty = payload ? JSON.stringify(JSON.parse(payload), null, 2) : '(no result)';
if (result.FunctionError) fail(`Job ${name} failed for ${time.toISOString()}:\n${pretty}`);
console.log(`Job ${name} ran for ${time.toISOString()} (function ${schedule.functionName}):\n${pretty}`);

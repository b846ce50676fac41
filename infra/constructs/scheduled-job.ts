/**
 * A job: a function an EventBridge schedule runs, named so the local runtime lists it in
 * `.data/stack.json` (`scheduledJobs`) and `npm run job -- <job-name> [--date YYYY-MM-DD]` runs it
 * for any date.
 */
import { CfnResource, type Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type { Construct, IConstruct } from 'constructs';
import { JOB_METADATA_KEY } from '../../src/contract/service.js';
import { ServiceFunction, type ServiceFunctionProps } from './service-function.js';

export interface ScheduledFunctionProps extends ServiceFunctionProps {
  /** camelCase, e.g. `expiryReminders` (run as `npm run job -- expiry-reminders`). */
  readonly job: string;
  readonly schedule: events.Schedule;
  /** The rule's construct id in the same scope as the function (each job's own, so logical ids stay). */
  readonly ruleId: string;
  /** The rule's description; the function's when absent. */
  readonly ruleDescription?: string;
  /**
   * What EventBridge does with a run that failed to start: retries within `maxEventAge`. A job
   * whose next run does the same work retries little, or not at all when it runs every few minutes.
   */
  readonly retry: { readonly attempts: number; readonly maxEventAge: Duration };
}

/** Creates the function and its schedule in `scope`, the rule named as the job. */
export function scheduledFunction(scope: Construct, id: string, props: ScheduledFunctionProps): { fn: ServiceFunction; rule: events.Rule } {
  const { job, schedule, ruleId, ruleDescription, retry, ...functionProps } = props;
  const fn = new ServiceFunction(scope, id, functionProps);
  const rule = new events.Rule(scope, ruleId, {
    description: ruleDescription ?? functionProps.description,
    schedule,
    targets: [new targets.LambdaFunction(fn.function, { retryAttempts: retry.attempts, maxEventAge: retry.maxEventAge })],
  });
  markScheduledJob(rule, job);
  return { fn, rule };
}

/**
 * @param schedule an `events.Rule` or `scheduler.CfnSchedule` (or their CloudFormation resource)
 * @param jobName camelCase, e.g. `expiryReminders` (run as `npm run job -- expiry-reminders`)
 */
export function markScheduledJob(schedule: IConstruct, jobName: string): void {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(jobName)) throw new Error(`Job name ${jobName} must be camelCase, e.g. expiryReminders`);
  const resource = schedule instanceof CfnResource ? schedule : schedule.node.defaultChild;
  if (!(resource instanceof CfnResource)) throw new Error(`${schedule.node.path} has no CloudFormation resource to name as job ${jobName}`);
  resource.addMetadata(JOB_METADATA_KEY, jobName);
}

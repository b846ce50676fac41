/**
 * Names a scheduled rule as a job. The local runtime lists named jobs in `.data/stack.json`
 * (`scheduledJobs`) and `npm run job -- <job-name> [--date YYYY-MM-DD]` runs one for any date.
 */
import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { JOB_METADATA_KEY } from '../../src/contract/service.js';

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

/**
 * The provider directory's job: weekly, and by hand (`npm run job -- provider-directory`) after
 * deploying the directory onto existing data, it lists every provider who ever submitted, read
 * from the allSubmissions index, and files by family name profiles kept before the directory did
 * (docs/review.md "Provider directory").
 */
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import type { DataLayer } from './data-layer.js';
import { scheduledFunction } from './scheduled-job.js';
import type { ServiceFunction } from './service-function.js';

export interface ProviderDirectoryJobProps {
  readonly data: DataLayer;
}

/** The schedule's job name: `npm run job -- provider-directory`. */
export const PROVIDER_DIRECTORY_JOB = 'providerDirectory';

export class ProviderDirectoryJob extends Construct {
  readonly function: ServiceFunction;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ProviderDirectoryJobProps) {
    super(scope, id);
    const { key, intakeTable } = props.data;
    const { fn, rule } = scheduledFunction(this, 'FillProviderDirectoryFn', {
      entry: 'src/handlers/jobs/fill-provider-directory.ts',
      description: 'Weekly: lists every provider who ever submitted in the staff directory',
      key,
      timeout: Duration.minutes(5),
      job: PROVIDER_DIRECTORY_JOB,
      ruleId: 'Schedule',
      ruleDescription: 'Lists every provider who ever submitted in the staff directory',
      // Sunday 06:00 UTC, before the office's week; the submit path keeps it current in between.
      schedule: events.Schedule.cron({ weekDay: 'SUN', hour: '6', minute: '0' }),
      // A failed run is the next week's work, or a run by hand: the job is idempotent.
      retry: { attempts: 2, maxEventAge: Duration.hours(6) },
    });
    this.function = fn.bindIntakeIndexes(intakeTable, INTAKE_INDEXES.allSubmissions).bindIntakeTable(intakeTable, 'UpdateItem');
    this.rule = rule;
  }
}

/**
 * The scheduled reconciler (docs/architecture.md "When something fails"): every five minutes it
 * re-drives failed attempts and finishes what crashes left behind, with exactly the grants it calls
 * — Query on the byUnfinished and byUnsentOutcome indexes and the table, UpdateItem, audit append,
 * and StartExecution / DescribeExecution on the intake workflow and on the review outcome workflow
 * (completed reviews whose outcome email is not audited as sent).
 */
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ENV } from '../../src/contract/environment.js';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import type { DataLayer } from './data-layer.js';
import { scheduledFunction } from './scheduled-job.js';
import type { ServiceFunction } from './service-function.js';

export interface WorkflowReconcilerProps {
  readonly data: DataLayer;
  /** The intake workflow whose attempts it watches and re-drives. */
  readonly stateMachine: sfn.IStateMachine;
  /** The review outcome workflow it starts for a completed review nobody carried out. */
  readonly reviewOutcomeStateMachine: sfn.IStateMachine;
}

/** The schedule's job name: `npm run job -- reconciler`, `.data/stack.json` → `scheduledJobs.reconciler`. */
export const RECONCILER_JOB = 'reconciler';

export class WorkflowReconciler extends Construct {
  readonly function: ServiceFunction;
  readonly schedule: events.Rule;

  constructor(scope: Construct, id: string, props: WorkflowReconcilerProps) {
    super(scope, id);
    const { key, intakeTable, audit } = props.data;
    const { fn, rule } = scheduledFunction(this, 'ReconcilerFn', {
      entry: 'src/handlers/jobs/reconcile-submissions.ts',
      description: 'Re-drives failed intake workflows and finishes what crashes left behind',
      key,
      timeout: Duration.minutes(2),
      job: RECONCILER_JOB,
      ruleId: 'Schedule',
      ruleDescription: 'Runs the intake reconciler',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      // A failed run is simply the next run's work: no retries of a stale one.
      retry: { attempts: 0, maxEventAge: Duration.minutes(5) },
    });
    this.function = fn
      .bindIntakeIndexes(intakeTable, INTAKE_INDEXES.unfinished, INTAKE_INDEXES.unsentOutcomes)
      .bindIntakeTable(intakeTable, 'Query', 'UpdateItem')
      .bindAuditAppend(audit)
      .bindWorkflowStart(props.stateMachine)
      .bindWorkflowDescribe(props.stateMachine)
      .bindWorkflowStart(props.reviewOutcomeStateMachine, ENV.reviewOutcomeStateMachineArn)
      .bindWorkflowDescribe(props.reviewOutcomeStateMachine, ENV.reviewOutcomeStateMachineArn);
    this.schedule = rule;
  }
}

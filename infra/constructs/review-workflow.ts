/**
 * The review outcome workflow (Standard: exactly once per completed review, with history): the
 * documents take their decisions → the provider gets the outcome email → the audit trail records
 * it. `complete-review` starts it after its conditional flip, named `review-{submissionId}`.
 * A second state machine rather than the intake execution waiting on a task token: nothing stays
 * open for the days a review takes, a review outcome is its own unit of work to retry and
 * re-drive, and the local runtime runs it like any other state machine.
 */
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import type { DataLayer } from './data-layer.js';
import type { EmailSending } from './email-sending.js';
import { ServiceFunction } from './service-function.js';
import { lambdaStep, standardStateMachine } from './workflow-steps.js';

export interface ReviewWorkflowProps {
  /** The tables the steps work on, and the key for logs. */
  readonly data: DataLayer;
  /** Sends the outcome email (signed by the office, with links to the portal). */
  readonly email: EmailSending;
}

export class ReviewWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly functions: readonly ServiceFunction[];

  constructor(scope: Construct, id: string, props: ReviewWorkflowProps) {
    super(scope, id);
    const { key, intakeTable, audit } = props.data;
    const step = (fnId: string, entry: string, description: string) => new ServiceFunction(this, fnId, { entry: `src/handlers/steps/${entry}.ts`, description, key });
    const steps = {
      applyOutcome: step('ApplyReviewOutcomeFn', 'apply-review-outcome', 'Gives each reviewed document its decision')
        .bindIntakeTable(intakeTable, 'Query', 'UpdateItem')
        // A rejected renewal gives the verified version it superseded its place back (found by id, or
        // among her documents when it superseded one sent twice; audited).
        .bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byDocument, INTAKE_INDEXES.byOwner)
        .bindAuditAppend(audit),
      sendOutcome: props.email.allowSending(step('SendReviewOutcomeFn', 'notify-provider', 'Emails the provider the outcome of the review').bindIntakeTable(intakeTable, 'Query', 'UpdateItem')),
      recordOutcome: step('RecordReviewOutcomeFn', 'record-review-outcome', 'Appends the review outcome to the audit trail').bindIntakeTable(intakeTable, 'Query', 'UpdateItem').bindAuditAppend(audit),
    };
    this.functions = Object.values(steps);

    const submission = { 'submissionId.$': '$.submissionId' };
    // The last task ends the execution (a Succeed state would be one more billed transition).
    const record = lambdaStep(this, 'RecordReviewOutcome', steps.recordOutcome, { ...submission, 'executionId.$': '$$.Execution.Id', 'email.$': '$.email' }, null);
    const send = lambdaStep(this, 'SendReviewOutcome', steps.sendOutcome, { ...submission, 'kind.$': '$.applied.value.outcome' }, '$.email');
    // A failed email must not lose the outcome: record the failure (NOTIFICATION_FAILED; the function's errors alarm) and finish.
    send.addCatch(record, { errors: ['States.ALL'], resultPath: '$.email' });
    const definition = lambdaStep(this, 'ApplyReviewOutcome', steps.applyOutcome, { ...submission, 'executionId.$': '$$.Execution.Id' }, '$.applied').next(send.next(record));

    this.stateMachine = standardStateMachine(this, definition, key);
  }
}

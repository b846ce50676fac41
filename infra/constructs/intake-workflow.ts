/**
 * The intake workflow (Standard: it must run exactly once per attempt and keep a 90-day
 * history). Map snapshots and validates every document in parallel; a Choice sends the
 * submission to the accept branch (store → email → audit) or the reject branch (mark → email →
 * audit). Every step retries what is transient and otherwise falls into one failure path:
 * MarkProcessingFailed, then a Fail state, so the failed execution raises the alarm.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ENV } from '../../src/contract/environment.js';
import { TRANSIENT_FAILURE_ERROR } from '../../src/contract/service.js';
import type { DataLayer } from './data-layer.js';
import type { EmailSending } from './email-sending.js';
import { ServiceFunction, type ServiceFunctionProps } from './service-function.js';

export interface IntakeWorkflowProps {
  /** Tables, bucket and key the steps work on. */
  readonly data: DataLayer;
  /** Sends the confirmation and rejection emails (and knows the portal they link to). */
  readonly email: EmailSending;
  /** Business days promised for a review (a stack parameter). */
  readonly reviewBusinessDays: string;
}

/** The workflow's task functions, each with exactly the grants its use case needs. */
function stepFunctions(scope: Construct, props: IntakeWorkflowProps) {
  const { key, intakeTable, documentsBucket: bucket, audit } = props.data;
  const step = (id: string, entry: string, description: string, extra: Partial<ServiceFunctionProps> = {}) =>
    new ServiceFunction(scope, id, { entry: `src/handlers/steps/${entry}.ts`, description, key, ...extra });
  return {
    snapshotDocument: step('SnapshotDocumentFn', 'snapshot-document', 'Copies one staged upload to its intake/ snapshot', { timeout: Duration.seconds(60) })
      .bindIntakeTable(intakeTable, 'Query', 'UpdateItem')
      .bindUploadSnapshot(bucket, key),
    validateDocument: step('ValidateDocumentFn', 'validate-document', 'Validates one document snapshot by its content', { memorySize: 1024, timeout: Duration.seconds(90) })
      .bindIntakeTable(intakeTable, 'Query', 'UpdateItem')
      .bindSnapshotRead(bucket, key),
    acceptSubmission: step('AcceptSubmissionFn', 'accept-submission', 'Stores validated documents and issues the reference number', { timeout: Duration.seconds(60) })
      .bindIntakeTable(intakeTable, 'Query', 'UpdateItem', 'PutItem')
      .bindDocumentsStore(bucket, key)
      .addEnvironment(ENV.reviewBusinessDays, props.reviewBusinessDays),
    rejectSubmission: step('RejectSubmissionFn', 'reject-submission', 'Marks a submission with invalid documents as rejected').bindIntakeTable(intakeTable, 'Query', 'UpdateItem'),
    notifyProvider: props.email.allowSending(step('NotifyProviderFn', 'notify-provider', 'Emails the provider the outcome of her submission').bindIntakeTable(intakeTable, 'Query', 'UpdateItem')),
    recordAudit: step('RecordAuditFn', 'record-audit', 'Appends workflow outcomes to the audit trail').bindIntakeTable(intakeTable, 'Query', 'UpdateItem').bindAuditAppend(audit),
    markProcessingFailed: step('MarkProcessingFailedFn', 'mark-processing-failed', 'Ends a failed workflow attempt in PROCESSING_FAILED')
      .bindIntakeTable(intakeTable, 'Query', 'UpdateItem')
      .bindAuditAppend(audit),
  };
}

/** Worth retrying: Lambda's own transient failures, a task timeout, and our steps' transient failures. */
const TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.Unknown',
  'States.Timeout',
  TRANSIENT_FAILURE_ERROR,
];

export class IntakeWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly functions: readonly ServiceFunction[];

  constructor(scope: Construct, id: string, props: IntakeWorkflowProps) {
    super(scope, id);
    const steps = stepFunctions(this, props);
    this.functions = Object.values(steps);

    // resultPath: a path, null to discard the result, or undefined for the whole state (the default).
    const invoke = (name: string, fn: ServiceFunction, payload: Record<string, unknown>, resultPath?: string | null) => {
      const task = new tasks.LambdaInvoke(this, name, {
        stateName: name,
        lambdaFunction: fn.function,
        payload: sfn.TaskInput.fromObject(payload),
        payloadResponseOnly: false,
        retryOnServiceExceptions: false,
        resultSelector: { 'value.$': '$.Payload' },
        ...(resultPath === undefined ? {} : { resultPath: resultPath === null ? sfn.JsonPath.DISCARD : resultPath }),
        taskTimeout: sfn.Timeout.duration(Duration.minutes(2)),
      });
      task.addRetry({ errors: TRANSIENT_ERRORS, interval: Duration.seconds(2), maxAttempts: 4, backoffRate: 2, jitterStrategy: sfn.JitterType.FULL });
      return task;
    };
    const submission = { 'submissionId.$': '$.submissionId' };
    const attempt = { ...submission, 'attempt.$': '$.attempt' };

    // The failure path: the attempt ends PROCESSING_FAILED, and the execution fails (the alarm).
    const failed = invoke('MarkProcessingFailed', steps.markProcessingFailed, { ...attempt, 'error.$': '$.failure.Error', 'executionId.$': '$$.Execution.Id' }, null).next(
      new sfn.Fail(this, 'ProcessingFailed', {
        stateName: 'ProcessingFailed',
        error: 'ProcessingFailed',
        cause: 'A workflow step failed past its retries; the submission is PROCESSING_FAILED and will be re-driven.',
      }),
    );
    const orFail = <T extends sfn.TaskStateBase | sfn.Map>(state: T): T => {
      state.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.failure' });
      return state;
    };

    const validateEach = new sfn.Map(this, 'ValidateDocuments', {
      stateName: 'ValidateDocuments',
      itemsPath: '$.documentIds',
      itemSelector: { 'submissionId.$': '$.submissionId', 'documentId.$': '$$.Map.Item.Value' },
      maxConcurrency: 5,
      // One boolean for the Choice: does any document carry an issue?
      resultSelector: { 'anyInvalid.$': 'States.ArrayContains($[*].value.valid, false)' },
      resultPath: '$.validation',
    });
    const document = { 'submissionId.$': '$.submissionId', 'documentId.$': '$.documentId' };
    // Snapshot first: the scan (when wired) and validation see only the intake/ copy.
    validateEach.itemProcessor(invoke('SnapshotDocument', steps.snapshotDocument, document, null).next(invoke('ValidateDocument', steps.validateDocument, document)));

    const audit = (name: string, outcome: 'RECEIVED' | 'REJECTED') =>
      orFail(invoke(name, steps.recordAudit, { ...submission, outcome, 'executionId.$': '$$.Execution.Id', 'email.$': '$.email' }, null));
    const notify = (name: string, kind: 'RECEIVED' | 'REJECTED', next: sfn.IChainable) => {
      const task = invoke(name, steps.notifyProvider, { ...submission, kind }, '$.email');
      // A failed email must not lose the outcome: record it (with the failure) and finish; the reconciler sends it later.
      task.addCatch(next, { errors: ['States.ALL'], resultPath: '$.email' });
      return task.next(next);
    };

    const accepted = orFail(invoke('AcceptSubmission', steps.acceptSubmission, attempt, null)).next(
      notify('SendConfirmation', 'RECEIVED', audit('RecordReceived', 'RECEIVED').next(new sfn.Succeed(this, 'SubmissionReceived', { stateName: 'SubmissionReceived' }))),
    );
    const rejected = orFail(invoke('RejectSubmission', steps.rejectSubmission, attempt, null)).next(
      notify('SendRejectionNotice', 'REJECTED', audit('RecordRejected', 'REJECTED').next(new sfn.Succeed(this, 'SubmissionRejected', { stateName: 'SubmissionRejected' }))),
    );

    const definition = orFail(validateEach).next(
      new sfn.Choice(this, 'AllDocumentsValid', { stateName: 'AllDocumentsValid' })
        .when(sfn.Condition.booleanEquals('$.validation.anyInvalid', false), accepted)
        .otherwise(rejected),
    );

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: props.data.key, removalPolicy: RemovalPolicy.RETAIN });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      timeout: Duration.minutes(30),
      tracingEnabled: true,
      // Execution data holds only ids and issue codes, but we still keep it out of the logs.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
  }
}

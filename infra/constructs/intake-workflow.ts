/**
 * The intake workflow (Standard: it must run exactly once per attempt and keep a 90-day
 * history). Map snapshots every document and (once GuardDuty's verdict is in) validates it, in
 * parallel; a Choice sends the submission to the accept branch (store → email → audit) or the
 * reject branch (mark → email → audit). Every step retries what is transient and otherwise falls
 * into one failure path: MarkProcessingFailed, then a Fail state, so the failed execution raises
 * the alarm.
 */
import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ENV } from '../../src/contract/environment.js';
import { SCAN_PENDING_ERROR } from '../../src/contract/malware-scanning.js';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import type { DataLayer } from './data-layer.js';
import { crossCheckEachDocument, crossCheckFunction } from './cross-check-step.js';
import type { EmailSending } from './email-sending.js';
import type { MalwareProtection } from './malware-protection.js';
import { ServiceFunction, type ServiceFunctionProps } from './service-function.js';
import { lambdaStep, standardStateMachine } from './workflow-steps.js';

export interface IntakeWorkflowProps {
  /** Tables, bucket and key the steps work on. */
  readonly data: DataLayer;
  /** Sends the confirmation and rejection emails (and knows the portal they link to). */
  readonly email: EmailSending;
  /** Business days promised for a review (a stack parameter). */
  readonly reviewBusinessDays: string;
  /** The malware scan: ValidateDocument asks for each snapshot's verdict before it reads it (`scansWith`). */
  readonly malware: MalwareProtection;
}

/**
 * How long ValidateDocument waits for a malware verdict (GuardDuty scans a document in seconds to a minute
 * or two): retries at 5 s growing 1.5× to at most 60 s, ten of them — about 5.7 minutes in all,
 * then the failure path (PROCESSING_FAILED, re-driven with a fresh snapshot and scan).
 */
const SCAN_PENDING_RETRY = { interval: Duration.seconds(5), backoffRate: 1.5, maxDelay: Duration.seconds(60), maxAttempts: 10 } as const;

/** The workflow's task functions, each with exactly the grants its use case needs. */
function stepFunctions(scope: Construct, props: IntakeWorkflowProps) {
  const { key, intakeTable, documentsBucket: bucket, audit } = props.data;
  const step = (id: string, entry: string, description: string, extra: Partial<ServiceFunctionProps> = {}) =>
    new ServiceFunction(scope, id, { entry: `src/handlers/steps/${entry}.ts`, description, key, ...extra });
  return {
    validateDocument: props.malware.scansWith(
      step('ValidateDocumentFn', 'validate-document', 'Snapshots one staged upload, gets its malware verdict, then validates it by its content', { memorySize: 1024, timeout: Duration.seconds(90) })
        .bindIntakeTable(intakeTable, 'Query', 'UpdateItem')
        .bindUploadSnapshot(bucket, key)
        .bindSnapshotRead(bucket, key),
    ),
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
    recordCredentials: step('RecordCredentialsFn', 'record-credentials', 'Makes received documents current credentials: expiry schedule, replaced versions and credentials sent twice superseded')
      .bindIntakeTable(intakeTable, 'Query', 'UpdateItem')
      .bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byDocument, INTAKE_INDEXES.byOwner)
      .bindAuditAppend(audit),
    crossCheckDocument: crossCheckFunction(scope, props.data),
  };
}

export class IntakeWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly functions: readonly ServiceFunction[];

  constructor(scope: Construct, id: string, props: IntakeWorkflowProps) {
    super(scope, id);
    const steps = stepFunctions(this, props);
    this.functions = Object.values(steps);

    const invoke = (name: string, fn: ServiceFunction, payload: Record<string, unknown>, resultPath?: string | null) => lambdaStep(this, name, fn, payload, resultPath);
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
    // One task per document: it snapshots the upload (once per attempt), asks for the snapshot's malware verdict before
    // reading it (in AWS the bucket policy lets nobody but GuardDuty read it until it is tagged clean), then validates.
    // Waiting for GuardDuty is this task's retry; a task per stage would cost a transition and an invocation each.
    const validate = invoke('ValidateDocument', steps.validateDocument, document);
    validate.addRetry({ errors: [SCAN_PENDING_ERROR], ...SCAN_PENDING_RETRY });
    validateEach.itemProcessor(validate);

    const audit = (name: string, outcome: 'RECEIVED' | 'REJECTED') =>
      orFail(invoke(name, steps.recordAudit, { ...submission, outcome, 'executionId.$': '$$.Execution.Id', 'email.$': '$.email' }, null));
    const notify = (name: string, kind: 'RECEIVED' | 'REJECTED', next: sfn.IChainable) => {
      const task = invoke(name, steps.notifyProvider, { ...submission, kind }, '$.email');
      // A failed email must not lose the outcome: record it (with the failure) and finish; the reconciler sends it later.
      task.addCatch(next, { errors: ['States.ALL'], resultPath: '$.email' });
      return task.next(next);
    };

    // Each branch ends on its last task: a Succeed state would be one more billed transition doing nothing.
    // After the commit: the received documents become current credentials (a fact the audit step waits for, like the email).
    const recordCredentials = orFail(invoke('RecordCredentials', steps.recordCredentials, { ...submission, 'executionId.$': '$$.Execution.Id' }, null));
    // Then each stored document is read against what she typed; it informs, so nothing there can fail the attempt.
    const recordReceived = audit('RecordReceived', 'RECEIVED');
    const crossCheck = crossCheckEachDocument(this, steps.crossCheckDocument);
    crossCheck.addCatch(recordReceived, { errors: ['States.ALL'], resultPath: sfn.JsonPath.DISCARD });
    const accepted = orFail(invoke('AcceptSubmission', steps.acceptSubmission, attempt, null)).next(
      notify('SendConfirmation', 'RECEIVED', recordCredentials.next(crossCheck).next(recordReceived)),
    );
    const rejected = orFail(invoke('RejectSubmission', steps.rejectSubmission, attempt, null)).next(
      notify('SendRejectionNotice', 'REJECTED', audit('RecordRejected', 'REJECTED')),
    );

    const definition = orFail(validateEach).next(
      new sfn.Choice(this, 'AllDocumentsValid', { stateName: 'AllDocumentsValid' })
        .when(sfn.Condition.booleanEquals('$.validation.anyInvalid', false), accepted)
        .otherwise(rejected),
    );

    this.stateMachine = standardStateMachine(this, definition, props.data.key);
  }
}

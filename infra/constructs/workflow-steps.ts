/** What every workflow shares: the Lambda task shape, its timeout and retries, and the state machine's own settings. */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { TRANSIENT_FAILURE_ERROR } from '../../src/contract/service.js';
import type { ServiceFunction } from './service-function.js';

/**
 * Errors worth retrying: Lambda's own transient failures, a task timeout, our steps' transient
 * failures (`stepHandler` classifies them) and AWS throttling/5xx surfacing from our code.
 */
export const TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.Unknown',
  TRANSIENT_FAILURE_ERROR,
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'States.Timeout',
];

/** A task's time limit (2 minutes unless given), the errors it retries (TRANSIENT_ERRORS) and how often it runs at most (4). */
export interface StepOptions {
  readonly timeout?: Duration;
  readonly retryOn?: readonly string[];
  readonly maxAttempts?: number;
}

/**
 * A Lambda task named `name` (the state name too) whose result lands at `resultPath` as
 * `{value: <payload>}`: a path, null to discard it, or undefined for the whole state (the default).
 */
export function lambdaStep(scope: Construct, name: string, fn: ServiceFunction, payload: Record<string, unknown>, resultPath?: string | null, options: StepOptions = {}): tasks.LambdaInvoke {
  const task = new tasks.LambdaInvoke(scope, name, {
    stateName: name,
    lambdaFunction: fn.function,
    payload: sfn.TaskInput.fromObject(payload),
    payloadResponseOnly: false,
    retryOnServiceExceptions: false,
    resultSelector: { 'value.$': '$.Payload' },
    ...(resultPath === undefined ? {} : { resultPath: resultPath === null ? sfn.JsonPath.DISCARD : resultPath }),
    taskTimeout: sfn.Timeout.duration(options.timeout ?? Duration.minutes(2)),
  });
  task.addRetry({ errors: [...(options.retryOn ?? TRANSIENT_ERRORS)], interval: Duration.seconds(2), maxAttempts: options.maxAttempts ?? 4, backoffRate: 2, jitterStrategy: sfn.JitterType.FULL });
  return task;
}

/**
 * A Standard state machine (exactly-once executions with a history) named `StateMachine` in
 * `scope`: traced, logged to its own encrypted group without execution data (ids and codes only,
 * still kept out of logs), 30 minutes at most.
 */
export function standardStateMachine(scope: Construct, definition: sfn.IChainable, key: kms.IKey): sfn.StateMachine {
  const logGroup = new logs.LogGroup(scope, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: key, removalPolicy: RemovalPolicy.RETAIN });
  return new sfn.StateMachine(scope, 'StateMachine', {
    stateMachineType: sfn.StateMachineType.STANDARD,
    definitionBody: sfn.DefinitionBody.fromChainable(definition),
    timeout: Duration.minutes(30),
    tracingEnabled: true,
    logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
  });
}

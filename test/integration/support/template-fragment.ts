/**
 * Resources the local-runtime tests add to the synthesized template, built with the same CDK
 * constructs as the real stack: fixture functions, a second state machine (Wait, Map, Parallel,
 * Retry, Catch over Lambda tasks) and schedules named with `markScheduledJob`.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { markScheduledJob } from '../../../infra/constructs/scheduled-job.js';
import { ServiceFunction } from '../../../infra/constructs/service-function.js';
import type { Template } from '../../../local/template.js';

export const FIXTURE_IDS = { recorder: 'TestRecordEventFn', flaky: 'TestFlakyStepFn', machine: 'TestPipelineMachine' };

export function testResources(eventLogFile: string): Template['Resources'] {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'LocalRuntimeFixtures');
  const key = new kms.Key(stack, 'TestKey');
  const fn = (id: string, entry: string) => {
    const created = new ServiceFunction(stack, id, { entry: `test/integration/fixtures/${entry}.ts`, description: id, key });
    (created.function.node.defaultChild as lambda.CfnFunction).overrideLogicalId(id);
    return created;
  };
  const recorder = fn(FIXTURE_IDS.recorder, 'record-event');
  recorder.function.addEnvironment('EVENT_LOG_FILE', eventLogFile);
  const flaky = fn(FIXTURE_IDS.flaky, 'flaky-step');

  // Schedules: EventBridge rules (UTC) and an EventBridge Scheduler schedule in a time zone.
  const daily = new events.Rule(stack, 'TestDailyRule', { schedule: events.Schedule.expression('cron(0 13 * * ? *)'), targets: [new eventTargets.LambdaFunction(recorder.function)] });
  markScheduledJob(daily, 'recordEvent');
  new events.Rule(stack, 'TestRateRule', { schedule: events.Schedule.rate(Duration.days(1)), targets: [new eventTargets.LambdaFunction(recorder.function, { event: events.RuleTargetInput.fromObject({ kind: 'constant' }) })] });
  new events.Rule(stack, 'TestDisabledRule', { enabled: false, schedule: events.Schedule.rate(Duration.minutes(1)), targets: [new eventTargets.LambdaFunction(recorder.function)] });
  const weekly = new scheduler.CfnSchedule(stack, 'TestWeeklySchedule', {
    scheduleExpression: 'cron(0 8 ? * MON *)',
    scheduleExpressionTimezone: 'America/New_York',
    flexibleTimeWindow: { mode: 'OFF' },
    target: { arn: recorder.function.functionArn, roleArn: 'arn:aws:iam::000000000000:role/scheduler', input: JSON.stringify({ kind: 'weekly', at: '<aws.scheduler.scheduled-time>' }) },
  });
  markScheduledJob(weekly, 'weeklyDigest');

  // A second workflow exercising the states the intake workflow relies on.
  const invoke = (id: string, payload: Record<string, unknown>, resultPath?: string) =>
    new tasks.LambdaInvoke(stack, id, { stateName: id, lambdaFunction: flaky.function, payload: sfn.TaskInput.fromObject(payload), payloadResponseOnly: false, retryOnServiceExceptions: false, resultSelector: { 'value.$': '$.Payload' }, ...(resultPath ? { resultPath } : {}) });
  const each = new sfn.Map(stack, 'EachItem', { stateName: 'EachItem', itemsPath: '$.items', itemSelector: { 'value.$': '$$.Map.Item.Value', 'key.$': '$.key' }, resultPath: '$.mapped' });
  each.itemProcessor(invoke('Echo', { 'value.$': '$.value' }));
  const retried = invoke('Throttled', { 'key.$': '$.key', failTimes: 2, value: 'after retries' }, '$.retried');
  retried.addRetry({ errors: ['ThrottlingException'], interval: Duration.seconds(30), maxAttempts: 3 });
  const both = new sfn.Parallel(stack, 'Both', { stateName: 'Both', resultPath: '$.parallel' }).branch(new sfn.Pass(stack, 'Left', { stateName: 'Left', result: sfn.Result.fromString('left') })).branch(new sfn.Pass(stack, 'Right', { stateName: 'Right', result: sfn.Result.fromString('right') }));
  const failing = invoke('Broken', { fail: 'always' }, '$.broken');
  failing.addCatch(new sfn.Succeed(stack, 'Caught', { stateName: 'Caught' }), { errors: ['StepBroke'], resultPath: '$.caught' });
  const pause = new sfn.Wait(stack, 'Pause', { stateName: 'Pause', time: sfn.WaitTime.secondsPath('$.waitSeconds') });
  const machine = new sfn.StateMachine(stack, FIXTURE_IDS.machine, { definitionBody: sfn.DefinitionBody.fromChainable(pause.next(each).next(retried).next(both).next(failing)) });
  (machine.node.defaultChild as sfn.CfnStateMachine).overrideLogicalId(FIXTURE_IDS.machine);

  return (app.synth().getStackByName('LocalRuntimeFixtures').template as Template).Resources;
}

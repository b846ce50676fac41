/**
 * Every failure path docs/architecture.md names ("When something fails") reaches an operator: an
 * alarm on each of our functions' errors, on each state machine failing or timing out, on each
 * count the handlers publish for a failure (`METRICS`), and on the API's 5xx — each to the topic.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, expect, it } from 'vitest';
import { buildStack } from '../../infra/stacks.js';
import { ENTRY_METADATA_KEY, METRICS } from '../../src/contract/service.js';

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> }; // eslint-disable-line @typescript-eslint/no-explicit-any
let resources: Record<string, Resource>;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = buildStack(app, { nag: false });
  resources = (Template.fromJSON(app.synth().getStackByName(stack.stackName).template).toJSON() as { Resources: Record<string, Resource> }).Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
const topicId = () => ofType('AWS::SNS::Topic').find(([id]) => id.includes('AlarmTopic'))![0];
/** The resource an alarm's dimension names (a `Ref` to a function or state machine). */
const dimensionRefs = (alarm: Record<string, any>) => (alarm.Dimensions ?? []).map((d: { Value: unknown }) => JSON.stringify(d.Value)); // eslint-disable-line @typescript-eslint/no-explicit-any

it('alarms on the errors of every function of ours, to the alarm topic', () => {
  const ours = ofType('AWS::Lambda::Function').filter(([, fn]) => typeof fn.Metadata?.[ENTRY_METADATA_KEY] === 'string').map(([id]) => id);
  const alarmed = alarms().filter((alarm) => alarm.Namespace === 'AWS/Lambda' && alarm.MetricName === 'Errors' && alarm.Threshold === 1);
  const unalarmed = ours.filter((id) => !alarmed.some((alarm) => dimensionRefs(alarm).includes(JSON.stringify({ Ref: id })) && JSON.stringify(alarm.AlarmActions) === JSON.stringify([{ Ref: topicId() }])));
  expect(ours.length).toBeGreaterThan(20);
  expect(unalarmed).toEqual([]);
});

it('alarms when any state machine execution fails or times out', () => {
  for (const [id] of ofType('AWS::StepFunctions::StateMachine')) {
    const mine = alarms().filter((alarm) => alarm.Namespace === 'AWS/States' && dimensionRefs(alarm).includes(JSON.stringify({ Ref: id })));
    expect(mine.map((alarm) => alarm.MetricName).sort(), id).toEqual(['ExecutionsFailed', 'ExecutionsTimedOut']);
  }
});

it('alarms on every failure count the handlers publish, and on the API answering 5xx', () => {
  const named = alarms().filter((alarm) => alarm.Namespace === 'CredentialingIntake').map((alarm) => alarm.MetricName);
  expect(named.sort()).toEqual(Object.values(METRICS).sort());
  expect(alarms().filter((alarm) => alarm.Namespace === 'AWS/ApiGateway' && alarm.MetricName === '5XXError')).toHaveLength(1);
  for (const alarm of alarms()) expect(alarm.AlarmActions, alarm.AlarmDescription).toEqual([{ Ref: topicId() }]);
});

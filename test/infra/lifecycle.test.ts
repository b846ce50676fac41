/**
 * Versions and expiry in the template: the two schedules (named as jobs for the local runtime),
 * the indexes the jobs and views read, and exactly what each new function may do.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStack } from '../../infra/stacks.js';
import { JOB_METADATA_KEY } from '../../src/contract/service.js';

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> }; // eslint-disable-line @typescript-eslint/no-explicit-any
let resources: Record<string, Resource>;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = buildStack(app, { nag: true });
  resources = (Template.fromJSON(app.synth().getStackByName(stack.stackName).template).toJSON() as { Resources: Record<string, Resource> }).Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const functionId = (fragment: string) => ofType('AWS::Lambda::Function').find(([id]) => id.includes(fragment))![0];
const intakeTableId = () => ofType('AWS::DynamoDB::Table').find(([id]) => id.includes('IntakeTable'))![0];

describe('schedules', () => {
  it('runs the reminders daily and the digest weekly at 13:00 UTC, each named as a job and targeting its function', () => {
    const rules = ofType('AWS::Events::Rule').filter(([, rule]) => rule.Metadata?.[JOB_METADATA_KEY]?.toString().startsWith('expiry'));
    const byJob = Object.fromEntries(rules.map(([, rule]) => [rule.Metadata![JOB_METADATA_KEY], rule.Properties]));
    expect(byJob.expiryReminders).toMatchObject({ ScheduleExpression: 'cron(0 13 * * ? *)', State: 'ENABLED' });
    expect(byJob.expiryDigest).toMatchObject({ ScheduleExpression: 'cron(0 13 ? * MON *)', State: 'ENABLED' });
    expect(JSON.stringify(byJob.expiryReminders.Targets)).toContain(functionId('ExpiryRemindersFn'));
    expect(JSON.stringify(byJob.expiryDigest.Targets)).toContain(functionId('ExpiryDigestFn'));
    // The event reaches the function as EventBridge sends it (its `time` is "today"): no constant input.
    for (const rule of [byJob.expiryReminders, byJob.expiryDigest]) expect(rule.Targets[0].Input).toBeUndefined();
  });
});

describe('alarms', () => {
  it('alarms when a reminder may not have reached the provider (a claimed notice left unconfirmed)', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const unconfirmed = alarms.filter((alarm) => alarm.MetricName === 'ExpiryNoticesUnconfirmed');
    expect(unconfirmed).toHaveLength(1);
    expect(unconfirmed[0]).toMatchObject({ Namespace: 'CredentialingIntake', Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(unconfirmed[0]!.AlarmActions).toHaveLength(1);
  });
});

describe('indexes', () => {
  it('finds documents by next notice date (sharded), by expiration month and by owner, each with the keys the adapters query', () => {
    const indexes = Object.fromEntries((resources[intakeTableId()]!.Properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: { AttributeName: string; KeyType: string }[] }[]).map((index) => [index.IndexName, index.KeySchema.map((key) => `${key.KeyType}:${key.AttributeName}`)]));
    expect(indexes.byNextNotice).toEqual(['HASH:gsiNoticeShard', 'RANGE:nextNoticeDate']);
    expect(indexes.byExpiration).toEqual(['HASH:gsiExpiryMonth', 'RANGE:gsiExpiry']);
    expect(indexes.byOwner).toEqual(['HASH:gsiOwner', 'RANGE:gsiOwnerVersion']);
  });
});

// What each lifecycle function may do is asserted with every other function's exact grants in integrity.test.ts.

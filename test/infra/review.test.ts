/**
 * The review half of the template: its routes behind the authorizer, each function's exact
 * permissions, the review outcome state machine and its retries, the queue index. (cdk-nag runs
 * over the whole stack in stack.test.ts.)
 */
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStack } from '../../infra/stacks.js';

type Resource = { Type: string; Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
let resources: Record<string, Resource>;

beforeAll(() => {
  // Prepare: no bundling, no cdk-nag (stack.test.ts runs it over the same stack).
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = buildStack(app, { nag: false });
  resources = (app.synth().getStackByName(stack.stackName).template as { Resources: Record<string, Resource> }).Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const idOf = (type: string, pattern: RegExp) => {
  const found = ofType(type).filter(([id]) => pattern.test(id));
  expect(found, `one ${type} matching ${pattern}`).toHaveLength(1);
  return found[0]![0];
};

describe('review routes', () => {
  it('puts each review route behind the Cognito authorizer, with its own function', () => {
    const routes = Object.fromEntries(
      ofType('AWS::ApiGateway::Method')
        .filter(([, m]) => m.Properties.HttpMethod !== 'OPTIONS')
        .map(([, m]) => [`${m.Properties.HttpMethod} ${JSON.stringify(m.Properties.ResourceId)}`, m.Properties]),
    );
    const expected: [string, string, RegExp][] = [
      ['GET', '/documents/{documentId}/download-url', /GetDownloadUrlFn/],
      ['POST', '/documents/{documentId}/review', /ReviewDocumentFn/],
      ['POST', '/submissions/{submissionId}/complete-review', /CompleteReviewFn/],
      ['GET', '/review-queue', /ListReviewQueueFn/],
    ];
    const pathOf = (ref: unknown): string => {
      const resource = resources[(ref as { Ref?: string }).Ref ?? ''];
      return resource?.Type === 'AWS::ApiGateway::Resource' ? `${pathOf(resource.Properties.ParentId)}/${resource.Properties.PathPart}` : '';
    };
    for (const [method, path, fn] of expected) {
      const function_ = idOf('AWS::Lambda::Function', new RegExp(`ReviewRoutes${fn.source}Function[0-9A-F]{8}$`));
      const method_ = Object.values(routes).find((m) => m.HttpMethod === method && JSON.stringify(m.Integration.Uri).includes(function_));
      expect(method_, `${method} ${path} → ${fn}`).toMatchObject({ AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: expect.anything() });
      expect(pathOf(method_!.ResourceId)).toBe(path);
    }
  });

  // Each review function's exact grants are asserted with every other function's in integrity.test.ts.

  it('tells complete-review which state machine to start, and only the reconciler besides (an outcome nobody carried out)', () => {
    const env = (pattern: RegExp) => resources[idOf('AWS::Lambda::Function', pattern)]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(JSON.stringify(env(/ReviewRoutesCompleteReviewFnFunction/).REVIEW_OUTCOME_STATE_MACHINE_ARN)).toMatch(/ReviewWorkflowStateMachine/);
    const starters = ofType('AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('states:StartExecution') && JSON.stringify(p.Properties.PolicyDocument).includes('ReviewWorkflowStateMachine'));
    expect(starters.map(([id]) => id).sort()).toEqual([expect.stringMatching(/^ReconcilerReconcilerFn/), expect.stringMatching(/^ReviewRoutesCompleteReviewFn/)]);
  });
});

describe('review outcome workflow', () => {
  it('is a logged, traced Standard state machine: apply decisions → email (failure caught) → audit, each step retried', () => {
    const machine = resources[idOf('AWS::StepFunctions::StateMachine', /ReviewWorkflowStateMachine/)]!;
    expect(machine.Properties).toMatchObject({ StateMachineType: 'STANDARD', TracingConfiguration: { Enabled: true }, LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false } });
    const asl = JSON.parse((machine.Properties.DefinitionString['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? p : 'ARN')).join(''));
    expect(asl.StartAt).toBe('ApplyReviewOutcome');
    expect(asl.States.ApplyReviewOutcome).toMatchObject({ Type: 'Task', Next: 'SendReviewOutcome', ResultPath: '$.applied' });
    expect(asl.States.SendReviewOutcome).toMatchObject({
      Next: 'RecordReviewOutcome',
      ResultPath: '$.email',
      Parameters: { Payload: { 'submissionId.$': '$.submissionId', 'kind.$': '$.applied.value.outcome' } },
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.email', Next: 'RecordReviewOutcome' }],
    });
    expect(asl.States.RecordReviewOutcome).toMatchObject({ End: true, Parameters: { Payload: { 'executionId.$': '$$.Execution.Id', 'email.$': '$.email' } } });
    expect(Object.values(asl.States).map((state) => (state as { Type: string }).Type)).not.toContain('Succeed');
    for (const name of ['ApplyReviewOutcome', 'SendReviewOutcome', 'RecordReviewOutcome']) {
      expect(asl.States[name].Retry).toEqual([
        expect.objectContaining({ ErrorEquals: expect.arrayContaining(['Lambda.ServiceException', 'ThrottlingException', 'States.Timeout']), IntervalSeconds: 2, MaxAttempts: 4, BackoffRate: 2, JitterStrategy: 'FULL' }),
      ]);
    }
  });

  it('raises an alarm when a review outcome execution fails or times out', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([id, alarm]) => [id, alarm.Properties] as const);
    const onReview = alarms.filter(([, props]) => JSON.stringify(props.Dimensions ?? []).includes('ReviewWorkflowStateMachine'));
    expect(onReview.map(([, props]) => props.MetricName).sort()).toEqual(['ExecutionsFailed', 'ExecutionsTimedOut']);
    for (const fn of ['ApplyReviewOutcomeFn', 'SendReviewOutcomeFn', 'RecordReviewOutcomeFn', 'CompleteReviewFn']) {
      expect(alarms.some(([id, props]) => id.includes(`${fn}Errors`) && props.MetricName === 'Errors'), fn).toBe(true);
    }
  });
});

describe('unsent outcomes index', () => {
  it('has a sparse byUnsentOutcome index projecting only what the reconciler reads, so it never filters every decided submission', () => {
    const table = resources[idOf('AWS::DynamoDB::Table', /IntakeTable/)]!;
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      expect.arrayContaining([
        {
          IndexName: 'byUnsentOutcome',
          KeySchema: [
            { AttributeName: 'gsiUnsentOutcome', KeyType: 'HASH' },
            { AttributeName: 'gsiCreated', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['submissionId', 'reviewCompletion'] },
        },
      ]),
    );
  });
});

describe('review queue index', () => {
  it('has a sparse reviewQueue index sorted by submission time, so the queue pages oldest first without Scan', () => {
    const table = resources[idOf('AWS::DynamoDB::Table', /IntakeTable/)]!;
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          IndexName: 'reviewQueue',
          KeySchema: [
            { AttributeName: 'gsiQueue', KeyType: 'HASH' },
            { AttributeName: 'gsiQueueSince', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        }),
      ]),
    );
  });
});

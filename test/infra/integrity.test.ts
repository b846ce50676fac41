/**
 * The integrity guarantees as the template states them (issue 7): who may write the audit
 * trail and its anchors, the write-once anchor bucket, working-copy lifecycles, the workflow's
 * failure path, the reconciler's schedule, alarms that can actually arrive, and exactly the
 * data-plane actions each function is granted. No cdk-nag here (test/infra/stack.test.ts runs it).
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStack } from '../../infra/stacks.js';

let template: Template;
let json: { Resources: Record<string, { Type: string; Properties: Record<string, any> }> }; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = buildStack(app, { nag: false });
  template = Template.fromJSON(app.synth().getStackByName(stack.stackName).template);
  json = template.toJSON() as typeof json;
});

const resourcesOf = (type: string) => Object.entries(json.Resources).filter(([, r]) => r.Type === type);

describe('the audit trail', () => {
  it('makes the audit table append-only: its policy denies every rewrite to everyone, and PutItem to all but the audit writers', () => {
    const [auditId, audit] = resourcesOf('AWS::DynamoDB::Table').find(([id]) => id.includes('AuditTable'))!;
    const [appendOnly, writersOnly] = audit.Properties.ResourcePolicy.PolicyDocument.Statement;
    expect(appendOnly).toEqual({
      Sid: 'AuditIsAppendOnly',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Resource: '*',
      Action: [
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:PartiQLInsert',
        'dynamodb:PartiQLUpdate',
        'dynamodb:PartiQLDelete',
        'dynamodb:UpdateTable',
        'dynamodb:DeleteTable',
        'dynamodb:UpdateTimeToLive',
        'dynamodb:RestoreTableFromBackup',
        'dynamodb:RestoreTableToPointInTime',
      ],
    });
    const writerRoles = (writersOnly.Condition.ArnNotEquals['aws:PrincipalArn'] as { 'Fn::GetAtt': [string, string] }[]).map((arn) => arn['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, ''));
    expect(writersOnly).toMatchObject({ Sid: 'OnlyAuditWritersAppend', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'dynamodb:PutItem' });
    expect(writerRoles.sort()).toEqual(
      [
        'DiscardDraftRouteDiscardSubmissionFnRole',
        'DraftCleanupDiscardAbandonedDraftsFnRole',
        'ExpiryJobsExpiryRemindersFnRole',
        'IntakeRoutesCreateSubmissionFnRole',
        'IntakeRoutesSubmitSubmissionFnRole',
        'IntakeWorkflowMarkProcessingFailedFnRole',
        'IntakeWorkflowRecordAuditFnRole',
        'IntakeWorkflowRecordCredentialsFnRole',
        'ReconcilerReconcilerFnRole',
        'ReviewRoutesCompleteReviewFnRole',
        'ReviewRoutesGetDownloadUrlFnRole',
        'ReviewRoutesReviewDocumentFnRole',
        'ReviewWorkflowApplyReviewOutcomeFnRole',
        'ReviewWorkflowRecordReviewOutcomeFnRole',
      ].sort(),
    );
    // Every role that may put on the audit table is one of those writers.
    const putters = resourcesOf('AWS::IAM::Policy')
      .filter(([, policy]) => (policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).some((s) => JSON.stringify(s.Resource).includes(auditId) && [s.Action].flat().includes('dynamodb:PutItem')))
      .map(([id]) => id.replace(/DefaultPolicy[0-9A-F]{8}$/, ''));
    expect(putters.sort()).toEqual(writerRoles.sort());
  });

  it('anchors audit hashes in a write-once bucket: Object Lock in compliance mode with default retention, versioned, KMS, logged', () => {
    const [anchorId, anchors] = resourcesOf('AWS::S3::Bucket').find(([id]) => id.includes('AuditAnchorBucket'))!;
    expect(anchors.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2555 } } },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { LogFilePrefix: 'audit-anchor-bucket/' },
    });
    // Writers only add anchors; only the audit route reads them; no one is granted delete.
    const anchorActions = resourcesOf('AWS::IAM::Policy')
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((statement) => JSON.stringify(statement.Resource).includes(anchorId))
      .flatMap((statement) => [statement.Action].flat());
    expect(new Set(anchorActions)).toEqual(new Set(['s3:PutObject', 's3:GetObject', 's3:ListBucket']));
  });

  it('expires working copies under staging/ and intake/ as a backstop', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: 'staging/', ExpirationInDays: 1 }), Match.objectLike({ Prefix: 'intake/', ExpirationInDays: 7, NoncurrentVersionExpiration: { NoncurrentDays: 1 } })]),
      },
    });
  });
});

describe('the intake workflow', () => {
  it('snapshots each upload and validates it (once its malware verdict is in) in one task per document, and sends every step that fails past its retries to one failure path', () => {
    const [, machine] = resourcesOf('AWS::StepFunctions::StateMachine')[0]!;
    const asl = JSON.parse((machine.Properties.DefinitionString['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? p : 'ARN')).join(''));
    const items = asl.States.ValidateDocuments.ItemProcessor;
    expect(items.StartAt).toBe('ValidateDocument');
    expect(Object.keys(items.States)).toEqual(['ValidateDocument']);
    for (const name of ['ValidateDocuments', 'AcceptSubmission', 'RejectSubmission', 'RecordCredentials', 'RecordReceived', 'RecordRejected']) {
      expect(asl.States[name].Catch, name).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'MarkProcessingFailed' }]);
    }
    // A failed email is recorded (NOTIFICATION_FAILED) and sent later; it does not fail the attempt.
    expect(asl.States.SendConfirmation.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.email', Next: 'RecordCredentials' }]);
    expect(asl.States.MarkProcessingFailed).toMatchObject({ Next: 'ProcessingFailed', Parameters: { Payload: { 'submissionId.$': '$.submissionId', 'attempt.$': '$.attempt', 'error.$': '$.failure.Error' } } });
    expect(asl.States.ProcessingFailed).toMatchObject({ Type: 'Fail', Error: 'ProcessingFailed' });
  });

  it('runs the reconciler every five minutes, named as a job for the local runtime', () => {
    const [ruleId, rule] = resourcesOf('AWS::Events::Rule').find(([id]) => id.includes('Reconciler'))!;
    expect(rule.Properties).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED', Targets: [{ Arn: { 'Fn::GetAtt': [expect.stringContaining('ReconcilerFn'), 'Arn'] } }] });
    expect((json.Resources[ruleId] as unknown as { Metadata: Record<string, string> }).Metadata).toMatchObject({ 'credentialing:job': 'reconciler' });
  });
});

describe('alarms', () => {
  it('lets CloudWatch use the alarm topic\'s own key, from this account only', () => {
    const [, topic] = resourcesOf('AWS::SNS::Topic')[0]!;
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0] as string;
    expect(keyId).toContain('AlarmTopicKey');
    const key = json.Resources[keyId]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual({
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
  });

  it('subscribes the alarm email only when an address is given', () => {
    const [, subscription] = resourcesOf('AWS::SNS::Subscription')[0]! as unknown as [string, { Condition: string; Properties: Record<string, unknown> }];
    expect(subscription.Properties).toMatchObject({ Protocol: 'email', Endpoint: { Ref: 'AlarmEmailAddress' } });
    expect((template.toJSON().Conditions as Record<string, unknown>)[subscription.Condition]).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmEmailAddress' }, ''] }] });
  });

  it('alarms when an attempt ends PROCESSING_FAILED', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CredentialingIntake',
      MetricName: 'SubmissionsProcessingFailed',
      Dimensions: [{ Name: 'service', Value: 'credentialing-intake' }],
      Statistic: 'Sum',
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmTopic') }],
    });
  });
});

/** A policy resource as a reader names it: `IntakeTable`, `DocumentsBucket/intake/*`, `StateMachine/executions`. */
function resourceName(resource: unknown): string {
  const text = JSON.stringify(resource);
  const named = (id: string) => id.replace(/^Data|^IntakeWorkflow|^Email/, '').replace(/[0-9A-F]{8}$/, '');
  const ids = [...text.matchAll(/"(?:Ref|Fn::GetAtt)":\[?"([A-Za-z0-9]+)"/g)].map((m) => m[1]!).filter((id) => !id.startsWith('AWS::'));
  if (text.includes(':execution:')) return `${ids.length ? named(ids[0]!) : 'StateMachine'}/executions`;
  const suffix = typeof resource === 'object' && resource !== null && 'Fn::Join' in resource ? ((resource as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1].filter((p) => typeof p === 'string' && p.startsWith('/')).join('')) : '';
  return ids.length ? `${named(ids[0]!)}${suffix}` : text;
}

/** `action resource` lines of a function's role, for the services whose grants the use cases decide. */
function grantsOf(functionId: string): string[] {
  const [, policy] = resourcesOf('AWS::IAM::Policy').find(([id]) => id.startsWith(functionId) || id.includes(`${functionId}Role`))!;
  return (policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
    .flatMap((statement) => [statement.Action].flat().flatMap((action) => [statement.Resource].flat().map((resource) => `${action} ${resourceName(resource)}`)))
    .filter((grant) => /^(dynamodb|s3|states|ses):/.test(grant))
    .sort();
}

/** The constructs that own service functions (a function's logical id starts with its construct's). */
const CONSTRUCTS = 'IntakeRoutes|IntakeWorkflow|Reconciler|MalwareProtection|CredentialRoutes|DiscardDraftRoute|DraftCleanup|ExpiryJobs|ReviewRoutes|ReviewWorkflow|ProviderDirectory';

describe('grants', () => {
  // Each function gets exactly the DynamoDB, S3, Step Functions and SES actions its use case calls.
  const expected: Record<string, string[]> = {
    GetDocumentTypesFn: [],
    CreateSubmissionFn: [
      'dynamodb:BatchWriteItem IntakeTable',
      'dynamodb:PutItem AuditTable',
      'dynamodb:PutItem IntakeTable',
      'dynamodb:Query AuditTable',
      'dynamodb:Query IntakeTable',
      'dynamodb:Query IntakeTable/index/byDocument',
      'dynamodb:Query IntakeTable/index/byOwner',
      's3:PutObject AuditAnchorBucket/*',
      's3:PutObject DocumentsBucket/staging/*',
    ],
    ListSubmissionsFn: ['dynamodb:Query IntakeTable/index/allSubmissions', 'dynamodb:Query IntakeTable/index/byProvider', 'dynamodb:Query IntakeTable/index/byStatus'],
    GetSubmissionFn: ['dynamodb:Query IntakeTable'],
    GetSubmissionByReferenceFn: ['dynamodb:Query IntakeTable', 'dynamodb:Query IntakeTable/index/byReference'],
    SubmitSubmissionFn: [
      'dynamodb:PutItem AuditTable',
      'dynamodb:Query AuditTable',
      'dynamodb:Query IntakeTable',
      'dynamodb:UpdateItem IntakeTable',
      's3:PutObject AuditAnchorBucket/*',
      'states:DescribeExecution StateMachine/executions',
      'states:StartExecution StateMachine',
    ],
    GetSubmissionAuditFn: ['dynamodb:Query AuditTable', 'dynamodb:Query IntakeTable', 's3:GetObject AuditAnchorBucket/*', 's3:ListBucket AuditAnchorBucket'],
    // Snapshots staging/ to intake/ (ListBucket on staging/ only, so a missing upload is a 404), then, as the scanning
    // function, reads the verdict tag of the snapshot's version before reading it; with the builtin engine (local only)
    // a conditional policy adds tagging (malware-protection.test.ts).
    ValidateDocumentFn: [
      'dynamodb:Query IntakeTable',
      'dynamodb:UpdateItem IntakeTable',
      's3:GetObject DocumentsBucket/intake/*',
      's3:GetObject DocumentsBucket/staging/*',
      's3:GetObjectTagging DocumentsBucket/intake/*',
      's3:GetObjectVersion DocumentsBucket/intake/*',
      's3:GetObjectVersionTagging DocumentsBucket/intake/*',
      's3:ListBucket DocumentsBucket',
      's3:PutObject DocumentsBucket/intake/*',
    ],
    // Reads the stored file, writes its result on the document item (UpdateItem, conditional in code).
    CrossCheckDocumentFn: ['dynamodb:Query IntakeTable', 'dynamodb:UpdateItem IntakeTable', 's3:GetObject DocumentsBucket/documents/*'],
    AcceptSubmissionFn: [
      'dynamodb:PutItem IntakeTable',
      'dynamodb:Query IntakeTable',
      'dynamodb:UpdateItem IntakeTable',
      's3:DeleteObject DocumentsBucket/intake/*',
      's3:DeleteObject DocumentsBucket/staging/*',
      's3:GetObject DocumentsBucket/intake/*',
      's3:GetObjectVersion DocumentsBucket/intake/*',
      's3:PutObject DocumentsBucket/documents/*',
    ],
    RejectSubmissionFn: ['dynamodb:Query IntakeTable', 'dynamodb:UpdateItem IntakeTable'],
    NotifyProviderFn: ['dynamodb:Query IntakeTable', 'dynamodb:UpdateItem IntakeTable', 'ses:SendEmail ConfigurationSet', 'ses:SendEmail SenderIdentity'],
    RecordAuditFn: ['dynamodb:PutItem AuditTable', 'dynamodb:Query AuditTable', 'dynamodb:Query IntakeTable', 'dynamodb:UpdateItem IntakeTable', 's3:PutObject AuditAnchorBucket/*'],
    MarkProcessingFailedFn: ['dynamodb:PutItem AuditTable', 'dynamodb:Query AuditTable', 'dynamodb:Query IntakeTable', 'dynamodb:UpdateItem IntakeTable', 's3:PutObject AuditAnchorBucket/*'],
    RecordCredentialsFn: [
      'dynamodb:PutItem AuditTable',
      'dynamodb:Query AuditTable',
      'dynamodb:Query IntakeTable',
      'dynamodb:Query IntakeTable/index/byDocument',
      'dynamodb:Query IntakeTable/index/byOwner',
      'dynamodb:UpdateItem IntakeTable',
      's3:PutObject AuditAnchorBucket/*',
    ],
    GetCredentialsFn: ['dynamodb:Query IntakeTable', 'dynamodb:Query IntakeTable/index/byOwner'],
    GetDocumentHistoryFn: [
      'dynamodb:Query IntakeTable',
      'dynamodb:Query IntakeTable/index/byDocument',
      'dynamodb:Query IntakeTable/index/byOwner',
    ],
    ListExpiringDocumentsFn: ['dynamodb:Query IntakeTable/index/byExpiration'],
    // The directory's page (a sparse index of profiles), then each listed provider's documents: no table read, no write.
    ListProvidersFn: ['dynamodb:Query IntakeTable/index/byDirectoryName', 'dynamodb:Query IntakeTable/index/byOwner'],
    // Reads the staff list of submissions, writes each provider's profile (set-if-newer).
    FillProviderDirectoryFn: ['dynamodb:Query IntakeTable/index/allSubmissions', 'dynamodb:UpdateItem IntakeTable'],
    RenewUploadLinksFn: ['dynamodb:Query IntakeTable', 's3:ListBucket DocumentsBucket', 's3:PutObject DocumentsBucket/staging/*'],
    DiscardSubmissionFn: [
      'dynamodb:PutItem AuditTable',
      'dynamodb:Query AuditTable',
      'dynamodb:Query IntakeTable',
      'dynamodb:UpdateItem IntakeTable',
      's3:PutObject AuditAnchorBucket/*',
    ],
    DiscardAbandonedDraftsFn: [
      'dynamodb:PutItem AuditTable',
      'dynamodb:Query AuditTable',
      'dynamodb:Query IntakeTable/index/byStatus',
      'dynamodb:UpdateItem IntakeTable',
      's3:PutObject AuditAnchorBucket/*',
    ],
    ExpiryDigestFn: [
      'dynamodb:PutItem IntakeTable',
      'dynamodb:Query IntakeTable/index/byExpiration',
      'dynamodb:Query IntakeTable/index/reviewQueue',
      'dynamodb:UpdateItem IntakeTable',
      'ses:SendEmail ConfigurationSet',
      'ses:SendEmail SenderIdentity',
    ],
    ExpiryRemindersFn: [
      'dynamodb:PutItem AuditTable',
      'dynamodb:Query AuditTable',
      'dynamodb:Query IntakeTable/index/byNextNotice',
      'dynamodb:UpdateItem IntakeTable',
      's3:PutObject AuditAnchorBucket/*',
      'ses:SendEmail ConfigurationSet',
      'ses:SendEmail SenderIdentity',
    ],
    CompleteReviewFn: [
      'dynamodb:PutItem AuditTable',
      'dynamodb:Query AuditTable',
      'dynamodb:Query IntakeTable',
      'dynamodb:UpdateItem IntakeTable',
      's3:PutObject AuditAnchorBucket/*',
      'states:StartExecution ReviewWorkflowStateMachine',
    ],
    GetDownloadUrlFn: [
      'dynamodb:PutItem AuditTable',
      'dynamodb:Query AuditTable',
      'dynamodb:Query IntakeTable',
      'dynamodb:Query IntakeTable/index/byDocument',
      's3:GetObject DocumentsBucket/documents/*',
      's3:PutObject AuditAnchorBucket/*',
    ],
    ListReviewQueueFn: ['dynamodb:Query IntakeTable/index/reviewQueue'],
    ReviewDocumentFn: [
      'dynamodb:PutItem AuditTable',
      'dynamodb:Query AuditTable',
      'dynamodb:Query IntakeTable',
      'dynamodb:Query IntakeTable/index/byDocument',
      'dynamodb:UpdateItem IntakeTable',
      's3:PutObject AuditAnchorBucket/*',
    ],
    ApplyReviewOutcomeFn: [
      'dynamodb:PutItem AuditTable',
      'dynamodb:Query AuditTable',
      'dynamodb:Query IntakeTable',
      'dynamodb:Query IntakeTable/index/byDocument',
      'dynamodb:Query IntakeTable/index/byOwner',
      'dynamodb:UpdateItem IntakeTable',
      's3:PutObject AuditAnchorBucket/*',
    ],
    RecordReviewOutcomeFn: [
      'dynamodb:PutItem AuditTable',
      'dynamodb:Query AuditTable',
      'dynamodb:Query IntakeTable',
      'dynamodb:UpdateItem IntakeTable',
      's3:PutObject AuditAnchorBucket/*',
    ],
    SendReviewOutcomeFn: [
      'dynamodb:Query IntakeTable',
      'dynamodb:UpdateItem IntakeTable',
      'ses:SendEmail ConfigurationSet',
      'ses:SendEmail SenderIdentity',
    ],
    ReconcilerFn: [
      'dynamodb:PutItem AuditTable',
      'dynamodb:Query AuditTable',
      'dynamodb:Query IntakeTable',
      'dynamodb:Query IntakeTable/index/byUnfinished',
      'dynamodb:Query IntakeTable/index/byUnsentOutcome',
      'dynamodb:UpdateItem IntakeTable',
      's3:PutObject AuditAnchorBucket/*',
      'states:DescribeExecution ReviewWorkflowStateMachine/executions',
      'states:DescribeExecution StateMachine/executions',
      'states:StartExecution ReviewWorkflowStateMachine',
      'states:StartExecution StateMachine',
    ],
  };

  it('covers every function of the service', () => {
    const functions = resourcesOf('AWS::Lambda::Function')
      .filter(([, fn]) => fn.Properties.TracingConfig)
      .map(([id]) => id.match(/([A-Za-z]+Fn)Function/)![1]!.replace(new RegExp(`^(${CONSTRUCTS})`), ''));
    expect(functions.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s gets exactly its actions', (functionId, grants) => {
    const policy = resourcesOf('AWS::IAM::Policy').find(([id]) => new RegExp(`(${CONSTRUCTS})${functionId}Role`).test(id));
    expect(policy ? grantsOf(policy[0]) : []).toEqual(grants);
  });
});

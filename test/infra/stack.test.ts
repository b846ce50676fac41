/**
 * Fine-grained assertions on the synthesized template (no snapshot): the properties a security
 * reviewer and an operator rely on. cdk-nag runs as a validation plugin: synthesis itself fails
 * on any unacknowledged AwsSolutions or HIPAA.Security finding.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStack } from '../../infra/stacks.js';

let template: Template;
let json: { Resources: Record<string, { Type: string; Properties: Record<string, any> }> }; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(() => {
  // Prepare: a stand-in portal build, no bundling (no Docker, no esbuild run), cdk-nag on.
  const portal = mkdtempSync(path.join(tmpdir(), 'portal-'));
  writeFileSync(path.join(portal, 'index.html'), '<!doctype html><title>portal</title>');
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = buildStack(app, { portalAssetPath: portal, nag: true });
  // Act: synthesis throws if cdk-nag reports any unacknowledged finding.
  const assembly = app.synth();
  template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
  json = template.toJSON() as typeof json;
});

const resourcesOf = (type: string) => Object.entries(json.Resources).filter(([, r]) => r.Type === type);

describe('data at rest', () => {
  it('encrypts the documents bucket with the KMS key, blocks public access, versions it and expires staging/', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() }, BucketKeyEnabled: true }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'documents-bucket/' }),
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Prefix: 'staging/', ExpirationInDays: 1, Status: 'Enabled' })]) },
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ['POST'] })] },
    });
  });

  it('denies every non-TLS request to every bucket', () => {
    const policies = resourcesOf('AWS::S3::BucketPolicy');
    expect(policies.length).toBe(resourcesOf('AWS::S3::Bucket').length);
    for (const [, policy] of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }
  });

  it('keeps both tables encrypted with the key, with PITR, deletion protection and on-demand billing', () => {
    const tables = resourcesOf('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(2);
    for (const [, table] of tables) {
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: expect.anything() },
      });
    }
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([Match.objectLike({ IndexName: 'byProvider' }), Match.objectLike({ IndexName: 'byReference' })]),
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('projects only the submission id into the indexes read for it, whole items into the listing ones', () => {
    const [, intake] = resourcesOf('AWS::DynamoDB::Table').find(([id]) => id.includes('IntakeTable'))!;
    const projections = Object.fromEntries(
      (intake.Properties.GlobalSecondaryIndexes as { IndexName: string; Projection: { ProjectionType: string; NonKeyAttributes?: string[] } }[]).map((index) => [
        index.IndexName,
        [index.Projection.ProjectionType, ...(index.Projection.NonKeyAttributes ?? [])].join(' '),
      ]),
    );

    expect(projections).toEqual({
      byProvider: 'ALL',
      byStatus: 'ALL',
      allSubmissions: 'ALL',
      byReference: 'INCLUDE submissionId',
      byDocument: 'INCLUDE submissionId',
      reviewQueue: 'ALL',
      byOwner: 'ALL',
      byNextNotice: 'ALL',
      byExpiration: 'ALL',
      byUnfinished: 'INCLUDE submissionId',
      byUnsentOutcome: 'INCLUDE submissionId reviewCompletion',
      byDirectoryName: 'INCLUDE providerId name email lastSubmittedAt searchText',
    });
  });

  it('lets only the intake table expire items, by the attribute only client-token claims carry; the audit table never', () => {
    const ttl = Object.fromEntries(resourcesOf('AWS::DynamoDB::Table').map(([id, table]) => [id.replace(/[0-9A-F]{8}$/, ''), table.Properties.TimeToLiveSpecification ?? null]));

    expect(ttl).toEqual({ DataIntakeTable: { AttributeName: 'expiresAtEpochSeconds', Enabled: true }, DataAuditTable: null });
  });
});

describe('functions', () => {
  it('runs every service function on nodejs22.x with tracing and its own encrypted log group', () => {
    const functions = resourcesOf('AWS::Lambda::Function').filter(([, f]) => f.Properties.Runtime?.startsWith('nodejs') && f.Properties.TracingConfig);
    expect(functions.length).toBe(33);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, LoggingConfig: { LogGroup: expect.anything(), LogFormat: 'JSON' } });
    }
    for (const [, group] of resourcesOf('AWS::Logs::LogGroup')) expect(group.Properties).toMatchObject({ KmsKeyId: expect.anything(), RetentionInDays: expect.any(Number) });
  });

  it('grants no "*" resource to a function except for actions AWS defines without resources (X-Ray)', () => {
    for (const [id, policy] of resourcesOf('AWS::IAM::Policy')) {
      if (!id.includes('Fn')) continue;
      for (const statement of policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]) {
        if ([statement.Resource].flat().includes('*')) expect([statement.Action].flat().every((a) => a.startsWith('xray:')), `${id}: ${JSON.stringify(statement)}`).toBe(true);
      }
    }
  });

  it('scopes document access by prefix: uploads and validation to staging/, permanent writes to documents/ only from the accept step, reads of documents/ only for download URLs and the cross-check', () => {
    const s3Statements = (fnId: string) =>
      resourcesOf('AWS::IAM::Policy')
        .filter(([id]) => id.includes(fnId))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    const touching = (action: string) =>
      resourcesOf('AWS::IAM::Policy')
        .filter(([, p]) => (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).some((st) => [st.Action].flat().includes(action) && JSON.stringify(st.Resource).includes('/documents/*')))
        .map(([id]) => id);
    expect(touching('s3:PutObject')).toEqual([expect.stringMatching(/AcceptSubmissionFn/)]);
    expect(touching('s3:GetObject')).toEqual([expect.stringMatching(/CrossCheckDocumentFn/), expect.stringMatching(/GetDownloadUrlFn/)]);
    expect(JSON.stringify(s3Statements('CreateSubmissionFn'))).toContain('/staging/*');
    expect(JSON.stringify(s3Statements('CreateSubmissionFn'))).not.toContain('/documents/*');
    expect(s3Statements('GetSubmissionFn')).toEqual([]);
  });
});

describe('API', () => {
  it('puts the Cognito authorizer on every route except CORS preflights', () => {
    const methods = resourcesOf('AWS::ApiGateway::Method');
    const routes = methods.filter(([, m]) => m.Properties.HttpMethod !== 'OPTIONS');
    expect(routes.length).toBe(18);
    for (const [, method] of routes) expect(method.Properties).toMatchObject({ AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: expect.anything() });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS', IdentitySource: 'method.request.header.Authorization' });
  });

  it('logs access, throttles, never logs bodies, and answers gateway errors in the contract shape', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
      TracingEnabled: true,
      MethodSettings: [Match.objectLike({ DataTraceEnabled: false, ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 })],
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseTemplates: { 'application/json': JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' } }) },
    });
  });
});

/** A function's IAM statements as readable lines: `actions -> resources` (logical ids with their suffix dropped). */
function grantsOf(fnId: string): string[] {
  const name = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const getAtt = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
    if (getAtt) return getAtt[0].replace(/[0-9A-F]{8}$/, '');
    const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    if (join) return join[1].map(name).join(join[0]);
    return JSON.stringify(value);
  };
  const policies = resourcesOf('AWS::IAM::Policy').filter(([id]) => id.includes(fnId));
  expect(policies).toHaveLength(1);
  const statements = policies[0]![1].Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[];
  return statements.map((s) => `${[s.Action].flat().join(',')} -> ${[s.Resource].flat().map(name).join(',')}${s.Condition ? ` if ${JSON.stringify(s.Condition)}` : ''}`);
}

describe('provider directory', () => {
  it('fills the directory weekly: an EventBridge rule, named as the providerDirectory job, invoking only its function, which reads allSubmissions and writes profiles only', () => {
    const rules = resourcesOf('AWS::Events::Rule').filter(([id]) => id.startsWith('ProviderDirectory'));
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0]! as [string, { Properties: Record<string, any>; Metadata?: Record<string, unknown> }]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(rule.Properties).toMatchObject({ ScheduleExpression: 'cron(0 6 ? * SUN *)', State: 'ENABLED' });
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': [expect.stringMatching(/^ProviderDirectoryFillProviderDirectoryFnFunction/), 'Arn'] } })]);
    expect(rule.Metadata).toMatchObject({ 'credentialing:job': 'providerDirectory' });
    const invokers = resourcesOf('AWS::Lambda::Permission').filter(([, p]) => JSON.stringify(p.Properties.FunctionName).includes('FillProviderDirectoryFn'));
    expect(invokers.map(([, p]) => [p.Properties.Principal, p.Properties.SourceArn])).toEqual([['events.amazonaws.com', { 'Fn::GetAtt': [ruleId, 'Arn'] }]]);
    expect(grantsOf('FillProviderDirectoryFn')).toEqual([
      'logs:CreateLogStream,logs:PutLogEvents -> ProviderDirectoryFillProviderDirectoryFnLogs',
      'xray:PutTraceSegments,xray:PutTelemetryRecords -> *',
      'dynamodb:Query -> DataIntakeTable/index/allSubmissions',
      'kms:Decrypt -> DataDataKey',
      'dynamodb:UpdateItem -> DataIntakeTable',
      'kms:Decrypt,kms:Encrypt,kms:GenerateDataKey -> DataDataKey',
    ]);
  });

  it('serves GET /providers from a function that may only Query the directory index and byOwner', () => {
    const methods = resourcesOf('AWS::ApiGateway::Method').filter(([, m]) => m.Properties.HttpMethod === 'GET' && JSON.stringify(m.Properties.Integration).includes('ListProvidersFn'));
    expect(methods).toHaveLength(1);
    expect(methods[0]![1].Properties).toMatchObject({ AuthorizationType: 'COGNITO_USER_POOLS' });
    expect(grantsOf('ListProvidersFn')).toEqual([
      'logs:CreateLogStream,logs:PutLogEvents -> CredentialRoutesListProvidersFnLogs',
      'xray:PutTraceSegments,xray:PutTelemetryRecords -> *',
      'dynamodb:Query -> DataIntakeTable/index/byDirectoryName,DataIntakeTable/index/byOwner',
      'kms:Decrypt -> DataDataKey',
    ]);
  });
});

describe('drafts', () => {
  it('discards abandoned drafts hourly: an EventBridge rule, named as the draftCleanup job, invoking only the clean-up function', () => {
    const rules = resourcesOf('AWS::Events::Rule').filter(([id]) => id.startsWith('DraftCleanup'));
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0]! as [string, { Properties: Record<string, any>; Metadata?: Record<string, unknown> }]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(rule.Properties).toMatchObject({ ScheduleExpression: 'rate(1 hour)', State: 'ENABLED' });
    expect(rule.Properties.Targets).toEqual([
      expect.objectContaining({ Arn: { 'Fn::GetAtt': [expect.stringMatching(/^DraftCleanupDiscardAbandonedDraftsFnFunction/), 'Arn'] }, RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 } }),
    ]);
    expect(rule.Metadata).toMatchObject({ 'credentialing:job': 'draftCleanup' });
    const invokers = resourcesOf('AWS::Lambda::Permission').filter(([, p]) => JSON.stringify(p.Properties.FunctionName).includes('DiscardAbandonedDraftsFn'));
    expect(invokers.map(([, p]) => [p.Properties.Principal, p.Properties.SourceArn])).toEqual([['events.amazonaws.com', { 'Fn::GetAtt': [ruleId, 'Arn'] }]]);
  });

  it('grants the clean-up function exactly: Query on the byStatus index, UpdateItem on the intake table, append to the audit trail', () => {
    expect(grantsOf('DiscardAbandonedDraftsFn')).toEqual([
      'logs:CreateLogStream,logs:PutLogEvents -> DraftCleanupDiscardAbandonedDraftsFnLogs',
      'xray:PutTraceSegments,xray:PutTelemetryRecords -> *',
      'dynamodb:Query -> DataIntakeTable/index/byStatus',
      'kms:Decrypt -> DataDataKey',
      'dynamodb:UpdateItem -> DataIntakeTable',
      'kms:Decrypt,kms:Encrypt,kms:GenerateDataKey -> DataDataKey',
      'dynamodb:PutItem,dynamodb:Query -> DataAuditTable',
      's3:PutObject -> DataAuditAnchorBucket/*',
    ]);
  });

  it('lets a provider discard her draft through POST /submissions/{submissionId}/discard, a function that can change a status but never create or delete', () => {
    const discard = resourcesOf('AWS::ApiGateway::Method').filter(([, m]) => m.Properties.HttpMethod === 'POST' && JSON.stringify(m.Properties.Integration).includes('DiscardSubmissionFn'));
    expect(discard).toHaveLength(1);
    const resource = resourcesOf('AWS::ApiGateway::Resource').find(([id]) => id === discard[0]![1].Properties.ResourceId.Ref)!;
    expect(resource[1].Properties.PathPart).toBe('discard');
    expect(grantsOf('DiscardSubmissionFn')).toEqual([
      'logs:CreateLogStream,logs:PutLogEvents -> DiscardDraftRouteDiscardSubmissionFnLogs',
      'xray:PutTraceSegments,xray:PutTelemetryRecords -> *',
      'dynamodb:Query,dynamodb:UpdateItem -> DataIntakeTable',
      'kms:Decrypt,kms:Encrypt,kms:GenerateDataKey -> DataDataKey',
      'dynamodb:PutItem,dynamodb:Query -> DataAuditTable',
      's3:PutObject -> DataAuditAnchorBucket/*',
    ]);
  });
});

describe('upload links', () => {
  it('renews a draft\'s upload links through POST /submissions/{submissionId}/upload-links, a function that reads the draft, lists what arrived under staging/ and signs staging uploads only', () => {
    const renew = resourcesOf('AWS::ApiGateway::Method').filter(([, m]) => m.Properties.HttpMethod === 'POST' && JSON.stringify(m.Properties.Integration).includes('RenewUploadLinksFn'));
    expect(renew).toHaveLength(1);
    const resource = resourcesOf('AWS::ApiGateway::Resource').find(([id]) => id === renew[0]![1].Properties.ResourceId.Ref)!;
    expect(resource[1].Properties.PathPart).toBe('upload-links');
    expect(grantsOf('RenewUploadLinksFn')).toEqual([
      'logs:CreateLogStream,logs:PutLogEvents -> IntakeRoutesRenewUploadLinksFnLogs',
      'xray:PutTraceSegments,xray:PutTelemetryRecords -> *',
      'dynamodb:Query -> DataIntakeTable',
      'kms:Decrypt -> DataDataKey',
      's3:PutObject -> DataDocumentsBucket/staging/*',
      'kms:GenerateDataKey,kms:Encrypt -> DataDataKey',
      // Which files arrived: keys and sizes under staging/ only, none of their bytes.
      's3:ListBucket -> DataDocumentsBucket if {"StringLike":{"s3:prefix":["staging/*"]}}',
    ]);
  });
});

describe('workflow', () => {
  it('is a logged, traced Standard state machine: Map(ValidateDocument: snapshot, scan, validate) → Choice → accept/reject → email → audit, with retries', () => {
    const [, machine] = resourcesOf('AWS::StepFunctions::StateMachine')[0]!;
    expect(machine.Properties).toMatchObject({ StateMachineType: 'STANDARD', TracingConfiguration: { Enabled: true }, LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false } });
    const asl = JSON.parse((machine.Properties.DefinitionString['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? p : 'ARN')).join(''));
    expect(asl.StartAt).toBe('ValidateDocuments');
    expect(asl.States.ValidateDocuments).toMatchObject({ Type: 'Map', ItemsPath: '$.documentIds', Next: 'AllDocumentsValid' });
    expect(Object.keys(asl.States.ValidateDocuments.ItemProcessor.States)).toEqual(['ValidateDocument']);
    expect(asl.States.AllDocumentsValid).toMatchObject({ Type: 'Choice', Choices: [{ Variable: '$.validation.anyInvalid', BooleanEquals: false, Next: 'AcceptSubmission' }], Default: 'RejectSubmission' });
    expect([asl.States.AcceptSubmission.Next, asl.States.SendConfirmation.Next, asl.States.RecordCredentials.Next, asl.States.CrossCheckDocuments.Next]).toEqual([
      'SendConfirmation',
      'RecordCredentials',
      'CrossCheckDocuments',
      'RecordReceived',
    ]);
    expect([asl.States.RejectSubmission.Next, asl.States.SendRejectionNotice.Next]).toEqual(['SendRejectionNotice', 'RecordRejected']);
    // Each branch ends on its last task: no Succeed state, no transition that does nothing.
    expect([asl.States.RecordReceived.End, asl.States.RecordRejected.End]).toEqual([true, true]);
    expect(Object.values(asl.States).map((state) => (state as { Type: string }).Type)).not.toContain('Succeed');
    for (const name of ['AcceptSubmission', 'SendConfirmation', 'RecordCredentials', 'RecordReceived', 'RejectSubmission', 'MarkProcessingFailed']) {
      expect(asl.States[name].Retry).toEqual([expect.objectContaining({ ErrorEquals: expect.arrayContaining(['Lambda.ServiceException', 'ThrottlingException', 'TransientFailure']), BackoffRate: 2, MaxAttempts: 4 })]);
    }
  });
});

describe('identity and email', () => {
  it('has the two Cognito groups, no self sign-up, and the sender address as a parameter', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'providers' });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'credentialing-staff' });
    template.hasResourceProperties('AWS::Cognito::UserPool', { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    template.hasParameter('SenderEmailAddress', { Type: 'String' });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: { Ref: 'SenderEmailAddress' } });
  });

  it('makes the user pool with the contract password policy, optional authenticator-app two-step sign-in, and its own invitation and code emails', () => {
    const [, pool] = resourcesOf('AWS::Cognito::UserPool')[0]!;
    expect(pool.Properties.Policies.PasswordPolicy).toEqual({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 3 });
    expect([pool.Properties.MfaConfiguration, pool.Properties.EnabledMfas]).toEqual(['OPTIONAL', ['SOFTWARE_TOKEN_MFA']]);
    // Cognito fills {username} and {####}; the invitation names the portal's address (CloudFront's domain).
    const invitation = JSON.stringify(pool.Properties.AdminCreateUserConfig.InviteMessageTemplate);
    for (const part of ['{username}', '{####}', 'Temporary password', 'PortalDistribution']) expect(invitation).toContain(part);
    expect(pool.Properties.VerificationMessageTemplate.DefaultEmailOption).toBe('CONFIRM_WITH_CODE');
    expect(JSON.stringify(pool.Properties.VerificationMessageTemplate.EmailMessage)).toContain('{####}');
  });

  it('lets no user rewrite her own name or email address with her own token (UpdateUserAttributes): only the office sets them', () => {
    // Assess: the ID token's name is what emails greet, the queue lists and the cross-check looks for
    // in her documents; its email is where every email goes. Cognito ignores an empty WriteAttributes
    // list (every attribute stays writable), so the list must hold something, and none of those.
    const clients = resourcesOf('AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    const writable = clients[0]![1].Properties.WriteAttributes as string[] | undefined;
    expect(writable?.length).toBeGreaterThan(0);
    for (const attribute of ['email', 'given_name', 'family_name', 'name', 'middle_name', 'nickname', 'preferred_username']) expect(writable).not.toContain(attribute);
  });

  it('ends the API access of a removed or disabled user within 15 minutes: short ID and access tokens, revocable refresh tokens', () => {
    // Assess: API Gateway's Cognito authorizer checks a token's signature and expiry only, so a token
    // outlives its user by up to its validity; the portal refreshes a minute before expiry.
    const clients = resourcesOf('AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    expect(clients[0]![1].Properties).toMatchObject({ IdTokenValidity: 15, AccessTokenValidity: 15, TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes' }, EnableTokenRevocation: true });
  });

  it('signs in through the portal only: no OAuth flow, callback or scope on the app client (there is no hosted sign-in page)', () => {
    // Assess: CDK's defaults would allow the implicit and code grants back to https://example.com.
    const clients = resourcesOf('AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    const client = clients[0]![1].Properties;
    for (const oauth of ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs', 'LogoutURLs']) expect({ [oauth]: client[oauth] }).toEqual({ [oauth]: undefined });
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(false);
  });

  it('takes the office\'s name and contact details as parameters whose defaults satisfy their own patterns', () => {
    const parameters = template.toJSON().Parameters as Record<string, { Type: string; Default: string; AllowedPattern: string; Description: string }>;
    for (const [name, value] of Object.entries({
      OrganizationName: 'Riverside Medical Group',
      OfficeName: 'Credentialing Office',
      ContactEmailAddress: 'credentialing@example.org',
      ContactPhoneNumber: '+1 (555) 010-0123',
    })) {
      const parameter = parameters[name]!;
      expect(parameter).toMatchObject({ Type: 'String', Default: value, Description: expect.any(String) });
      expect(new RegExp(parameter.AllowedPattern, 'u').test(parameter.Default), name).toBe(true);
    }
    expect(new RegExp(parameters.ContactEmailAddress!.AllowedPattern, 'u').test('not an address')).toBe(false);
    expect(new RegExp(parameters.ContactPhoneNumber!.AllowedPattern, 'u').test('call us')).toBe(false);
    expect(new RegExp(parameters.OrganizationName!.AllowedPattern, 'u').test('<b>Clinic</b>')).toBe(false);
  });

  it('gives every function that sends email the office\'s details and may only SendEmail from the sender identity', () => {
    const senders = resourcesOf('AWS::Lambda::Function').filter(([, fn]) => fn.Properties.Environment?.Variables?.SENDER_ADDRESS);
    expect(senders.length).toBeGreaterThan(0);
    for (const [, fn] of senders) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        ORGANIZATION_NAME: { Ref: 'OrganizationName' },
        OFFICE_NAME: { Ref: 'OfficeName' },
        CONTACT_EMAIL_ADDRESS: { Ref: 'ContactEmailAddress' },
        CONTACT_PHONE_NUMBER: { Ref: 'ContactPhoneNumber' },
        PORTAL_URL: expect.anything(),
      });
    }
    const sesStatements = resourcesOf('AWS::IAM::Policy').flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement).filter((statement) => JSON.stringify(statement.Action).includes('ses:'));
    expect(sesStatements.map((statement) => statement.Action)).toEqual(senders.map(() => 'ses:SendEmail'));
  });

  it('writes the same details into the portal\'s config.json', () => {
    const [, deployment] = resourcesOf('Custom::CDKBucketDeployment').find(([, r]) => (JSON.stringify(r.Properties.SourceMarkers) ?? '').includes('OrganizationName'))!;
    const markers = JSON.stringify(deployment.Properties.SourceMarkers);
    for (const name of ['OrganizationName', 'OfficeName', 'ContactEmailAddress', 'ContactPhoneNumber']) expect(markers).toContain(`{"Ref":"${name}"}`);
  });

  it('keeps the earlier builds\' hashed files, so a page opened before a deploy still loads its chunks', () => {
    const deployments = resourcesOf('Custom::CDKBucketDeployment');
    expect(deployments.map(([, r]) => r.Properties.Prune)).toEqual(deployments.map(() => false));
    // assets/ (content-hashed names): cached for a year, uploaded before the index that names them.
    const [assetsId, assets] = deployments.find(([, r]) => JSON.stringify(r.Properties.Include) === '["assets/*"]')!;
    expect(assets.Properties).toMatchObject({ Exclude: ['*'], SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(assets.Properties.DistributionId).toBeUndefined();
    // Everything else (index.html, config.json, licences): revalidated at each visit, CloudFront invalidated.
    const [, pages] = deployments.find(([id]) => id !== assetsId)!;
    expect(pages.Properties).toMatchObject({ Exclude: ['assets/*'], SystemMetadata: { 'cache-control': 'no-cache' }, DistributionId: expect.anything() });
    expect(JSON.stringify(pages.Properties.SourceMarkers)).toContain('OrganizationName');
    expect((json.Resources as Record<string, { DependsOn?: string[] }>)[deployments.find(([id]) => id !== assetsId)![0]]!.DependsOn).toContain(assetsId);
  });

  it('serves the portal through CloudFront with origin access control, HTTPS only and a CSP', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }), Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })] }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({ SecurityHeadersConfig: Match.objectLike({ ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.anyValue() }) }) }),
    });
    const [, headers] = resourcesOf('AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    const csp = headers.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
    const text = typeof csp === 'string' ? csp : (csp['Fn::Join'][1] as unknown[]).map((part) => (typeof part === 'string' ? part : `{${Object.values(part as object)[0]}}`)).join('');
    expect(text).toContain("default-src 'self'");
    // Previews: document URLs are virtual-hosted S3 URLs of the stack's region, framed (PDF) or shown as images.
    expect(text).toContain('frame-src https://*.s3.{AWS::Region}.{AWS::URLSuffix}');
    expect(text).toContain("img-src 'self' data: https://*.s3.{AWS::Region}.{AWS::URLSuffix}");
  });
});

describe('synthesis for a real account and region', () => {
  it('passes cdk-nag when the environment is concrete, as `cdk deploy` synthesizes it', () => {
    // Prepare
    const portal = mkdtempSync(path.join(tmpdir(), 'portal-'));
    writeFileSync(path.join(portal, 'index.html'), '<!doctype html><title>portal</title>');
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = buildStack(app, { portalAssetPath: portal, nag: true, env: { account: '123456789012', region: 'eu-west-1' } });
    // Act
    const synthesized = Template.fromJSON(app.synth().getStackByName(stack.stackName).template);
    // Assess
    synthesized.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: { Ref: 'SenderEmailAddress' } });
    expect(stack.region).toBe('eu-west-1');
  });
});

/**
 * The stateless service: sign-in, the API and its functions, the intake workflow, email, alarms,
 * and the portal's files. Replaceable at any time; all data lives in the stateful stack.
 */
import { CfnOutput, CfnParameter, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { PROVIDER_GROUP, STAFF_GROUP } from '../src/domain/caller.js';
import type { Branding } from '../src/emails/types.js';
import { IntakeApi } from './constructs/intake-api.js';
import { IntakeWorkflow } from './constructs/intake-workflow.js';
import { ServiceFunction, type EmailSending, type ServiceFunctionProps } from './constructs/service-function.js';
import { DataLayer } from './constructs/data-layer.js';

export interface CredentialingStackProps extends StackProps {
  /** Folder of the built portal (`npm run build:web`); omit to deploy the service without it. */
  portalAssetPath?: string;
}

/**
 * One stack: data (retained, deletion-protected) and service together, so no CloudFormation
 * export pins a table or bucket ARN between stacks (an imported export cannot change).
 */
export class CredentialingStack extends Stack {
  readonly data: DataLayer;
  readonly api: IntakeApi;
  readonly workflow: IntakeWorkflow;
  readonly userPool: cognito.UserPool;

  constructor(scope: Construct, id: string, props: CredentialingStackProps = {}) {
    super(scope, id, props);
    this.data = new DataLayer(this, 'Data');
    const { key, documentsBucket: bucket, intakeTable, auditTable, portalOrigin } = this.data;

    const senderAddress = new CfnParameter(this, 'SenderEmailAddress', {
      type: 'String',
      description: 'Address confirmation emails come from; SES must verify it (check its inbox after deploying).',
      allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    }).valueAsString;
    const reviewBusinessDays = new CfnParameter(this, 'ReviewBusinessDays', {
      type: 'Number',
      default: 10,
      minValue: 1,
      maxValue: 90,
      description: 'Business days promised for a review, used for the estimated completion date.',
    }).valueAsString;
    const alarmEmail = new CfnParameter(this, 'AlarmEmailAddress', { type: 'String', default: '', description: 'Optional address for alarm notifications.' }).valueAsString;
    const office = this.officeParameters();

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, givenName: { required: true, mutable: true }, familyName: { required: true, mutable: true } },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
    });
    const userPoolClient = this.userPool.addClient('PortalClient', {
      authFlows: { userPassword: true, userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.minutes(60),
      accessTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.hours(12),
    });
    for (const [id, groupName, description] of [
      ['ProvidersGroup', PROVIDER_GROUP, 'Physicians submitting credentialing documents'],
      ['StaffGroup', STAFF_GROUP, 'Credentialing staff who review documents'],
    ] as const) {
      new cognito.CfnUserPoolGroup(this, id, { userPoolId: this.userPool.userPoolId, groupName, description });
    }

    const identity = new ses.EmailIdentity(this, 'SenderIdentity', { identity: ses.Identity.email(senderAddress) });
    const configurationSet = new ses.ConfigurationSet(this, 'EmailConfigurationSet', { reputationMetrics: true, sendingEnabled: true });
    const identityArn = this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity.emailIdentityName });
    const configurationSetArn = this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName });

    const fn = (id: string, entry: string, description: string, extra: Partial<ServiceFunctionProps> = {}) =>
      new ServiceFunction(this, id, { entry: `src/handlers/${entry}.ts`, description, key, ...extra });

    // Workflow steps.
    const validateDocument = fn('ValidateDocumentFn', 'steps/validate-document', 'Validates one staged document by its content', { memorySize: 1024, timeout: Duration.seconds(90) })
      .bindIntakeWrite(intakeTable)
      .bindStagingRead(bucket, key);
    const acceptSubmission = fn('AcceptSubmissionFn', 'steps/accept-submission', 'Stores accepted documents and issues the reference number', { timeout: Duration.seconds(60) })
      .bindIntakeWrite(intakeTable)
      .bindDocumentsWrite(bucket, key)
      .addEnvironment('REVIEW_BUSINESS_DAYS', reviewBusinessDays);
    const rejectSubmission = fn('RejectSubmissionFn', 'steps/reject-submission', 'Marks a submission with invalid documents as rejected').bindIntakeWrite(intakeTable);
    const emailSending: EmailSending = {
      identityArn,
      fromAddress: senderAddress,
      configurationSetArn,
      configurationSetName: configurationSet.configurationSetName,
      branding: { ...office, portalUrl: portalOrigin },
    };
    const notifyProvider = fn('NotifyProviderFn', 'steps/notify-provider', 'Emails the provider the outcome of her submission')
      .bindIntakeWrite(intakeTable)
      .bindEmailSending(emailSending);
    const recordAudit = fn('RecordAuditFn', 'steps/record-audit', 'Appends workflow outcomes to the audit trail').bindIntakeRead(intakeTable).bindAuditAppend(auditTable);

    this.workflow = new IntakeWorkflow(this, 'IntakeWorkflow', { key, validateDocument, acceptSubmission, rejectSubmission, notifyProvider, recordAudit });

    // API routes.
    const api = (id: string, entry: string, description: string) => fn(id, `api/${entry}`, description).addEnvironment('PORTAL_ORIGIN', portalOrigin);
    const routes = {
      getDocumentTypes: api('GetDocumentTypesFn', 'get-document-types', 'GET /document-types'),
      createSubmission: api('CreateSubmissionFn', 'create-submission', 'POST /submissions').bindIntakeWrite(intakeTable).bindAuditAppend(auditTable).bindStagingUpload(bucket, key),
      listSubmissions: api('ListSubmissionsFn', 'list-submissions', 'GET /submissions').bindIntakeRead(intakeTable),
      getSubmission: api('GetSubmissionFn', 'get-submission', 'GET /submissions/{submissionId}').bindIntakeRead(intakeTable),
      getSubmissionByReference: api('GetSubmissionByReferenceFn', 'get-submission-by-reference', 'GET /submissions/by-reference/{referenceNumber}').bindIntakeRead(intakeTable),
      submitSubmission: api('SubmitSubmissionFn', 'submit-submission', 'POST /submissions/{submissionId}/submit')
        .bindIntakeWrite(intakeTable)
        .bindAuditAppend(auditTable)
        .bindWorkflowStart(this.workflow.stateMachine),
      getSubmissionAudit: api('GetSubmissionAuditFn', 'get-submission-audit', 'GET /submissions/{submissionId}/audit').bindIntakeRead(intakeTable).bindAuditRead(auditTable),
    };
    this.api = new IntakeApi(this, 'IntakeApi', { userPool: this.userPool, portalOrigin, key, routes });

    this.addAlarms(key, alarmEmail, [validateDocument, acceptSubmission, notifyProvider, recordAudit, ...Object.values(routes)]);

    if (props.portalAssetPath) {
      new s3deploy.BucketDeployment(this, 'PortalDeployment', {
        destinationBucket: this.data.portalBucket,
        distribution: this.data.distribution,
        sources: [
          s3deploy.Source.asset(props.portalAssetPath),
          // Runtime configuration beside the app, so one build serves every environment.
          s3deploy.Source.jsonData('config.json', {
            apiUrl: this.api.api.url.replace(/\/$/, ''),
            region: this.region,
            userPoolId: this.userPool.userPoolId,
            userPoolClientId: userPoolClient.userPoolClientId,
            cognitoEndpoint: `https://cognito-idp.${this.region}.amazonaws.com/`,
            // The portal's footer shows the same contact details as every email.
            ...office,
          }),
        ],
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url });
    new CfnOutput(this, 'PortalUrl', { value: portalOrigin });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
  }

  /** Who the emails and the portal say is writing, and how to reach them. */
  private officeParameters(): Omit<Branding, 'portalUrl'> {
    const parameter = (id: string, props: { default: string; description: string; allowedPattern: string; constraintDescription: string }) =>
      new CfnParameter(this, id, { type: 'String', minLength: 1, maxLength: 100, ...props }).valueAsString;
    return {
      organizationName: parameter('OrganizationName', {
        default: 'Riverside Medical Group',
        description: 'Name of the organisation, shown in every email and in the portal.',
        allowedPattern: "^[\\p{L}\\p{N} .,&'()-]+$",
        constraintDescription: 'letters, digits, spaces and . , & \' ( ) -',
      }),
      officeName: parameter('OfficeName', {
        default: 'Credentialing Office',
        description: 'Name of the office that writes to providers ("Questions? Contact the …").',
        allowedPattern: "^[\\p{L}\\p{N} .,&'()-]+$",
        constraintDescription: 'letters, digits, spaces and . , & \' ( ) -',
      }),
      contactEmail: parameter('ContactEmailAddress', {
        default: 'credentialing@example.org',
        description: "The office's email address: shown in every email and the portal; the weekly staff digest goes there.",
        allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
        constraintDescription: 'an email address',
      }),
      contactPhone: parameter('ContactPhoneNumber', {
        default: '+1 (555) 010-0123',
        description: "The office's phone number as people should read it, e.g. +1 (555) 010-0123.",
        allowedPattern: '^\\+?[0-9][0-9 ().-]{5,24}$',
        constraintDescription: 'digits, spaces and + ( ) . -',
      }),
    };
  }

  private addAlarms(key: DataLayer['key'], alarmEmail: string, functions: ServiceFunction[]): void {
    const topic = new sns.Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    new sns.Subscription(this, 'AlarmEmailSubscription', { topic, protocol: sns.SubscriptionProtocol.EMAIL, endpoint: alarmEmail }).node.addDependency(topic);
    const notify = new actions.SnsAction(topic);
    const alarm = (id: string, metric: cloudwatch.IMetric, description: string) =>
      new cloudwatch.Alarm(this, id, { metric, threshold: 1, evaluationPeriods: 1, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING, alarmDescription: description }).addAlarmAction(notify);

    const sm = this.workflow.stateMachine;
    alarm('WorkflowFailedAlarm', sm.metricFailed({ period: Duration.minutes(5) }), 'An intake workflow failed: a submission is stuck in VALIDATING.');
    alarm('WorkflowTimedOutAlarm', sm.metricTimedOut({ period: Duration.minutes(5) }), 'An intake workflow timed out.');
    alarm('Api5xxAlarm', this.api.api.metricServerError({ period: Duration.minutes(5) }), 'The API answered 5xx.');
    functions.forEach((f, i) => alarm(`FunctionErrors${i}Alarm`, f.function.metricErrors({ period: Duration.minutes(5) }), `Function ${f.node.id} threw errors.`));
  }
}

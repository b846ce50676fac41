/**
 * The whole service in one stack: data (retained, deletion-protected, in `DataLayer`), sign-in,
 * the API and its routes, the intake workflow, email, alarms and the portal's files. One stack,
 * so no CloudFormation export pins a table or bucket ARN between stacks (an imported export
 * cannot change).
 */
import { CfnOutput, CfnParameter, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import type { OfficeContact } from '../src/contract/office.js';
import { CredentialRoutes } from './constructs/credential-routes.js';
import { DataLayer } from './constructs/data-layer.js';
import { DiscardDraftRoute } from './constructs/discard-draft-route.js';
import { DraftCleanupJob } from './constructs/draft-cleanup-job.js';
import { EmailSending } from './constructs/email-sending.js';
import { ExpiryJobs } from './constructs/expiry-jobs.js';
import { IntakeApi } from './constructs/intake-api.js';
import { IntakeRoutes } from './constructs/intake-routes.js';
import { IntakeWorkflow } from './constructs/intake-workflow.js';
import { MalwareProtection } from './constructs/malware-protection.js';
import { Monitoring } from './constructs/monitoring.js';
import { PortalSignIn } from './constructs/portal-sign-in.js';
import { ProviderDirectoryJob } from './constructs/provider-directory-job.js';
import { ReviewRoutes } from './constructs/review-routes.js';
import { ReviewWorkflow } from './constructs/review-workflow.js';
import { WorkflowReconciler } from './constructs/workflow-reconciler.js';
import { METRICS } from '../src/contract/service.js';

export interface CredentialingStackProps extends StackProps {
  /** Folder of the built portal (`npm run build:web`); omit to deploy the service without it. */
  readonly portalAssetPath?: string;
}

export class CredentialingStack extends Stack {
  readonly data: DataLayer;
  readonly signIn: PortalSignIn;
  readonly api: IntakeApi;
  readonly workflow: IntakeWorkflow;
  readonly reviewWorkflow: ReviewWorkflow;
  readonly monitoring: Monitoring;
  readonly draftCleanup: DraftCleanupJob;
  readonly malware: MalwareProtection;

  constructor(scope: Construct, id: string, props: CredentialingStackProps = {}) {
    super(scope, id, props);
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

    this.data = new DataLayer(this, 'Data');
    const { portalOrigin } = this.data;
    this.signIn = new PortalSignIn(this, 'SignIn', { office, portalUrl: portalOrigin });
    const email = new EmailSending(this, 'Email', { senderAddress, office, portalUrl: portalOrigin });
    this.monitoring = new Monitoring(this, 'Monitoring', { alarmEmail });

    this.malware = new MalwareProtection(this, 'MalwareProtection', { data: this.data, alarmTopic: this.monitoring.topic });
    this.workflow = new IntakeWorkflow(this, 'IntakeWorkflow', { data: this.data, email, reviewBusinessDays, malware: this.malware });
    this.api = new IntakeApi(this, 'IntakeApi', { userPool: this.signIn.userPool, portalOrigin, key: this.data.key });
    const intakeRoutes = new IntakeRoutes(this, 'IntakeRoutes', { api: this.api, data: this.data, stateMachine: this.workflow.stateMachine });
    this.reviewWorkflow = new ReviewWorkflow(this, 'ReviewWorkflow', { data: this.data, email });
    const reviewRoutes = new ReviewRoutes(this, 'ReviewRoutes', { api: this.api, data: this.data, outcomeStateMachine: this.reviewWorkflow.stateMachine });
    const discardDraft = new DiscardDraftRoute(this, 'DiscardDraftRoute', { api: this.api, data: this.data });
    this.draftCleanup = new DraftCleanupJob(this, 'DraftCleanup', { data: this.data });
    const credentialRoutes = new CredentialRoutes(this, 'CredentialRoutes', { api: this.api, data: this.data });
    const expiryJobs = new ExpiryJobs(this, 'ExpiryJobs', { data: this.data, email });
    const directoryJob = new ProviderDirectoryJob(this, 'ProviderDirectory', { data: this.data });
    const reconciler = new WorkflowReconciler(this, 'Reconciler', { data: this.data, stateMachine: this.workflow.stateMachine, reviewOutcomeStateMachine: this.reviewWorkflow.stateMachine });

    const sm = this.workflow.stateMachine;
    const alarms = this.monitoring;
    alarms.alarm('WorkflowFailedAlarm', sm.metricFailed({ period: Duration.minutes(5) }), 'An intake workflow execution failed (its submission is PROCESSING_FAILED and will be re-driven, or its facts are finished by the reconciler).');
    alarms.alarm('WorkflowTimedOutAlarm', sm.metricTimedOut({ period: Duration.minutes(5) }), 'An intake workflow timed out.');
    alarms.alarm('ProcessingFailedAlarm', alarms.serviceMetric(METRICS.processingFailed), 'A submission attempt ended PROCESSING_FAILED: a workflow step failed past its retries. It is re-driven automatically; look at the failing step.');
    alarms.alarm('AuditAnchorFailedAlarm', alarms.serviceMetric(METRICS.auditAnchorFailed), 'An audit event\'s hash could not be anchored in the anchor bucket (it is anchored at the chain\'s next append).');
    alarms.alarm('MalwareDetectedAlarm', alarms.serviceMetric(METRICS.malwareDetected), 'The malware scan found a threat in an uploaded document: it is refused (MALWARE_DETECTED) and quarantined under intake/; the audit trail names the document and threats.');
    alarms.alarm('ExpiryNoticeUnconfirmedAlarm', alarms.serviceMetric(METRICS.expiryNoticesUnconfirmed), 'An expiry reminder was claimed by a run that stopped before recording it: it may not have reached the provider and is never resent. The job log lists each document id and notice (`unconfirmed`); check with the provider.');
    alarms.alarm('RefusalNotAuditedAlarm', alarms.serviceMetric(METRICS.refusalNotAudited), 'A refused request could not be written to the audit trail.');
    alarms.alarm('Api5xxAlarm', this.api.api.metricServerError({ period: Duration.minutes(5) }), 'The API answered 5xx: 500 is a defect (logged "Unhandled error" with its stack), 503 a service it needs was unavailable (logged "Dependency unavailable").');
    const review = this.reviewWorkflow.stateMachine;
    alarms.alarm('ReviewOutcomeFailedAlarm', review.metricFailed({ period: Duration.minutes(5) }), 'A review outcome workflow failed: a decided submission has not had its outcome carried out (documents, email, audit).');
    alarms.alarm('ReviewOutcomeTimedOutAlarm', review.metricTimedOut({ period: Duration.minutes(5) }), 'A review outcome workflow timed out.');
    alarms.alarmOnErrors([
      ...this.workflow.functions,
      ...intakeRoutes.functions,
      reconciler.function,
      ...this.reviewWorkflow.functions,
      ...reviewRoutes.functions,
      discardDraft.function,
      this.draftCleanup.function,
      ...credentialRoutes.functions,
      ...expiryJobs.functions,
      directoryJob.function,
    ]);

    if (props.portalAssetPath) {
      // Nothing is pruned: a page opened before this deploy still asks for its own build's chunks
      // (content-hashed names, never reused). Those are uploaded first, cached for a year.
      const assets = new s3deploy.BucketDeployment(this, 'PortalAssets', {
        destinationBucket: this.data.portalBucket,
        sources: [s3deploy.Source.asset(props.portalAssetPath)],
        exclude: ['*'],
        include: ['assets/*'],
        prune: false,
        cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      });
      // Then the index that names them, config.json and the licences: revalidated at every visit.
      const pages = new s3deploy.BucketDeployment(this, 'PortalDeployment', {
        destinationBucket: this.data.portalBucket,
        distribution: this.data.distribution,
        exclude: ['assets/*'],
        prune: false,
        cacheControl: [s3deploy.CacheControl.noCache()],
        sources: [
          s3deploy.Source.asset(props.portalAssetPath),
          // Runtime configuration beside the app, so one build serves every environment.
          s3deploy.Source.jsonData('config.json', {
            apiUrl: this.api.api.url.replace(/\/$/, ''),
            region: this.region,
            userPoolId: this.signIn.userPool.userPoolId,
            userPoolClientId: this.signIn.client.userPoolClientId,
            cognitoEndpoint: `https://cognito-idp.${this.region}.amazonaws.com/`,
            // The portal's footer shows the same contact details as every email.
            ...office,
          }),
        ],
      });
      pages.node.addDependency(assets);
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url });
    new CfnOutput(this, 'PortalUrl', { value: portalOrigin });
    new CfnOutput(this, 'UserPoolId', { value: this.signIn.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.signIn.client.userPoolClientId });
    new CfnOutput(this, 'StateMachineArn', { value: sm.stateMachineArn });
    new CfnOutput(this, 'ReviewOutcomeStateMachineArn', { value: review.stateMachineArn });
  }

  /** Who the emails and the portal say is writing, and how to reach them. */
  private officeParameters(): OfficeContact {
    const parameter = (id: string, props: { default: string; description: string; allowedPattern: string; constraintDescription: string }) =>
      new CfnParameter(this, id, { type: 'String', minLength: 1, maxLength: 100, ...props }).valueAsString;
    const name = { allowedPattern: "^[\\p{L}\\p{N} .,&'()-]+$", constraintDescription: "letters, digits, spaces and . , & ' ( ) -" };
    return {
      organizationName: parameter('OrganizationName', { default: 'Riverside Medical Group', description: 'Name of the organisation, shown in every email and in the portal.', ...name }),
      officeName: parameter('OfficeName', { default: 'Credentialing Office', description: 'Name of the office that writes to providers ("Questions? Contact the …").', ...name }),
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
}

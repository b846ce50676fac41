/**
 * Everything that holds data and must outlive deployments: the KMS key, the documents bucket,
 * the intake and audit tables (retained, deletion-protected, backed up), and the portal's
 * hosting (its domain is the one origin the bucket and the API trust).
 */
import { Annotations, Aws, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { STORAGE_PREFIXES } from '../../src/contract/storage.js';
import { PORTAL_NOT_FOUND_PAGE } from '../../src/contract/portal-routes.js';
import { AUDIT_INDEXES, AUDIT_TABLE_KEY, INTAKE_INDEXES, INTAKE_TABLE_KEY, INTAKE_TABLE_TIME_TO_LIVE, type IndexSpec } from '../../src/contract/tables.js';
import { portalContentSecurityPolicy } from '../../src/contract/service.js';
import { portalPagesFunction } from './portal-pages.js';
import type { AuditStorage } from './service-function.js';

/**
 * How long an audit anchor cannot be deleted or overwritten by anyone, the account's root
 * included (Object Lock, compliance mode): HIPAA keeps documentation six years; one more for
 * the year it was written in.
 */
export const AUDIT_ANCHOR_RETENTION = Duration.days(7 * 365);

/** Writes to the audit table no one may make: rows are only ever appended, and the table stays. */
const AUDIT_FORBIDDEN_ACTIONS = [
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
];

/** A string-keyed index projecting whole items, or only the attributes its readers use. */
function addIndex(table: dynamodb.Table, index: IndexSpec): void {
  table.addGlobalSecondaryIndex({
    indexName: index.name,
    partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
    ...(index.sortKey ? { sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING } } : {}),
    ...(index.include ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] } : { projectionType: dynamodb.ProjectionType.ALL }),
  });
}

export class DataLayer extends Construct {
  readonly key: kms.Key;
  readonly documentsBucket: s3.Bucket;
  readonly portalBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly intakeTable: dynamodb.Table;
  readonly auditTable: dynamodb.Table;
  /** Write-once anchors of every audit hash (Object Lock, compliance mode). */
  readonly auditAnchorBucket: s3.Bucket;
  /** The audit trail as the functions' `bindAudit*` helpers see it. */
  readonly audit: AuditStorage;
  readonly portalOrigin: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { region, partition, account } = Stack.of(this);

    this.key = new kms.Key(this, 'DataKey', {
      description: 'Encrypts credentialing documents, intake and audit data, and logs',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts the log groups of every function and the workflow with this key.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:*` } },
      }),
    );

    const accessLogs = new s3.Bucket(this, 'AccessLogsBucket', {
      // Server access logging can only deliver to SSE-S3 buckets.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.portalBucket = new s3.Bucket(this, 'PortalBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'portal-bucket/',
      // A replaced index.html or config.json stays 30 days (to roll back), not forever. Current files
      // never expire by age: a file's date is the last deploy that wrote it, not whether the live index names it.
      lifecycleRules: [
        { id: 'expire-overwritten-versions', noncurrentVersionExpiration: Duration.days(30), expiredObjectDeleteMarker: true },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.distribution = new cloudfront.Distribution(this, 'PortalDistribution', {
      comment: 'Credentialing provider portal',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        // With LIST, S3 answers a missing key 404 (not 403), which stays 404 with the portal's
        // not-found page: a missing chunk is never index.html (docs/portal.md "Serving the portal").
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.portalBucket, { originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST] }),
        // The portal's pages load index.html; a file path is asked of S3 as it is.
        functionAssociations: [{ function: portalPagesFunction(this, 'PortalPagesFunction'), eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: new cloudfront.ResponseHeadersPolicy(this, 'PortalSecurityHeaders', {
          securityHeadersBehavior: {
            contentSecurityPolicy: {
              // Presigned document URLs are virtual-hosted S3 URLs in this region. Not the exact
              // bucket: its name is generated, and naming it here would make a cycle (bucket CORS → distribution → this policy → bucket).
              contentSecurityPolicy: portalContentSecurityPolicy(['https://*.amazonaws.com'], [`https://*.s3.${region}.${Aws.URL_SUFFIX}`]),
              override: true,
            },
            strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
            contentTypeOptions: { override: true },
            frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
            referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
          },
        }),
      },
      errorResponses: [{ httpStatus: 404, responseHttpStatus: 404, responsePagePath: PORTAL_NOT_FOUND_PAGE, ttl: Duration.minutes(1) }],
      enableLogging: true,
      logBucket: accessLogs,
      logFilePrefix: 'portal-distribution/',
    });
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'No viewer request can list the bucket: the viewer-request function sends `/` (and every page) to /index.html, defaultRootObject is set, and the cache policy forwards no query string (list-type, prefix) to S3.',
    );
    this.portalOrigin = `https://${this.distribution.distributionDomainName}`;

    // Buckets of records: encrypted with our key, private, TLS-only, versioned, logged, kept.
    const recordBucket = {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      removalPolicy: RemovalPolicy.RETAIN,
    } satisfies Partial<s3.BucketProps>;

    this.documentsBucket = new s3.Bucket(this, 'DocumentsBucket', {
      ...recordBucket,
      serverAccessLogsPrefix: 'documents-bucket/',
      cors: [
        {
          // Browsers upload straight to S3 with presigned POSTs, from the portal origin only.
          allowedOrigins: [this.portalOrigin],
          allowedMethods: [s3.HttpMethods.POST],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        // Staged uploads are snapshotted within minutes and removed once stored; anything left is abandoned.
        { id: 'expire-staging', prefix: STORAGE_PREFIXES.staging, expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) },
        // Snapshots of rejected or abandoned submissions; a week leaves time to re-drive a failed one.
        { id: 'expire-intake', prefix: STORAGE_PREFIXES.intake, expiration: Duration.days(7), noncurrentVersionExpiration: Duration.days(1) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    // Both tables hold records we must keep: encrypted with our key, recoverable, undeletable by accident.
    const recordTable = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    } satisfies Partial<dynamodb.TableProps>;

    this.intakeTable = new dynamodb.Table(this, 'IntakeTable', {
      ...recordTable,
      partitionKey: { name: INTAKE_TABLE_KEY.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: INTAKE_TABLE_KEY.sortKey, type: dynamodb.AttributeType.STRING },
      // Only a create's client-token claim expires (after the draft's lifetime); no record carries it.
      timeToLiveAttribute: INTAKE_TABLE_TIME_TO_LIVE,
    });
    for (const index of Object.values(INTAKE_INDEXES) as IndexSpec[]) addIndex(this.intakeTable, index);

    this.auditAnchorBucket = new s3.Bucket(this, 'AuditAnchorBucket', {
      ...recordBucket,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(AUDIT_ANCHOR_RETENTION),
      serverAccessLogsPrefix: 'audit-anchor-bucket/',
    });

    // Roles the table lets append (bindAuditAppend registers each); read when the template is written.
    const writers: iam.IRole[] = [];
    this.auditTable = new dynamodb.Table(this, 'AuditTable', {
      ...recordTable,
      partitionKey: { name: AUDIT_TABLE_KEY.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: AUDIT_TABLE_KEY.sortKey, type: dynamodb.AttributeType.NUMBER },
      // Append-only for everyone: even an over-broad identity policy cannot rewrite history, and
      // only the audit writers may append. Tampering by whoever could lift this policy is caught
      // by the anchors.
      resourcePolicy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AuditIsAppendOnly',
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: AUDIT_FORBIDDEN_ACTIONS,
            resources: ['*'],
          }),
          new iam.PolicyStatement({
            sid: 'OnlyAuditWritersAppend',
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: ['dynamodb:PutItem'],
            resources: ['*'],
            conditions: { ArnNotEquals: { 'aws:PrincipalArn': Lazy.list({ produce: () => writers.map((role) => role.roleArn) }) } },
          }),
        ],
      }),
    });
    addIndex(this.auditTable, AUDIT_INDEXES.refusalsByUser);
    this.audit = { table: this.auditTable, anchorBucket: this.auditAnchorBucket, key: this.key, registerWriter: (role) => writers.push(role) };

    // Point-in-time recovery covers 35 days; the backup plan keeps daily/weekly/monthly copies for years.
    const plan = backup.BackupPlan.daily35DayRetention(this, 'BackupPlan', new backup.BackupVault(this, 'BackupVault', { encryptionKey: this.key, removalPolicy: RemovalPolicy.RETAIN }));
    plan.addRule(backup.BackupPlanRule.monthly5Year());
    plan.addSelection('Tables', { resources: [backup.BackupResource.fromDynamoDbTable(this.intakeTable), backup.BackupResource.fromDynamoDbTable(this.auditTable)] });
  }
}

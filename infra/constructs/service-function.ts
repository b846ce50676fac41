/**
 * One Lambda function of the service: Node.js 22 on ARM, bundled by esbuild from its TypeScript
 * entry, an explicit encrypted log group, X-Ray tracing, and `bind*` helpers that grant exactly
 * the actions and key prefixes the function's use case needs — nothing is granted by default.
 */
import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ENV, type EnvName } from '../../src/contract/environment.js';
import { STORAGE_PREFIXES } from '../../src/contract/storage.js';
import type { IndexSpec } from '../../src/contract/tables.js';
import type { OfficeContact } from '../../src/contract/office.js';
import { ENTRY_METADATA_KEY, LAMBDA_ESM_BANNER, LAMBDA_MAIN_FIELDS, SERVICE_NAME } from '../../src/contract/service.js';
import { PROJECT_ROOT } from '../project-root.js';

/** DynamoDB item actions our use cases call on the intake table. */
export type IntakeTableAction = 'Query' | 'PutItem' | 'UpdateItem' | 'BatchWriteItem';

/** The audit table, its anchor bucket and key, and the roles its resource policy lets append. */
export interface AuditStorage {
  readonly table: dynamodb.ITable;
  readonly anchorBucket: s3.IBucket;
  readonly key: kms.IKey;
  registerWriter(role: iam.IRole): void;
}

const objects = (bucket: s3.IBucket, prefix: keyof typeof STORAGE_PREFIXES) => bucket.arnForObjects(`${STORAGE_PREFIXES[prefix]}*`);

export interface ServiceFunctionProps {
  /** Path of the handler module relative to the project root, e.g. `src/handlers/api/get-submission.ts`. */
  entry: string;
  description: string;
  key: kms.IKey;
  memorySize?: number;
  timeout?: Duration;
  environment?: Record<string, string>;
  logRetention?: logs.RetentionDays;
  /** Layers the function loads modules from (Lambda puts /opt/nodejs/node_modules on NODE_PATH). */
  layers?: lambda.ILayerVersion[];
  /** Modules the bundle leaves out because a layer provides them. */
  externalModules?: readonly string[];
}

/** What a function that sends email is given: the SES identity, the office it writes for, the portal it links to. */
export interface EmailSender {
  readonly identityArn: string;
  readonly fromAddress: string;
  readonly configurationSetArn: string;
  readonly configurationSetName: string;
  readonly office: OfficeContact;
  readonly portalUrl: string;
}

export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: logs go to this group only.
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: props.description });
    logGroup.grantWrite(role);
    this.function = new NodejsFunction(this, 'Function', {
      role,
      entry: path.join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(29),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      layers: props.layers,
      loggingFormat: lambda.LoggingFormat.JSON,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // Responses hold personal data: traces keep timings and errors, never payloads.
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        // The packages' ES module builds: the SDK's CommonJS builds pull whole barrels (every
        // credential provider's clients, every protocol) that esbuild cannot tree-shake.
        mainFields: [...LAMBDA_MAIN_FIELDS],
        // Maps ship as files beside the bundle for reading a stack trace offline; the run-time
        // flag (--enable-source-maps) would add 17–21% to every cold start's import time.
        sourceMap: true,
        sourceMapMode: SourceMapMode.EXTERNAL,
        banner: LAMBDA_ESM_BANNER,
        logLevel: LogLevel.WARNING,
        // One SDK version everywhere: bundle ours rather than use whatever the runtime ships.
        externalModules: [...(props.externalModules ?? [])],
      },
    });
    (this.function.node.defaultChild as lambda.CfnFunction).addMetadata(ENTRY_METADATA_KEY, props.entry);
  }

  addEnvironment(name: EnvName, value: string): this {
    this.function.addEnvironment(name, value);
    return this;
  }

  private allow(actions: string[], resources: string[], conditions?: Record<string, unknown>): void {
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions, resources, ...(conditions ? { conditions } : {}) }));
  }

  private allowKey(key: kms.IKey | undefined, actions: string[]): void {
    if (key) this.allow(actions, [key.keyArn]);
  }

  /**
   * Exactly the DynamoDB actions the function's use case calls on the intake table's items
   * (`Query` is how a submission is read with its documents).
   */
  bindIntakeTable(table: dynamodb.ITable, ...actions: IntakeTableAction[]): this {
    this.addEnvironment(ENV.intakeTable, table.tableName);
    this.allow(actions.map((action) => `dynamodb:${action}`), [table.tableArn]);
    this.allowKey(table.encryptionKey, actions.some((action) => action !== 'Query') ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt']);
    return this;
  }

  /** Query on the named indexes of the intake table only. */
  bindIntakeIndexes(table: dynamodb.ITable, ...indexes: IndexSpec[]): this {
    this.addEnvironment(ENV.intakeTable, table.tableName);
    this.allow(['dynamodb:Query'], indexes.map((index) => `${table.tableArn}/index/${index.name}`));
    this.allowKey(table.encryptionKey, ['kms:Decrypt']);
    return this;
  }

  /**
   * Appends to the audit trail: PutItem (always conditional in code; the table's policy admits
   * only registered writers) and Query to find the chain's tail, plus writing anchors.
   */
  bindAuditAppend(audit: AuditStorage): this {
    this.addEnvironment(ENV.auditTable, audit.table.tableName).addEnvironment(ENV.auditAnchorBucket, audit.anchorBucket.bucketName);
    this.allow(['dynamodb:PutItem', 'dynamodb:Query'], [audit.table.tableArn]);
    this.allow(['s3:PutObject'], [audit.anchorBucket.arnForObjects('*')]);
    this.allowKey(audit.key, ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']);
    audit.registerWriter(this.function.role!);
    return this;
  }

  /** Reads the trail and its anchors (ListBucket so a missing anchor answers 404, not 403). */
  bindAuditRead(audit: AuditStorage): this {
    this.addEnvironment(ENV.auditTable, audit.table.tableName).addEnvironment(ENV.auditAnchorBucket, audit.anchorBucket.bucketName);
    this.allow(['dynamodb:Query'], [audit.table.tableArn]);
    this.allow(['s3:GetObject'], [audit.anchorBucket.arnForObjects('*')]);
    this.allow(['s3:ListBucket'], [audit.anchorBucket.bucketArn]);
    this.allowKey(audit.key, ['kms:Decrypt']);
    return this;
  }

  /** Signs presigned POSTs into `staging/`: S3 checks the signer may PutObject there. */
  bindStagingUpload(bucket: s3.IBucket, key: kms.IKey): this {
    this.addEnvironment(ENV.documentsBucket, bucket.bucketName);
    this.allow(['s3:PutObject'], [objects(bucket, 'staging')]);
    this.allowKey(key, ['kms:GenerateDataKey', 'kms:Encrypt']);
    return this;
  }

  /** Lists what arrived under `staging/` (keys and sizes, no object's bytes): ListBucket on that prefix only. */
  bindStagingList(bucket: s3.IBucket): this {
    this.addEnvironment(ENV.documentsBucket, bucket.bucketName);
    this.allow(['s3:ListBucket'], [bucket.bucketArn], { StringLike: { 's3:prefix': [`${STORAGE_PREFIXES.staging}*`] } });
    return this;
  }

  /**
   * Copies an upload from `staging/` to its `intake/` snapshot. ListBucket on `staging/` only,
   * so a missing upload answers 404 (MISSING_UPLOAD) instead of 403.
   */
  bindUploadSnapshot(bucket: s3.IBucket, key: kms.IKey): this {
    this.addEnvironment(ENV.documentsBucket, bucket.bucketName);
    this.allow(['s3:GetObject'], [objects(bucket, 'staging')]);
    this.allow(['s3:ListBucket'], [bucket.bucketArn], { StringLike: { 's3:prefix': [`${STORAGE_PREFIXES.staging}*`] } });
    this.allow(['s3:PutObject'], [objects(bucket, 'intake')]);
    this.allowKey(key, ['kms:Decrypt', 'kms:GenerateDataKey']);
    return this;
  }

  /** Reads exactly a snapshot version under `intake/`. */
  bindSnapshotRead(bucket: s3.IBucket, key: kms.IKey): this {
    this.addEnvironment(ENV.documentsBucket, bucket.bucketName);
    this.allow(['s3:GetObject', 's3:GetObjectVersion'], [objects(bucket, 'intake')]);
    this.allowKey(key, ['kms:Decrypt']);
    return this;
  }

  /**
   * Stores validated snapshots under `documents/` (a copy of one `intake/` version), then
   * removes the working copies from `staging/` and `intake/`.
   */
  bindDocumentsStore(bucket: s3.IBucket, key: kms.IKey): this {
    this.addEnvironment(ENV.documentsBucket, bucket.bucketName);
    this.allow(['s3:GetObject', 's3:GetObjectVersion'], [objects(bucket, 'intake')]);
    this.allow(['s3:PutObject'], [objects(bucket, 'documents')]);
    this.allow(['s3:DeleteObject'], [objects(bucket, 'staging'), objects(bucket, 'intake')]);
    this.allowKey(key, ['kms:Decrypt', 'kms:GenerateDataKey']);
    return this;
  }

  /** Signs presigned GETs of stored documents: S3 checks the signer may GetObject under `documents/`. */
  bindDocumentsRead(bucket: s3.IBucket, key: kms.IKey): this {
    this.addEnvironment(ENV.documentsBucket, bucket.bucketName);
    this.allow(['s3:GetObject'], [objects(bucket, 'documents')]);
    this.allowKey(key, ['kms:Decrypt']);
    return this;
  }

  /** Sends email from the stack's identity, signed with the office's name and contact details. */
  bindEmailSending(sender: EmailSender): this {
    this.addEnvironment(ENV.senderAddress, sender.fromAddress);
    this.addEnvironment(ENV.sesConfigurationSet, sender.configurationSetName);
    this.addEnvironment(ENV.organizationName, sender.office.organizationName);
    this.addEnvironment(ENV.officeName, sender.office.officeName);
    this.addEnvironment(ENV.contactEmail, sender.office.contactEmail);
    this.addEnvironment(ENV.contactPhone, sender.office.contactPhone);
    this.addEnvironment(ENV.portalUrl, sender.portalUrl);
    this.allow(['ses:SendEmail'], [sender.identityArn, sender.configurationSetArn], { StringEquals: { 'ses:FromAddress': sender.fromAddress } });
    return this;
  }

  /** StartExecution of one state machine, whose ARN the function reads from `envName`. */
  bindWorkflowStart(stateMachine: sfn.IStateMachine, envName: EnvName = ENV.stateMachineArn): this {
    this.addEnvironment(envName, stateMachine.stateMachineArn);
    stateMachine.grantStartExecution(this.function);
    return this;
  }

  /** Whether an attempt's execution still runs: DescribeExecution on this state machine's executions. */
  bindWorkflowDescribe(stateMachine: sfn.IStateMachine, envName: EnvName = ENV.stateMachineArn): this {
    this.addEnvironment(envName, stateMachine.stateMachineArn);
    stateMachine.grantExecution(this.function, 'states:DescribeExecution');
    return this;
  }
}

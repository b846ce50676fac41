/**
 * Lazily built, module-scoped adapters: a handler asks only for what it uses, each client is
 * created once per container, and endpoints come from the SDK's standard environment
 * (AWS_ENDPOINT_URL_*), which is how the local runtime points them at the emulators.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAuditLog } from '../../adapters/dynamodb-audit-log.js';
import { DynamoDbSubmissionRepository } from '../../adapters/dynamodb-submission-repository.js';
import { S3DocumentStore } from '../../adapters/s3-document-store.js';
import { SesMailer } from '../../adapters/ses-mailer.js';
import { StepFunctionsWorkflowStarter } from '../../adapters/sfn-workflow-starter.js';
import { systemClock } from '../../adapters/system-clock.js';
import { numberEnv, requireEnv } from './environment.js';
import { tracer } from './powertools.js';

function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

const documentClient = once(() =>
  DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), { marshallOptions: { removeUndefinedValues: true } }),
);

export const submissionRepository = once(() => new DynamoDbSubmissionRepository(documentClient(), requireEnv('INTAKE_TABLE_NAME')));
export const auditLog = once(() => new DynamoDbAuditLog(documentClient(), requireEnv('AUDIT_TABLE_NAME')));
export const documentStore = once(
  () => new S3DocumentStore(tracer.captureAWSv3Client(new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' })), requireEnv('DOCUMENTS_BUCKET_NAME')),
);
export const mailer = once(() => new SesMailer(tracer.captureAWSv3Client(new SESv2Client({})), requireEnv('SENDER_ADDRESS'), process.env.SES_CONFIGURATION_SET || undefined));
export const workflowStarter = once(() => new StepFunctionsWorkflowStarter(tracer.captureAWSv3Client(new SFNClient({})), requireEnv('STATE_MACHINE_ARN')));

export const clock = systemClock;
export const newId = () => randomUUID();
export const secureRandomBytes = (count: number) => new Uint8Array(randomBytes(count));
export const reviewSettings = once(() => ({
  reviewBusinessDays: numberEnv('REVIEW_BUSINESS_DAYS', 10),
  timeZone: process.env.REVIEW_TIME_ZONE || 'America/New_York',
}));

/**
 * One module per AWS service, so each function's bundle holds only the SDK clients it uses.
 * Clients are built once per container; endpoints come from the SDK's standard environment
 * (AWS_ENDPOINT_URL_*), which is how the local runtime points them at the emulators.
 */
import { ENV } from '../../../contract/environment.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCreateRequests } from '../../../adapters/dynamodb-create-requests.js';
import { DynamoDbDocumentVersions } from '../../../adapters/dynamodb-document-versions.js';
import { DynamoDbExpirySchedule } from '../../../adapters/dynamodb-expiry-schedule.js';
import { DynamoDbProviderDirectory } from '../../../adapters/dynamodb-provider-directory.js';
import { DynamoDbSubmissionRepository } from '../../../adapters/dynamodb-submission-repository.js';
import { requireEnv } from '../environment.js';
import { tracer } from '../powertools.js';
import { once } from './once.js';

export const documentClient = once(() =>
  DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), { marshallOptions: { removeUndefinedValues: true } }),
);

export const submissionRepository = once(() => new DynamoDbSubmissionRepository(documentClient(), requireEnv(ENV.intakeTable)));
export const documentVersions = once(() => new DynamoDbDocumentVersions(documentClient(), requireEnv(ENV.intakeTable)));
export const expirySchedule = once(() => new DynamoDbExpirySchedule(documentClient(), requireEnv(ENV.intakeTable)));
export const providerDirectory = once(() => new DynamoDbProviderDirectory(documentClient(), requireEnv(ENV.intakeTable)));
export const createRequests = once(() => new DynamoDbCreateRequests(documentClient(), requireEnv(ENV.intakeTable)));

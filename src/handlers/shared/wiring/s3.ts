import { ENV } from '../../../contract/environment.js';
import { S3Client } from '@aws-sdk/client-s3';
import { S3DocumentStore } from '../../../adapters/s3-document-store.js';
import { optionalEnv, requireEnv } from '../environment.js';
import { tracer } from '../powertools.js';
import { once } from './once.js';

export const s3Client = once(() => tracer.captureAWSv3Client(new S3Client({ forcePathStyle: optionalEnv(ENV.s3ForcePathStyle) === 'true' })));

export const documentStore = once(() => new S3DocumentStore(s3Client(), requireEnv(ENV.documentsBucket)));

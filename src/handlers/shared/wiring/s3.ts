import { S3Client } from '@aws-sdk/client-s3';
import { S3DocumentStore } from '../../../adapters/s3-document-store.js';
import { requireEnv } from '../environment.js';
import { tracer } from '../powertools.js';
import { once } from './once.js';

export const s3Client = once(() => tracer.captureAWSv3Client(new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' })));

export const documentStore = once(() => new S3DocumentStore(s3Client(), requireEnv('DOCUMENTS_BUCKET_NAME')));

/** The audit trail: rows in DynamoDB, each hash anchored in the locked S3 bucket. */
import { ENV } from '../../../contract/environment.js';
import { DynamoDbAuditLog } from '../../../adapters/dynamodb-audit-log.js';
import { S3AuditAnchors } from '../../../adapters/s3-audit-anchors.js';
import { requireEnv } from '../environment.js';
import { documentClient } from './dynamodb.js';
import { once } from './once.js';
import { s3Client } from './s3.js';

export const auditLog = once(() => new DynamoDbAuditLog(documentClient(), requireEnv(ENV.auditTable), new S3AuditAnchors(s3Client(), requireEnv(ENV.auditAnchorBucket))));

/** The audit trail: rows in DynamoDB, each hash anchored in the locked S3 bucket. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ENV } from '../../../contract/environment.js';
import { METRICS } from '../../../contract/service.js';
import { DynamoDbAuditLog } from '../../../adapters/dynamodb-audit-log.js';
import { S3AuditAnchors } from '../../../adapters/s3-audit-anchors.js';
import { requireEnv } from '../environment.js';
import { logger, metrics } from '../powertools.js';
import { documentClient } from './dynamodb.js';
import { once } from './once.js';
import { s3Client } from './s3.js';

export const auditLog = once(
  () =>
    new DynamoDbAuditLog(documentClient(), requireEnv(ENV.auditTable), new S3AuditAnchors(s3Client(), requireEnv(ENV.auditAnchorBucket)), (error, event) => {
      // The row is written; its anchor follows at the chain's next append. Alarmed, never silent.
      logger.error('Audit anchor not written', { chain: event.submissionId, sequence: event.sequence, error: (error as Error)?.name ?? String(error) });
      metrics.addMetric(METRICS.auditAnchorFailed, MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    }),
);

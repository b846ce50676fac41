/**
 * The reconciler, run every few minutes by an EventBridge schedule. "Now" is the scheduled
 * event's `time`, so a run can be replayed for any moment (the local runtime's job runner and
 * the tests invoke it that way).
 */
import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS } from '../../contract/service.js';
import { reconcileSubmissions } from '../../use-cases/reconcile-submissions.js';
import { auditLog } from '../shared/wiring/audit.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { workflowStarter } from '../shared/wiring/sfn.js';
import { logger, metrics } from '../shared/powertools.js';

function scheduledTime(event: unknown): Date {
  const time = (event as { time?: unknown } | null)?.time;
  const parsed = typeof time === 'string' ? new Date(time) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : clock.now();
}

export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const runId = (event as { id?: unknown } | null)?.id;
  const report = await reconcileSubmissions(
    { repository: submissionRepository(), workflow: workflowStarter(), audit: auditLog(), clock },
    scheduledTime(event),
    typeof runId === 'string' && runId ? runId : context.awsRequestId,
  );
  if (report.newlyFailed > 0) {
    metrics.addMetric(METRICS.processingFailed, MetricUnit.Count, report.newlyFailed);
    metrics.publishStoredMetrics();
  }
  logger.info('Submissions reconciled', { examined: report.examined, ...Object.fromEntries(Object.entries(report.actions).map(([action, ids]) => [action, ids!.length])) });
  return report;
};

/**
 * The reconciler, run every few minutes by an EventBridge schedule. "Now" is the scheduled
 * event's `time`, so a run can be replayed for any moment (the local runtime's job runner and
 * the tests invoke it that way).
 */
import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS } from '../../contract/service.js';
import { reconcileReviewOutcomes } from '../../use-cases/reconcile-review-outcomes.js';
import { RECONCILE_SETTINGS, reconcileSubmissions } from '../../use-cases/reconcile-submissions.js';
import { auditLog } from '../shared/wiring/audit.js';
import { providerDirectory, submissionRepository } from '../shared/wiring/dynamodb.js';
import { clock } from '../shared/wiring/settings.js';
import { reviewOutcomeWorkflow, workflowStarter } from '../shared/wiring/sfn.js';
import { logger, metrics } from '../shared/powertools.js';

function scheduledTime(event: unknown): Date {
  const time = (event as { time?: unknown } | null)?.time;
  const parsed = typeof time === 'string' ? new Date(time) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : clock.now();
}

export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const runId = (event as { id?: unknown } | null)?.id;
  const now = scheduledTime(event);
  const report = await reconcileSubmissions(
    { repository: submissionRepository(), workflow: workflowStarter(), audit: auditLog(), clock, directory: providerDirectory() },
    now,
    typeof runId === 'string' && runId ? runId : context.awsRequestId,
  );
  const reviewOutcomes = await reconcileReviewOutcomes({ repository: submissionRepository(), audit: auditLog(), outcomeWorkflow: reviewOutcomeWorkflow() }, now, RECONCILE_SETTINGS);
  if (report.newlyFailed > 0) {
    metrics.addMetric(METRICS.processingFailed, MetricUnit.Count, report.newlyFailed);
    metrics.publishStoredMetrics();
  }
  const counts = (actions: Record<string, string[] | undefined>) => Object.fromEntries(Object.entries(actions).map(([action, ids]) => [action, ids!.length]));
  logger.info('Submissions reconciled', { examined: report.examined, ...counts(report.actions), reviewOutcomes: counts(reviewOutcomes) });
  return { ...report, reviewOutcomes };
};

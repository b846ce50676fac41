/**
 * Hourly clean-up of abandoned drafts: an EventBridge rule invokes a function that discards every
 * submission still AWAITING_UPLOAD 24 hours after it was created (found by the byStatus index).
 */
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import type { DataLayer } from './data-layer.js';
import { scheduledFunction } from './scheduled-job.js';
import type { ServiceFunction } from './service-function.js';

export interface DraftCleanupJobProps {
  /** The intake table (its byStatus index and status updates) and the audit table (append). */
  readonly data: DataLayer;
}

export class DraftCleanupJob extends Construct {
  readonly function: ServiceFunction;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: DraftCleanupJobProps) {
    super(scope, id);
    const { key, intakeTable, audit } = props.data;
    const { fn, rule } = scheduledFunction(this, 'DiscardAbandonedDraftsFn', {
      entry: 'src/handlers/jobs/discard-abandoned-drafts.ts',
      description: 'Hourly: discards drafts not submitted within 24 hours',
      key,
      timeout: Duration.minutes(5),
      job: 'draftCleanup',
      ruleId: 'Schedule',
      ruleDescription: 'Discards drafts not submitted within 24 hours',
      schedule: events.Schedule.rate(Duration.hours(1)),
      // A missed or failed run is simply done by the next one: the job is idempotent.
      retry: { attempts: 2, maxEventAge: Duration.hours(1) },
    });
    this.function = fn.bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byStatus).bindIntakeTable(intakeTable, 'UpdateItem').bindAuditAppend(audit);
    this.rule = rule;
  }
}

/** `POST /submissions/{submissionId}/discard`: the provider throws away a draft she will not submit. */
import { Construct } from 'constructs';
import { ENV } from '../../src/contract/environment.js';
import type { DataLayer } from './data-layer.js';
import type { IntakeApi } from './intake-api.js';
import { ServiceFunction } from './service-function.js';

export interface DiscardDraftRouteProps {
  readonly api: IntakeApi;
  /** The intake table (read the draft, change its status) and the audit table (append). */
  readonly data: DataLayer;
}

export class DiscardDraftRoute extends Construct {
  readonly function: ServiceFunction;

  constructor(scope: Construct, id: string, props: DiscardDraftRouteProps) {
    super(scope, id);
    const { key, intakeTable, audit, portalOrigin } = props.data;
    this.function = new ServiceFunction(this, 'DiscardSubmissionFn', {
      entry: 'src/handlers/api/discard-submission.ts',
      description: 'POST /submissions/{submissionId}/discard',
      key,
    })
      .addEnvironment(ENV.portalOrigin, portalOrigin)
      .bindIntakeTable(intakeTable, 'Query', 'UpdateItem')
      .bindAuditAppend(audit);
    props.api.route('POST', '/submissions/{submissionId}/discard', this.function);
  }
}

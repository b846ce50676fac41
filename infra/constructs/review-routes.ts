/** The review API's routes: retrieval, decisions, completion and the queue; one function per route, each granted exactly what it calls. */
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ENV } from '../../src/contract/environment.js';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import type { DataLayer } from './data-layer.js';
import { routeFunction, type IntakeApi } from './intake-api.js';
import type { ServiceFunction } from './service-function.js';

export interface ReviewRoutesProps {
  readonly api: IntakeApi;
  readonly data: DataLayer;
  /** The review outcome workflow that `complete-review` starts. */
  readonly outcomeStateMachine: sfn.IStateMachine;
}

export class ReviewRoutes extends Construct {
  readonly functions: readonly ServiceFunction[];

  constructor(scope: Construct, id: string, props: ReviewRoutesProps) {
    super(scope, id);
    const { key, intakeTable, audit, documentsBucket: bucket } = props.data;
    const route = (fnId: string, entry: string, description: string) => routeFunction(this, fnId, entry, description, props.data);

    const functions = {
      getDownloadUrl: route('GetDownloadUrlFn', 'get-download-url', 'GET /documents/{documentId}/download-url')
        .bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byDocument)
        .bindIntakeTable(intakeTable, 'Query')
        .bindAuditAppend(audit)
        .bindDocumentsRead(bucket, key),
      reviewDocument: route('ReviewDocumentFn', 'review-document', 'POST /documents/{documentId}/review').bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byDocument).bindIntakeTable(intakeTable, 'Query', 'UpdateItem').bindAuditAppend(audit),
      completeReview: route('CompleteReviewFn', 'complete-review', 'POST /submissions/{submissionId}/complete-review')
        .bindIntakeTable(intakeTable, 'Query', 'UpdateItem')
        .bindAuditAppend(audit)
        .bindWorkflowStart(props.outcomeStateMachine, ENV.reviewOutcomeStateMachineArn),
      listReviewQueue: route('ListReviewQueueFn', 'list-review-queue', 'GET /review-queue').bindIntakeIndexes(intakeTable, INTAKE_INDEXES.reviewQueue),
    };
    props.api
      .route('GET', '/documents/{documentId}/download-url', functions.getDownloadUrl)
      .route('POST', '/documents/{documentId}/review', functions.reviewDocument)
      .route('POST', '/submissions/{submissionId}/complete-review', functions.completeReview)
      .route('GET', '/review-queue', functions.listReviewQueue);
    this.functions = Object.values(functions);
  }
}

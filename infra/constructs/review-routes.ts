/** The review API's routes: retrieval, decisions, completion and the queue; one function per route, each granted exactly what it calls. */
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ENV } from '../../src/contract/environment.js';
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
    const { key, intakeTable, auditTable, documentsBucket: bucket } = props.data;
    const route = (fnId: string, entry: string, description: string) => routeFunction(this, fnId, entry, description, props.data);

    const functions = {
      getDownloadUrl: route('GetDownloadUrlFn', 'get-download-url', 'GET /documents/{documentId}/download-url')
        .bindIntakeRead(intakeTable)
        .bindAuditAppend(auditTable)
        .bindDocumentsRead(bucket, key),
      reviewDocument: route('ReviewDocumentFn', 'review-document', 'POST /documents/{documentId}/review').bindIntakeUpdate(intakeTable).bindAuditAppend(auditTable),
      completeReview: route('CompleteReviewFn', 'complete-review', 'POST /submissions/{submissionId}/complete-review')
        .bindIntakeUpdate(intakeTable)
        .bindAuditAppend(auditTable)
        .bindWorkflowStart(props.outcomeStateMachine, ENV.reviewOutcomeStateMachineArn),
      listReviewQueue: route('ListReviewQueueFn', 'list-review-queue', 'GET /review-queue').bindIntakeRead(intakeTable),
    };
    props.api
      .route('GET', '/documents/{documentId}/download-url', functions.getDownloadUrl)
      .route('POST', '/documents/{documentId}/review', functions.reviewDocument)
      .route('POST', '/submissions/{submissionId}/complete-review', functions.completeReview)
      .route('GET', '/review-queue', functions.listReviewQueue);
    this.functions = Object.values(functions);
  }
}

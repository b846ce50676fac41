/** The intake API's routes: one function per route, each granted exactly what its use case calls. */
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { DataLayer } from './data-layer.js';
import { routeFunction, type IntakeApi } from './intake-api.js';
import type { ServiceFunction } from './service-function.js';

export interface IntakeRoutesProps {
  readonly api: IntakeApi;
  readonly data: DataLayer;
  /** The intake workflow that `submit` starts. */
  readonly stateMachine: sfn.IStateMachine;
}

export class IntakeRoutes extends Construct {
  readonly functions: readonly ServiceFunction[];

  constructor(scope: Construct, id: string, props: IntakeRoutesProps) {
    super(scope, id);
    const { key, intakeTable, auditTable, documentsBucket: bucket } = props.data;
    const route = (fnId: string, entry: string, description: string) => routeFunction(this, fnId, entry, description, props.data);

    const functions = {
      getDocumentTypes: route('GetDocumentTypesFn', 'get-document-types', 'GET /document-types'),
      createSubmission: route('CreateSubmissionFn', 'create-submission', 'POST /submissions').bindIntakeWrite(intakeTable).bindAuditAppend(auditTable).bindStagingUpload(bucket, key),
      listSubmissions: route('ListSubmissionsFn', 'list-submissions', 'GET /submissions').bindIntakeRead(intakeTable),
      getSubmission: route('GetSubmissionFn', 'get-submission', 'GET /submissions/{submissionId}').bindIntakeRead(intakeTable),
      getSubmissionByReference: route('GetSubmissionByReferenceFn', 'get-submission-by-reference', 'GET /submissions/by-reference/{referenceNumber}').bindIntakeRead(intakeTable),
      submitSubmission: route('SubmitSubmissionFn', 'submit-submission', 'POST /submissions/{submissionId}/submit')
        .bindIntakeWrite(intakeTable)
        .bindAuditAppend(auditTable)
        .bindWorkflowStart(props.stateMachine),
      getSubmissionAudit: route('GetSubmissionAuditFn', 'get-submission-audit', 'GET /submissions/{submissionId}/audit').bindIntakeRead(intakeTable).bindAuditRead(auditTable),
    };
    props.api
      .route('GET', '/document-types', functions.getDocumentTypes)
      .route('GET', '/submissions', functions.listSubmissions)
      .route('POST', '/submissions', functions.createSubmission)
      .route('GET', '/submissions/by-reference/{referenceNumber}', functions.getSubmissionByReference)
      .route('GET', '/submissions/{submissionId}', functions.getSubmission)
      .route('POST', '/submissions/{submissionId}/submit', functions.submitSubmission)
      .route('GET', '/submissions/{submissionId}/audit', functions.getSubmissionAudit);
    this.functions = Object.values(functions);
  }
}

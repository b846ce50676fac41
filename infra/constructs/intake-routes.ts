/** The intake API's routes: one function per route, each granted exactly what its use case calls. */
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
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
    const { key, intakeTable, audit, documentsBucket: bucket } = props.data;
    const { byProvider, byStatus, allSubmissions, byReference } = INTAKE_INDEXES;
    const route = (fnId: string, entry: string, description: string) => routeFunction(this, fnId, entry, description, props.data);

    const functions = {
      getDocumentTypes: route('GetDocumentTypesFn', 'get-document-types', 'GET /document-types'),
      createSubmission: route('CreateSubmissionFn', 'create-submission', 'POST /submissions')
        .bindIntakeTable(intakeTable, 'Query', 'PutItem', 'BatchWriteItem')
        // The document a new version replaces is found by its id (DocumentVersions.find), and her
        // credential sent again as a new document by reading her documents (DocumentVersions.listOwned).
        .bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byDocument, INTAKE_INDEXES.byOwner)
        .bindAuditAppend(audit)
        .bindStagingUpload(bucket, key),
      // A slow upload outlives its 5-minute links: new ones for the same keys, pinned to the same bytes,
      // and which files arrived (a listing of the draft's staging keys and sizes, never their bytes).
      renewUploadLinks: route('RenewUploadLinksFn', 'renew-upload-links', 'POST /submissions/{submissionId}/upload-links')
        .bindIntakeTable(intakeTable, 'Query')
        .bindStagingUpload(bucket, key)
        .bindStagingList(bucket),
      listSubmissions: route('ListSubmissionsFn', 'list-submissions', 'GET /submissions').bindIntakeIndexes(intakeTable, byProvider, byStatus, allSubmissions),
      getSubmission: route('GetSubmissionFn', 'get-submission', 'GET /submissions/{submissionId}').bindIntakeTable(intakeTable, 'Query'),
      getSubmissionByReference: route('GetSubmissionByReferenceFn', 'get-submission-by-reference', 'GET /submissions/by-reference/{referenceNumber}')
        .bindIntakeIndexes(intakeTable, byReference)
        .bindIntakeTable(intakeTable, 'Query'),
      submitSubmission: route('SubmitSubmissionFn', 'submit-submission', 'POST /submissions/{submissionId}/submit')
        .bindIntakeTable(intakeTable, 'Query', 'UpdateItem')
        .bindAuditAppend(audit)
        .bindWorkflowStart(props.stateMachine)
        .bindWorkflowDescribe(props.stateMachine),
      getSubmissionAudit: route('GetSubmissionAuditFn', 'get-submission-audit', 'GET /submissions/{submissionId}/audit').bindIntakeTable(intakeTable, 'Query').bindAuditRead(audit),
    };
    props.api
      .route('GET', '/document-types', functions.getDocumentTypes)
      .route('GET', '/submissions', functions.listSubmissions)
      .route('POST', '/submissions', functions.createSubmission)
      .route('GET', '/submissions/by-reference/{referenceNumber}', functions.getSubmissionByReference)
      .route('GET', '/submissions/{submissionId}', functions.getSubmission)
      .route('POST', '/submissions/{submissionId}/upload-links', functions.renewUploadLinks)
      .route('POST', '/submissions/{submissionId}/submit', functions.submitSubmission)
      .route('GET', '/submissions/{submissionId}/audit', functions.getSubmissionAudit);
    this.functions = Object.values(functions);
  }
}

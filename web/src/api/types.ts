/** The API's bodies as the portal reads and sends them: the shared contract, nothing redeclared. */
export type {
  CreateDocumentBody,
  CreateSubmissionBody,
  CreatedSubmission,
  DocumentView,
  FieldProblem,
  PresignedUpload,
  SubmissionList,
  SubmissionListItem,
  SubmissionView,
  SubmitResult,
} from '../../../src/contract/http.js';

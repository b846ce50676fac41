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
} from '../../../src/contract/http.js';
export type {
  CredentialAction,
  CredentialStanding,
  CredentialVersionView,
  CredentialView,
  DocumentHistory,
  ExpiringDocuments,
  ExpiringDocumentView,
  ProviderCredentials,
} from '../../../src/contract/credentials.js';

/**
 * Credentials over time, in the API: "my credentials" (and any provider's, for staff), a
 * document's history, what expires soon across providers, and the staff directory of providers
 * with the state of each one's file — each function granted exactly the table reads its use case makes.
 */
import { Construct } from 'constructs';
import { ENV } from '../../src/contract/environment.js';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import type { DataLayer } from './data-layer.js';
import type { IntakeApi } from './intake-api.js';
import { ServiceFunction } from './service-function.js';

export interface CredentialRoutesProps {
  readonly api: IntakeApi;
  readonly data: DataLayer;
}

export class CredentialRoutes extends Construct {
  readonly functions: readonly ServiceFunction[];

  constructor(scope: Construct, id: string, props: CredentialRoutesProps) {
    super(scope, id);
    const { key, intakeTable, portalOrigin } = props.data;
    const route = (fnId: string, entry: string, description: string) =>
      new ServiceFunction(this, fnId, { entry: `src/handlers/api/${entry}.ts`, description, key }).addEnvironment(ENV.portalOrigin, portalOrigin);

    const credentials = route('GetCredentialsFn', 'get-credentials', 'GET /credentials, GET /providers/{providerId}/credentials')
      .bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byOwner)
      .bindIntakeTable(intakeTable, 'Query');
    const history = route('GetDocumentHistoryFn', 'get-document-history', 'GET /documents/{documentId}/history')
      .bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byDocument, INTAKE_INDEXES.byOwner)
      .bindIntakeTable(intakeTable, 'Query');
    const expiring = route('ListExpiringDocumentsFn', 'list-expiring-documents', 'GET /credentials/expiring').bindIntakeIndexes(intakeTable, INTAKE_INDEXES.byExpiration);
    // The directory's page by name, then each listed provider's documents for the state of her file.
    const providers = route('ListProvidersFn', 'list-providers', 'GET /providers').bindIntakeIndexes(intakeTable, INTAKE_INDEXES.providerDirectory, INTAKE_INDEXES.byOwner);

    props.api
      .route('GET', '/credentials', credentials)
      .route('GET', '/providers/{providerId}/credentials', credentials)
      .route('GET', '/credentials/expiring', expiring)
      .route('GET', '/providers', providers)
      .route('GET', '/documents/{documentId}/history', history);
    this.functions = [credentials, history, expiring, providers];
  }
}

/**
 * The REST API: every route behind the Cognito authorizer, one function per route, access logs,
 * stage throttling, and gateway responses in the same error shape our handlers use.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ServiceFunction } from './service-function.js';

export interface IntakeApiRoutes {
  getDocumentTypes: ServiceFunction;
  createSubmission: ServiceFunction;
  listSubmissions: ServiceFunction;
  getSubmission: ServiceFunction;
  getSubmissionByReference: ServiceFunction;
  submitSubmission: ServiceFunction;
  getSubmissionAudit: ServiceFunction;
}

export interface IntakeApiProps {
  userPool: cognito.IUserPool;
  portalOrigin: string;
  key: kms.IKey;
  routes: IntakeApiRoutes;
}

const errorBody = (code: string, message: string) => ({ 'application/json': JSON.stringify({ error: { code, message } }) });

export class IntakeApi extends Construct {
  readonly api: apigw.RestApi;

  constructor(scope: Construct, id: string, props: IntakeApiProps) {
    super(scope, id);
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: props.key, removalPolicy: RemovalPolicy.RETAIN });

    this.api = new apigw.RestApi(this, 'Api', {
      description: 'Credentialing document intake API (v1)',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: 'v1',
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        // Request/response bodies carry personal data: never log them.
        dataTraceEnabled: false,
        tracingEnabled: true,
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [props.portalOrigin],
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type'],
      },
    });

    const cors = { 'Access-Control-Allow-Origin': `'${props.portalOrigin}'` };
    const gatewayResponses: [apigw.ResponseType, string, string, string][] = [
      [apigw.ResponseType.UNAUTHORIZED, '401', 'UNAUTHENTICATED', 'Sign in to continue.'],
      [apigw.ResponseType.ACCESS_DENIED, '403', 'FORBIDDEN', 'You are not allowed to do this.'],
      [apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN, '404', 'NOT_FOUND', 'No such resource.'],
      [apigw.ResponseType.REQUEST_TOO_LARGE, '413', 'PAYLOAD_TOO_LARGE', 'The request body is too large.'],
      [apigw.ResponseType.THROTTLED, '429', 'TOO_MANY_REQUESTS', 'Too many requests. Wait a moment and try again.'],
      [apigw.ResponseType.DEFAULT_4XX, '400', 'BAD_REQUEST', 'The request could not be processed.'],
      [apigw.ResponseType.DEFAULT_5XX, '502', 'INTERNAL_ERROR', 'Something went wrong on our side. Try again in a minute.'],
    ];
    for (const [type, statusCode, code, message] of gatewayResponses) {
      this.api.addGatewayResponse(`Response${code}`, { type, statusCode, responseHeaders: cors, templates: errorBody(code, message) });
    }

    const authorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [props.userPool], identitySource: 'method.request.header.Authorization' });
    const secured: apigw.MethodOptions = { authorizer, authorizationType: apigw.AuthorizationType.COGNITO };
    const route = (resource: apigw.IResource, method: string, fn: ServiceFunction) => resource.addMethod(method, new apigw.LambdaIntegration(fn.function), secured);

    const { routes } = props;
    route(this.api.root.addResource('document-types'), 'GET', routes.getDocumentTypes);
    const submissions = this.api.root.addResource('submissions');
    route(submissions, 'GET', routes.listSubmissions);
    route(submissions, 'POST', routes.createSubmission);
    route(submissions.addResource('by-reference').addResource('{referenceNumber}'), 'GET', routes.getSubmissionByReference);
    const submission = submissions.addResource('{submissionId}');
    route(submission, 'GET', routes.getSubmission);
    route(submission.addResource('submit'), 'POST', routes.submitSubmission);
    route(submission.addResource('audit'), 'GET', routes.getSubmissionAudit);
  }
}

/**
 * The REST API: every route behind the Cognito authorizer, one function per route, access logs,
 * stage throttling, and gateway responses in the same error shape our handlers use. Features add
 * their routes with `route()`.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ERROR_STATUS, type ErrorCode } from '../../src/contract/vocabulary.js';
import { ENV } from '../../src/contract/environment.js';
import { ServiceFunction } from './service-function.js';

export interface IntakeApiProps {
  /** Whose ID tokens the authorizer accepts. */
  readonly userPool: cognito.IUserPool;
  /** The one browser origin allowed to call the API (CORS). */
  readonly portalOrigin: string;
  /** Encrypts the access logs. */
  readonly key: kms.IKey;
}

const errorBody = (code: ErrorCode, message: string) => ({ 'application/json': JSON.stringify({ error: { code, message } }) });

export class IntakeApi extends Construct {
  readonly api: apigw.RestApi;
  private readonly secured: apigw.MethodOptions;

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
    const gatewayResponses: [apigw.ResponseType, ErrorCode, string][] = [
      [apigw.ResponseType.UNAUTHORIZED, 'UNAUTHENTICATED', 'Sign in to continue.'],
      [apigw.ResponseType.ACCESS_DENIED, 'FORBIDDEN', 'You are not allowed to do this.'],
      [apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN, 'NOT_FOUND', 'No such resource.'],
      [apigw.ResponseType.REQUEST_TOO_LARGE, 'PAYLOAD_TOO_LARGE', 'The request body is too large.'],
      [apigw.ResponseType.THROTTLED, 'TOO_MANY_REQUESTS', 'Too many requests. Wait a moment and try again.'],
      [apigw.ResponseType.DEFAULT_4XX, 'BAD_REQUEST', 'The request could not be processed.'],
      // 502, not 500: the gateway itself could not get an answer from a function.
      [apigw.ResponseType.DEFAULT_5XX, 'INTERNAL_ERROR', 'Something went wrong on our side. Try again in a minute.'],
    ];
    for (const [type, code, message] of gatewayResponses) {
      const statusCode = type === apigw.ResponseType.DEFAULT_5XX ? '502' : String(ERROR_STATUS[code]);
      this.api.addGatewayResponse(`Response${code}`, { type, statusCode, responseHeaders: cors, templates: errorBody(code, message) });
    }

    const authorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [props.userPool], identitySource: 'method.request.header.Authorization' });
    this.secured = { authorizer, authorizationType: apigw.AuthorizationType.COGNITO };
  }

  /** `path` like `/submissions/{submissionId}/submit`; every route is behind the authorizer. */
  route(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, fn: ServiceFunction): this {
    this.api.root.resourceForPath(path).addMethod(method, new apigw.LambdaIntegration(fn.function), this.secured);
    return this;
  }
}

/** A route's function: the handler `src/handlers/api/{entry}.ts`, answering CORS for the portal's origin only. */
export function routeFunction(scope: Construct, id: string, entry: string, description: string, data: { readonly key: kms.IKey; readonly portalOrigin: string }): ServiceFunction {
  return new ServiceFunction(scope, id, { entry: `src/handlers/api/${entry}.ts`, description, key: data.key }).addEnvironment(ENV.portalOrigin, data.portalOrigin);
}

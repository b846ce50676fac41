/**
 * The HTTP edge of every API function: who is calling (from the Cognito authorizer's claims),
 * request body rules, and the one place where domain errors become HTTP responses.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { LIMITS } from '../../domain/catalog.js';
import { PROVIDER_GROUP, STAFF_GROUP, type Caller } from '../../domain/caller.js';
import { ERROR_STATUS } from '../../contract/vocabulary.js';
import { ENV } from '../../contract/environment.js';
import { DomainError, Unauthenticated, ValidationFailed } from '../../domain/errors.js';
import { PayloadTooLarge, UnsupportedMediaType } from './request-errors.js';
import { logger } from './powertools.js';
import { fromService, isThrottled, isTransient, messageOf } from './transient.js';

export interface ApiRequest {
  caller: Caller;
  path: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON body; throws 415/413/400 domain errors for a wrong type, size or syntax. */
  json(): unknown;
}

export interface ApiResult {
  statusCode: number;
  body: unknown;
}

function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  // API Gateway hands array claims over as strings, e.g. "[a, b]" or "a,b".
  return typeof claim === 'string' ? claim.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean) : [];
}

export function callerFrom(event: APIGatewayProxyEvent): Caller {
  const claims = (event.requestContext.authorizer?.claims ?? {}) as Record<string, unknown>;
  const userId = typeof claims.sub === 'string' ? claims.sub : '';
  if (!userId) throw new Unauthenticated('Sign in to continue.');
  const groups = groupsOf(claims['cognito:groups']);
  const role = groups.includes(STAFF_GROUP) ? 'staff' : groups.includes(PROVIDER_GROUP) ? 'provider' : null;
  if (!role) throw new Unauthenticated('Your account is not set up for the credentialing portal. Contact the credentialing office.');
  const claim = (key: string) => (typeof claims[key] === 'string' && claims[key].trim() ? claims[key] : undefined);
  const givenName = claim('given_name');
  const familyName = claim('family_name');
  const name = [givenName, familyName].filter(Boolean).join(' ') || String(claims.name ?? claims.email ?? '');
  return {
    userId,
    email: String(claims.email ?? ''),
    name,
    ...(givenName ? { givenName } : {}),
    ...(familyName ? { familyName } : {}),
    role,
    requestId: event.requestContext.requestId,
    sourceIp: event.requestContext.identity?.sourceIp ?? null,
  };
}

function headerValue(headers: APIGatewayProxyEvent['headers'], name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((candidate) => candidate.toLowerCase() === name);
  return key ? headers[key] : undefined;
}

export function parseJsonBody(event: APIGatewayProxyEvent): unknown {
  const contentType = headerValue(event.headers, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new UnsupportedMediaType('Send the request body as JSON with Content-Type: application/json.');
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body ?? '';
  if (Buffer.byteLength(raw) > LIMITS.maxRequestBodyBytes) {
    throw new PayloadTooLarge(`The request body is larger than ${LIMITS.maxRequestBodyBytes / 1024 / 1024} MB.`);
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationFailed('The request body is not valid JSON.', [{ path: '(body)', message: 'Not valid JSON.' }]);
  }
}

/** Seconds a client waits before retrying a request refused for a transient reason. */
const RETRY_AFTER = { throttled: 2, unavailable: 5 };

function respond(statusCode: number, body: unknown, extraHeaders: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: {
      ...extraHeaders,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
      ...(process.env[ENV.portalOrigin] ? { 'Access-Control-Allow-Origin': process.env[ENV.portalOrigin], Vary: 'Origin' } : {}),
    },
    body: JSON.stringify(body),
  };
}

export function errorResponse(error: unknown, requestId: string): APIGatewayProxyResult {
  if (error instanceof DomainError) {
    const details = error.details.length > 0 ? { details: error.details } : {};
    return respond(ERROR_STATUS[error.code], { error: { code: error.code, message: error.message, ...details } });
  }
  // Log the failure, never the request body (it may hold a provider's personal data).
  const logged = { requestId, error: error instanceof Error ? { name: error.name, message: messageOf(error), ...(fromService(error) ? {} : { stack: error.stack }) } : String(error) };
  if (isThrottled(error)) {
    logger.warn('Dependency throttled', logged);
    const message = 'Too many requests at once. Try again in a few seconds.';
    return respond(ERROR_STATUS.TOO_MANY_REQUESTS, { error: { code: 'TOO_MANY_REQUESTS', message, requestId } }, { 'Retry-After': String(RETRY_AFTER.throttled) });
  }
  if (isTransient(error)) {
    logger.warn('Dependency unavailable', logged);
    const message = 'A service we depend on is briefly unavailable. Try again in a few seconds.';
    return respond(ERROR_STATUS.SERVICE_UNAVAILABLE, { error: { code: 'SERVICE_UNAVAILABLE', message, requestId } }, { 'Retry-After': String(RETRY_AFTER.unavailable) });
  }
  logger.error('Unhandled error', logged);
  return respond(500, { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. Try again in a minute.', requestId } });
}

export function httpHandler(route: (request: ApiRequest) => Promise<ApiResult>) {
  return async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    logger.addContext(context);
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    try {
      const caller = callerFrom(event);
      const result = await route({
        caller,
        path: (event.pathParameters ?? {}) as Record<string, string>,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        json: () => parseJsonBody(event),
      });
      logger.info('Request handled', { requestId, resource: event.resource, method: event.httpMethod, statusCode: result.statusCode, role: caller.role });
      return respond(result.statusCode, result.body);
    } catch (error) {
      const response = errorResponse(error, requestId);
      if (response.statusCode < 500) logger.info('Request refused', { requestId, resource: event.resource, statusCode: response.statusCode });
      return response;
    }
  };
}

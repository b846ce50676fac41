/**
 * API Gateway, locally: routes, CORS preflights (the template's MOCK OPTIONS methods) and
 * gateway responses (status, body, headers) come from the template's RestApi; the Cognito
 * authorizer is emulated by verifying the ID token against the local user pool's JWKS and
 * passing its claims in requestContext.authorizer.claims. The same server hosts the portal.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { LocalFunctions } from './functions.js';
import { closeServer, decodePath, listenOnLoopback } from './http-server.js';
import { securityHeaders, serveStatic } from './static-site.js';
import { referencedIds, resolve, resourcesOfType, type LocalValues, type Template } from './template.js';

/** A fixed response: a MOCK integration's or a gateway response's. */
interface FixedResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

interface Route {
  method: string;
  resourcePath: string;
  segments: string[];
  authorized: boolean;
  functionId?: string;
  mock?: FixedResponse;
}

const API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;

/** `{prefix.header.Name: "'value'"}` (static values are quoted in the template) → `{Name: value}`. */
function headersFrom(parameters: unknown, prefix: string, locals: LocalValues): Record<string, string> {
  const resolved = (resolve(parameters ?? {}, locals) ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(resolved)
      .filter(([key, value]) => key.startsWith(prefix) && typeof value === 'string' && /^'.*'$/.test(value))
      .map(([key, value]) => [key.slice(prefix.length), (value as string).slice(1, -1)]),
  );
}

function mockResponse(integration: { Type?: string; IntegrationResponses?: { StatusCode?: string; ResponseParameters?: unknown; ResponseTemplates?: Record<string, string> }[] }, locals: LocalValues): FixedResponse | undefined {
  if (integration.Type !== 'MOCK') return undefined;
  const response = integration.IntegrationResponses?.[0];
  return { statusCode: Number(response?.StatusCode ?? 200), headers: headersFrom(response?.ResponseParameters, 'method.response.header.', locals), body: response?.ResponseTemplates?.['application/json'] ?? '' };
}

function routesFrom(template: Template, locals: LocalValues): Route[] {
  const resources = Object.fromEntries(resourcesOfType(template, 'AWS::ApiGateway::Resource').map(([id, r]) => [id, r.Properties!]));
  const pathOf = (resourceRef: unknown): string => {
    const parent = (resourceRef as { Ref?: string }).Ref;
    if (!parent || !resources[parent]) return ''; // the API's root resource
    return `${pathOf(resources[parent]!.ParentId)}/${resources[parent]!.PathPart as string}`;
  };
  return resourcesOfType(template, 'AWS::ApiGateway::Method').map(([, m]) => {
    const props = m.Properties!;
    const resourcePath = pathOf(props.ResourceId) || '/';
    const integration = props.Integration as { Uri?: unknown; Type?: string };
    const functionId = referencedIds(integration.Uri).find((id) => template.Resources[id]?.Type === 'AWS::Lambda::Function');
    const mock = mockResponse(integration, locals);
    return { method: props.HttpMethod as string, resourcePath, segments: resourcePath.split('/').filter(Boolean), authorized: props.AuthorizationType === 'COGNITO_USER_POOLS', ...(functionId ? { functionId } : {}), ...(mock ? { mock } : {}) };
  });
}

function gatewayResponsesFrom(template: Template, locals: LocalValues): Record<string, FixedResponse> {
  return Object.fromEntries(
    resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse').map(([, r]) => [
      r.Properties!.ResponseType as string,
      {
        statusCode: Number(r.Properties!.StatusCode),
        headers: headersFrom(r.Properties!.ResponseParameters, 'gatewayresponse.header.', locals),
        body: (r.Properties!.ResponseTemplates as Record<string, string> | undefined)?.['application/json'] ?? '',
      },
    ]),
  );
}

/** Static segments win over path parameters, as in API Gateway. */
function match(routes: Route[], method: string, pathname: string) {
  const parts = pathname.split('/').filter(Boolean).map(decodePath);
  let best: { route: Route; params: Record<string, string>; score: string } | null = null;
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let score = '';
    const ok = route.segments.every((segment, i) => {
      if (segment.startsWith('{')) {
        params[segment.slice(1, -1)] = parts[i]!;
        score += '0';
        return true;
      }
      score += '1';
      return segment === parts[i];
    });
    if (ok && (!best || score > best.score || (score === best.score && route.method === method))) best = { route, params, score };
  }
  return best && best.route.method === method ? best : best ? { ...best, wrongMethod: true } : null;
}

export interface ApiServerOptions {
  template: Template;
  locals: LocalValues;
  functions: LocalFunctions;
  cognitoEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  webRoot: string;
  portalConfig: () => Record<string, unknown>;
  extraConnectSources: string[];
  /** Where presigned document URLs point (previews in frames and images). */
  documentSources: string[];
  /**
   * Standard attributes of a user. cognito-local puts only email and custom attributes in ID
   * tokens; real Cognito also puts given_name/family_name there, so the emulated authorizer adds them,
   * read once per token (`tokenId`: its jti) as AWS fixes them when it issues the token.
   */
  standardClaims: (username: string, tokenId: string) => Promise<Record<string, string>>;
}

export class LocalApiServer {
  private server?: Server;
  private readonly routes: Route[];
  private readonly responses: Record<string, FixedResponse>;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: ApiServerOptions) {
    this.routes = routesFrom(options.template, options.locals);
    this.responses = gatewayResponsesFrom(options.template, options.locals);
    this.jwks = createRemoteJWKSet(new URL(`${options.cognitoEndpoint}/${options.userPoolId}/.well-known/jwks.json`));
  }

  async listen(port: number): Promise<number> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        console.error('Local API server error:', error);
        this.sendGateway(response, 'DEFAULT_5XX');
      });
    });
    return listenOnLoopback(this.server, port);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private sendFixed(response: ServerResponse, fixed: FixedResponse): void {
    response.writeHead(fixed.statusCode, { ...(fixed.body ? { 'Content-Type': 'application/json' } : {}), ...fixed.headers });
    response.end(fixed.body);
  }

  private sendGateway(response: ServerResponse, type: string): void {
    const fallback = type.startsWith('DEFAULT_5') || type === 'INTEGRATION_FAILURE' ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
    this.sendFixed(response, this.responses[type] ?? this.responses[fallback] ?? { statusCode: fallback === 'DEFAULT_5XX' ? 502 : 400, headers: {}, body: '' });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return this.handleApi(request, response, url);
    if (url.pathname === '/config.json') {
      response.writeHead(200, { ...securityHeaders(this.options.extraConnectSources, this.options.documentSources), 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify(this.options.portalConfig()));
      return;
    }
    serveStatic(this.options.webRoot, url.pathname, response, this.options.extraConnectSources, this.options.documentSources);
  }

  private async handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const pathname = url.pathname.slice('/api'.length) || '/';
    const found = match(this.routes, request.method ?? 'GET', pathname);
    if (!found || 'wrongMethod' in found) return this.sendGateway(response, 'MISSING_AUTHENTICATION_TOKEN');
    if (found.route.mock) return this.sendFixed(response, found.route.mock);
    if (!found.route.functionId) return this.sendGateway(response, 'INTEGRATION_FAILURE');

    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > API_GATEWAY_MAX_BODY) return this.sendGateway(response, 'REQUEST_TOO_LARGE');
      chunks.push(chunk);
    }

    let claims: Record<string, string> | undefined;
    if (found.route.authorized) {
      claims = await this.verify(request.headers.authorization);
      if (!claims) return this.sendGateway(response, 'UNAUTHORIZED');
    }

    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v ?? '']));
    const query = url.searchParams.size ? Object.fromEntries(url.searchParams) : null;
    const requestId = randomUUID();
    const event = {
      resource: found.route.resourcePath,
      path: pathname,
      httpMethod: found.route.method,
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      queryStringParameters: query,
      multiValueQueryStringParameters: query ? Object.fromEntries([...url.searchParams.keys()].map((k) => [k, url.searchParams.getAll(k)])) : null,
      pathParameters: Object.keys(found.params).length ? found.params : null,
      stageVariables: null,
      requestContext: {
        requestId,
        stage: 'v1',
        httpMethod: found.route.method,
        resourcePath: found.route.resourcePath,
        path: `/v1${pathname}`,
        identity: { sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
        authorizer: claims ? { claims } : null,
      },
      body: chunks.length ? Buffer.concat(chunks).toString('utf8') : null,
      isBase64Encoded: false,
    };
    const result = (await this.options.functions.invoke(found.route.functionId, event)) as { statusCode: number; headers?: Record<string, string>; body?: string };
    response.writeHead(result.statusCode, { ...result.headers, 'x-amzn-RequestId': requestId });
    response.end(result.body ?? '');
  }

  /** The Cognito authorizer: a valid, unexpired ID token of this pool and app client. */
  private async verify(header: string | undefined): Promise<Record<string, string> | undefined> {
    const token = header?.replace(/^Bearer\s+/i, '');
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.jwks, { issuer: `${this.options.cognitoEndpoint}/${this.options.userPoolId}`, audience: this.options.userPoolClientId });
      if (payload.token_use !== 'id') return undefined;
      const standard = await this.options.standardClaims(String(payload['cognito:username'] ?? payload.sub), String(payload.jti ?? token));
      // API Gateway hands claims to the function as strings.
      return { ...standard, ...Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)])) };
    } catch {
      return undefined;
    }
  }
}

/**
 * API Gateway, locally: routes and gateway responses come from the template's RestApi; the
 * Cognito authorizer is emulated by verifying the ID token against the local user pool's JWKS
 * and passing its claims in requestContext.authorizer.claims. The same server hosts the portal.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { portalContentSecurityPolicy } from '../src/contract/service.js';
import type { LocalFunctions } from './functions.js';
import { referencedIds, resourcesOfType, type Template } from './template.js';

interface Route {
  method: string;
  resourcePath: string;
  segments: string[];
  functionId: string;
  authorized: boolean;
}

interface GatewayResponse {
  statusCode: number;
  body: string;
}

const API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;
const STATIC_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json' };

function routesFrom(template: Template): Route[] {
  const resources = Object.fromEntries(resourcesOfType(template, 'AWS::ApiGateway::Resource').map(([id, r]) => [id, r.Properties!]));
  const pathOf = (resourceRef: unknown): string => {
    const parent = (resourceRef as { Ref?: string }).Ref;
    if (!parent || !resources[parent]) return ''; // the API's root resource
    return `${pathOf(resources[parent]!.ParentId)}/${resources[parent]!.PathPart as string}`;
  };
  return resourcesOfType(template, 'AWS::ApiGateway::Method')
    .filter(([, m]) => m.Properties!.HttpMethod !== 'OPTIONS')
    .map(([, m]) => {
      const props = m.Properties!;
      const resourcePath = pathOf(props.ResourceId) || '/';
      const functionId = referencedIds((props.Integration as { Uri: unknown }).Uri).find((id) => template.Resources[id]?.Type === 'AWS::Lambda::Function')!;
      return { method: props.HttpMethod as string, resourcePath, segments: resourcePath.split('/').filter(Boolean), functionId, authorized: props.AuthorizationType === 'COGNITO_USER_POOLS' };
    });
}

function gatewayResponsesFrom(template: Template): Record<string, GatewayResponse> {
  return Object.fromEntries(
    resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse').map(([, r]) => [
      r.Properties!.ResponseType as string,
      { statusCode: Number(r.Properties!.StatusCode), body: (r.Properties!.ResponseTemplates as Record<string, string>)['application/json']! },
    ]),
  );
}

/** API Gateway passes a malformed percent-escape through as it is; so do we. */
function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
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
  functions: LocalFunctions;
  cognitoEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  webRoot: string;
  portalConfig: () => Record<string, unknown>;
  extraConnectSources: string[];
  /**
   * Standard attributes of a user. cognito-local puts only email and custom attributes in ID
   * tokens; real Cognito also puts given_name/family_name there, so the emulated authorizer adds them.
   */
  standardClaims: (username: string) => Promise<Record<string, string>>;
}

export class LocalApiServer {
  private server?: Server;
  private readonly routes: Route[];
  private readonly responses: Record<string, GatewayResponse>;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: ApiServerOptions) {
    this.routes = routesFrom(options.template);
    this.responses = gatewayResponsesFrom(options.template);
    this.jwks = createRemoteJWKSet(new URL(`${options.cognitoEndpoint}/${options.userPoolId}/.well-known/jwks.json`));
  }

  async listen(port: number): Promise<number> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        console.error('Local API server error:', error);
        this.sendGateway(response, 'DEFAULT_5XX');
      });
    });
    await new Promise<void>((ready, failed) => {
      this.server!.once('error', failed);
      this.server!.listen(port, '127.0.0.1', ready);
    });
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  private sendGateway(response: ServerResponse, type: string): void {
    const gateway = this.responses[type] ?? this.responses.DEFAULT_4XX!;
    response.writeHead(gateway.statusCode, { 'Content-Type': 'application/json' });
    response.end(gateway.body);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return this.handleApi(request, response, url);
    return this.serveStatic(url.pathname, response);
  }

  private async handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const pathname = url.pathname.slice('/api'.length) || '/';
    const found = match(this.routes, request.method ?? 'GET', pathname);
    if (!found || 'wrongMethod' in found) return this.sendGateway(response, 'MISSING_AUTHENTICATION_TOKEN');

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
      const standard = await this.options.standardClaims(String(payload['cognito:username'] ?? payload.sub));
      // API Gateway hands claims to the function as strings.
      return { ...standard, ...Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)])) };
    } catch {
      return undefined;
    }
  }

  private serveStatic(pathname: string, response: ServerResponse): void {
    const security = {
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': portalContentSecurityPolicy(this.options.extraConnectSources),
    };
    if (pathname === '/config.json') {
      response.writeHead(200, { ...security, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify(this.options.portalConfig()));
      return;
    }
    const root = this.options.webRoot;
    const candidate = path.normalize(path.join(root, decodePath(pathname)));
    const isFile = candidate.startsWith(root) && existsSync(candidate) && statSync(candidate).isFile();
    const file = isFile ? candidate : path.join(root, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('The portal is not built yet. Run `npm run build:web` (npm start does this for you).');
      return;
    }
    response.writeHead(200, { ...security, 'Content-Type': STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': isFile && file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache' });
    response.end(readFileSync(file));
  }
}

/**
 * Lambda's Invoke API for every function of the template, as AWS answers it, so
 * `@aws-sdk/client-lambda` pointed at this endpoint works; the workflow's Lambda tasks use the
 * same invoker. `POST /2015-03-31/functions/{name}/invocations`, name or ARN.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { closeServer, listenOnLoopback, readBody } from './http-server.js';
import { randomUUID } from 'node:crypto';
import { FunctionError, FunctionNotFound, type LocalFunctions } from './functions.js';

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface Invocation {
  statusCode: number;
  /** Set when the function threw: the payload is then `{errorType, errorMessage, trace}`. */
  functionError?: 'Unhandled';
  payload: string;
}

export class LambdaRequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

export class LocalLambdaInvoker {
  constructor(
    private readonly functions: LocalFunctions,
    private readonly onAsyncError: (message: string) => void,
  ) {}

  async invoke(nameOrArn: string, payloadText: string, type: InvocationType = 'RequestResponse'): Promise<Invocation> {
    if (!this.functions.has(nameOrArn)) throw new LambdaRequestError(404, 'ResourceNotFoundException', new FunctionNotFound(nameOrArn).message);
    let event: unknown;
    try {
      event = payloadText.trim() ? JSON.parse(payloadText) : {};
    } catch {
      throw new LambdaRequestError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
    }
    if (type === 'DryRun') return { statusCode: 204, payload: '' };
    if (type === 'Event') {
      // Asynchronous invocation: accepted now, run in the background.
      this.functions.invoke(nameOrArn, event).catch((error: Error) => this.onAsyncError(`Function ${nameOrArn} failed (asynchronous invocation): ${error.name}: ${error instanceof FunctionError ? error.payload.errorMessage : error.message}`));
      return { statusCode: 202, payload: '' };
    }
    try {
      return { statusCode: 200, payload: JSON.stringify(await this.functions.invoke(nameOrArn, event)) };
    } catch (error) {
      if (error instanceof FunctionError) return { statusCode: 200, functionError: 'Unhandled', payload: JSON.stringify(error.payload) };
      throw error;
    }
  }
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export class LambdaApiServer {
  private server?: Server;
  private invoker?: LocalLambdaInvoker;

  /** The server listens first (its URL goes into the functions' environment), then serves. */
  serve(invoker: LocalLambdaInvoker): void {
    this.invoker = invoker;
  }

  private async handle(request: IncomingMessage): Promise<Invocation> {
    if (!this.invoker) throw new LambdaRequestError(503, 'ServiceException', 'The local runtime is still starting');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = request.method === 'POST' ? INVOKE_PATH.exec(url.pathname) : null;
    if (!match) throw new LambdaRequestError(404, 'UnknownOperationException', `${request.method} ${url.pathname} is not emulated locally`);
    const qualifier = url.searchParams.get('Qualifier');
    const name = decodeURIComponent(match[1]!) + (qualifier ? `:${qualifier}` : '');
    const type = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse') as InvocationType;
    if (!['RequestResponse', 'Event', 'DryRun'].includes(type)) throw new LambdaRequestError(400, 'InvalidParameterValueException', `Unsupported invocation type ${type}`);
    return this.invoker.invoke(name, await readBody(request), type);
  }

  async listen(port: number): Promise<string> {
    this.server = createServer((request, response) => {
      const requestId = randomUUID();
      const fail = (error: LambdaRequestError) => {
        response.writeHead(error.statusCode, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': error.type, 'x-amzn-RequestId': requestId });
        response.end(JSON.stringify({ Type: 'User', message: error.message }));
      };
      this.handle(request)
        .then((result) => {
          response.writeHead(result.statusCode, {
            'Content-Type': 'application/json',
            'X-Amz-Executed-Version': '$LATEST',
            'x-amzn-RequestId': requestId,
            ...(result.functionError ? { 'X-Amz-Function-Error': result.functionError } : {}),
          });
          response.end(result.payload);
        })
        .catch((error: unknown) => fail(error instanceof LambdaRequestError ? error : new LambdaRequestError(500, 'ServiceException', String(error))));
    });
    return `http://127.0.0.1:${await listenOnLoopback(this.server, port)}`;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}

/**
 * The template's Lambda functions, run locally from their esbuild bundles in worker threads,
 * each with the environment, handler, memory and timeout the template gives it.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ENTRY_METADATA_KEY } from '../src/contract/service.js';
import { localFunctionArn, localFunctionName } from './local-values.js';
import { resolve, resourcesOfType, type LocalValues, type Template } from './template.js';

export interface FunctionErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** An invocation that ended in an error, as Lambda reports it (`X-Amz-Function-Error: Unhandled`). */
export class FunctionError extends Error {
  constructor(readonly payload: FunctionErrorPayload) {
    // Step Functions shows the error type as `Error` and this JSON as `Cause`.
    super(JSON.stringify(payload));
    this.name = payload.errorType;
  }
}

export class FunctionNotFound extends Error {
  constructor(name: string) {
    super(`Function not found: ${name}`);
    this.name = 'ResourceNotFoundException';
  }
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface LocalFunction {
  logicalId: string;
  entry: string;
  handlerName: string;
  environment: Record<string, string>;
  timeoutMs: number;
  memoryMb: number;
  worker?: Promise<Worker>;
  pending: Map<number, Waiter>;
}

/** Project-relative entry files of the template's own functions (CDK's helper functions have none). */
export function functionEntries(template: Template): string[] {
  return resourcesOfType(template, 'AWS::Lambda::Function')
    .map(([, resource]) => resource.Metadata?.[ENTRY_METADATA_KEY])
    .filter((entry): entry is string => typeof entry === 'string');
}

/** `name`, `name:$LATEST`, `account:function:name` or the full ARN → the function name. */
function functionNameOf(nameOrArn: string): { name: string; qualifier?: string } {
  const parts = nameOrArn.split(':');
  const at = parts.indexOf('function');
  const [name, qualifier] = at >= 0 ? [parts[at + 1]!, parts[at + 2]] : [parts[0]!, parts[1]];
  return { name, ...(qualifier ? { qualifier } : {}) };
}

export class LocalFunctions {
  private readonly functions = new Map<string, LocalFunction>();
  private nextId = 1;
  private closed = false;

  constructor(template: Template, locals: LocalValues, sharedEnvironment: Record<string, string>, overrides: Record<string, string>, private readonly bundleOf: (entry: string) => string) {
    for (const [logicalId, resource] of resourcesOfType(template, 'AWS::Lambda::Function')) {
      const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
      if (typeof entry !== 'string') continue; // e.g. CDK's own custom-resource functions
      const props = resource.Properties ?? {};
      const variables = (resolve((props.Environment as { Variables?: unknown })?.Variables ?? {}, locals) ?? {}) as Record<string, unknown>;
      const environment: Record<string, string> = { ...sharedEnvironment };
      for (const [name, value] of Object.entries(variables)) environment[name] = overrides[name] ?? String(value);
      const handlerName = String(props.Handler ?? 'index.handler').split('.').pop()!;
      this.functions.set(localFunctionName(logicalId), { logicalId, entry, handlerName, environment, timeoutMs: Number(props.Timeout ?? 3) * 1000, memoryMb: Number(props.MemorySize ?? 128), pending: new Map() });
    }
  }

  has(nameOrArn: string): boolean {
    try {
      return Boolean(this.find(nameOrArn));
    } catch {
      return false;
    }
  }

  private find(nameOrArn: string): LocalFunction {
    const { name, qualifier } = functionNameOf(nameOrArn);
    const fn = this.functions.get(name);
    if (!fn || (qualifier && qualifier !== '$LATEST')) throw new FunctionNotFound(nameOrArn);
    return fn;
  }

  private start(fn: LocalFunction): Promise<Worker> {
    if (this.closed) return Promise.reject(new FunctionError({ errorType: 'Runtime.Stopped', errorMessage: 'The local runtime is stopping', trace: [] }));
    fn.worker ??= new Promise<Worker>((ready, failed) => {
      const worker = new Worker(new URL('./function-worker.mjs', import.meta.url), {
        env: { ...process.env, ...fn.environment },
        workerData: {
          moduleUrl: pathToFileURL(this.bundleOf(fn.entry)).href,
          handlerName: fn.handlerName,
          functionName: localFunctionName(fn.logicalId),
          functionArn: localFunctionArn(fn.logicalId),
          memoryMb: fn.memoryMb,
          timeoutMs: fn.timeoutMs,
        },
      });
      let initError: FunctionErrorPayload | undefined;
      worker.on('message', (message: { ready?: boolean; initError?: FunctionErrorPayload; id?: number; result?: unknown; error?: FunctionErrorPayload }) => {
        if (message.ready) return ready(worker);
        if (message.initError) return (initError = message.initError);
        const waiter = fn.pending.get(message.id!);
        fn.pending.delete(message.id!);
        if (message.error) waiter?.reject(new FunctionError(message.error));
        else waiter?.resolve(message.result);
      });
      worker.on('error', (error) => (initError ??= { errorType: 'Runtime.ExitError', errorMessage: String(error), trace: [] }));
      // As when a Lambda sandbox dies: the invocations in it fail and the next one starts afresh.
      worker.once('exit', (code) => {
        fn.worker = undefined;
        const payload = initError ?? { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: exit status ${code}`, trace: [] };
        failed(new FunctionError(payload));
        for (const waiter of fn.pending.values()) waiter.reject(new FunctionError(payload));
        fn.pending.clear();
      });
      worker.unref();
    });
    return fn.worker;
  }

  /** Runs the function's handler with the event; rejects with FunctionError if it throws. */
  async invoke(nameOrArn: string, event: unknown): Promise<unknown> {
    const fn = this.find(nameOrArn);
    const worker = await this.start(fn);
    const id = this.nextId++;
    return new Promise((resolveResult, reject) => {
      fn.pending.set(id, { resolve: resolveResult, reject });
      worker.postMessage({ id, event: JSON.parse(JSON.stringify(event ?? null)), requestId: randomUUID() });
    });
  }

  /** Loads every function, one after another so that requests arriving meanwhile are not starved. */
  async warm(): Promise<void> {
    for (const fn of this.functions.values()) if (!this.closed) await this.start(fn).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.functions.values()].map(async (fn) => (fn.worker ? (await fn.worker.catch(() => null))?.terminate() : undefined)));
  }
}

/**
 * The template's Lambda functions, run locally from their TypeScript entry (metadata written by
 * ServiceFunction) in worker threads, each with the environment the template gives it.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT } from '../infra/project-root.js';
import { ENTRY_METADATA_KEY } from '../src/contract/service.js';
import { resolve, resourcesOfType, type LocalValues, type Template } from './template.js';

export class FunctionError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

interface LocalFunction {
  logicalId: string;
  entry: string;
  environment: Record<string, string>;
  timeoutMs: number;
  worker?: Promise<Worker>;
}

export class LocalFunctions {
  private readonly functions = new Map<string, LocalFunction>();
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor(template: Template, locals: LocalValues, sharedEnvironment: Record<string, string>, overrides: Record<string, string>) {
    for (const [logicalId, resource] of resourcesOfType(template, 'AWS::Lambda::Function')) {
      const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
      if (typeof entry !== 'string') continue; // e.g. CDK's own custom-resource functions
      const props = resource.Properties ?? {};
      const variables = (resolve((props.Environment as { Variables?: unknown })?.Variables ?? {}, locals) ?? {}) as Record<string, unknown>;
      const environment: Record<string, string> = { ...sharedEnvironment };
      for (const [name, value] of Object.entries(variables)) environment[name] = overrides[name] ?? String(value);
      this.functions.set(logicalId, { logicalId, entry, environment, timeoutMs: Number(props.Timeout ?? 30) * 1000 });
    }
  }

  private start(fn: LocalFunction): Promise<Worker> {
    fn.worker ??= new Promise<Worker>((ready, failed) => {
      const worker = new Worker(new URL('./function-worker.mjs', import.meta.url), {
        env: { ...process.env, ...fn.environment },
        workerData: { entryUrl: pathToFileURL(path.join(PROJECT_ROOT, fn.entry)).href },
      });
      worker.on('message', (message: { ready?: boolean; id?: number; result?: unknown; error?: { name: string; message: string } }) => {
        if (message.ready) return ready(worker);
        const waiter = this.pending.get(message.id!);
        this.pending.delete(message.id!);
        if (message.error) waiter?.reject(new FunctionError(message.error.name, message.error.message));
        else waiter?.resolve(message.result);
      });
      worker.once('error', failed);
      worker.unref();
    });
    return fn.worker;
  }

  async invoke(logicalId: string, event: unknown): Promise<unknown> {
    const fn = this.functions.get(logicalId);
    if (!fn) throw new Error(`No local function ${logicalId}`);
    const worker = await this.start(fn);
    const id = this.nextId++;
    return new Promise((resolveResult, reject) => {
      this.pending.set(id, { resolve: resolveResult, reject });
      worker.postMessage({ id, event: JSON.parse(JSON.stringify(event)), functionName: logicalId, timeoutMs: fn.timeoutMs });
    });
  }

  /** Loads every function now, so the first request is not slow. */
  async warm(): Promise<void> {
    await Promise.all([...this.functions.values()].map((fn) => this.start(fn)));
  }

  async close(): Promise<void> {
    await Promise.all([...this.functions.values()].map(async (fn) => (fn.worker ? (await fn.worker.catch(() => null))?.terminate() : undefined)));
  }
}

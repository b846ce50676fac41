/**
 * The template's own state machine, run by aws-local-stepfunctions, behind a small HTTP endpoint
 * that speaks the Step Functions API (StartExecution, DescribeExecution), so the submit handler
 * uses the real SDK call. Lambda tasks run the same step handlers as in AWS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StateMachine } from 'aws-local-stepfunctions';
import { FunctionError, type LocalFunctions } from './functions.js';
import { resolve, resourcesOfType, type LocalValues, type Template } from './template.js';

// aws-local-stepfunctions 3 targets Node 22; this is the one API it needs from it on Node 20.
const promiseStatics = Promise as unknown as { withResolvers?: () => unknown };
promiseStatics.withResolvers ??= function withResolvers<T>() {
  let resolvePromise!: (value: T) => void;
  let rejectPromise!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolvePromise = res;
    rejectPromise = rej;
  });
  return { promise, resolve: resolvePromise, reject: rejectPromise };
};

type Asl = { States: Record<string, { Type: string; Parameters?: Record<string, unknown>; ItemProcessor?: Asl; Iterator?: Asl }> };

interface Execution {
  executionArn: string;
  name: string;
  input: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  done: Promise<void>;
}

export const LOCAL_ACCOUNT = '000000000000';

/** Task state name → function logical id, found through the FunctionName of each Lambda task. */
function lambdaTasks(asl: Asl, found: Record<string, string> = {}): Record<string, string> {
  for (const [name, state] of Object.entries(asl.States)) {
    const target = state.Parameters?.FunctionName;
    if (state.Type === 'Task' && typeof target === 'string') found[name] = target.split(':function:')[1] ?? target;
    const nested = state.ItemProcessor ?? state.Iterator;
    if (nested) lambdaTasks(nested, found);
  }
  return found;
}

export class LocalWorkflow {
  private readonly executions = new Map<string, Execution>();
  private readonly machine: StateMachine;
  private readonly handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  private server?: Server;
  readonly stateMachineArn: string;

  constructor(
    template: Template,
    locals: LocalValues,
    functions: LocalFunctions,
    private readonly onError: (message: string) => void,
    /** Test-only: milliseconds each retry of these states waits instead of the definition's intervals. */
    private readonly retryIntervalOverrides: Record<string, number | number[]> = {},
  ) {
    const [logicalId, resource] = resourcesOfType(template, 'AWS::StepFunctions::StateMachine')[0]!;
    this.stateMachineArn = locals.ref(logicalId)!;
    const asl = JSON.parse(String(resolve(resource.Properties!.DefinitionString, locals))) as Asl;
    for (const [stateName, functionId] of Object.entries(lambdaTasks(asl))) {
      this.handlers[stateName] = async (parameters) => {
        const { Payload } = parameters as { Payload: unknown };
        try {
          // The shape of Step Functions' lambda:invoke integration with payloadResponseOnly: false.
          return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: await functions.invoke(functionId, Payload) };
        } catch (error) {
          throw error instanceof FunctionError ? error : new FunctionError('Lambda.ServiceException', String(error));
        }
      };
    }
    this.machine = new StateMachine(asl as never, { validationOptions: { checkArn: false, checkPaths: false } });
  }

  start(name: string, input: string): Execution {
    const existing = this.executions.get(name);
    if (existing) return existing;
    const executionArn = this.stateMachineArn.replace(':stateMachine:', ':execution:') + `:${name}`;
    const execution: Execution = { executionArn, name, input, status: 'RUNNING', startDate: Date.now() / 1000, done: Promise.resolve() };
    const run = this.machine.run(JSON.parse(input), { overrides: { taskResourceLocalHandlers: this.handlers as never, retryIntervalOverrides: this.retryIntervalOverrides }, context: { Execution: { Id: executionArn, Name: name } } as never });
    execution.done = run.result.then(
      (output) => {
        Object.assign(execution, { status: 'SUCCEEDED', output: JSON.stringify(output), stopDate: Date.now() / 1000 });
      },
      (error: Error & { cause?: unknown }) => {
        Object.assign(execution, { status: 'FAILED', error: error.name, cause: error.message, stopDate: Date.now() / 1000 });
        this.onError(`Workflow ${name} failed: ${error.name}: ${error.message}`);
      },
    );
    this.executions.set(name, execution);
    return execution;
  }

  /** Waits for every running execution (tests and shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.executions.values()].map((execution) => execution.done));
  }

  async listen(port: number): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const target = String(request.headers['x-amz-target'] ?? '').split('.').pop();
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, string>;
        const reply = (status: number, payload: unknown) => {
          response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0' });
          response.end(JSON.stringify(payload));
        };
        if (target === 'StartExecution') {
          if (body.stateMachineArn !== this.stateMachineArn) return reply(400, { __type: 'StateMachineDoesNotExist', message: 'State machine does not exist' });
          const name = body.name ?? crypto.randomUUID();
          const previous = this.executions.get(name);
          // As in AWS: the same name with different input is refused; the same input returns the execution.
          if (previous && previous.input !== (body.input ?? '{}')) return reply(400, { __type: 'ExecutionAlreadyExists', message: `Execution ${name} already exists` });
          const execution = this.start(name, body.input ?? '{}');
          return reply(200, { executionArn: execution.executionArn, startDate: execution.startDate });
        }
        if (target === 'DescribeExecution') {
          const execution = [...this.executions.values()].find((e) => e.executionArn === body.executionArn);
          if (!execution) return reply(400, { __type: 'ExecutionDoesNotExist', message: 'Execution does not exist' });
          const { done: _done, ...description } = execution;
          return reply(200, { ...description, stateMachineArn: this.stateMachineArn });
        }
        reply(400, { __type: 'UnknownOperationException', message: `${target} is not emulated locally` });
      });
    });
    await new Promise<void>((ready) => this.server!.listen(port, '127.0.0.1', ready));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise((done) => (this.server ? this.server.close(done) : done(undefined)));
  }
}

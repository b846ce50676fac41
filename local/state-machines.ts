/**
 * Every `AWS::StepFunctions::StateMachine` of the template, run by aws-local-stepfunctions with
 * Step Functions' own rules for executions: a name is used once per state machine (a running
 * execution with the same input is returned, anything else is ExecutionAlreadyExists), and every
 * execution is journaled so that one a stop interrupted runs again at the next start (steps are
 * idempotent, so re-running from the first state is safe).
 */
import { randomUUID } from 'node:crypto';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import { ExecutionHistories, type HistoryEvent, type LibraryEvent } from './execution-history.js';
import type { ExecutionEnd, ExecutionJournal, ExecutionRecord, ExecutionStatus } from './execution-journal.js';
import type { LocalLambdaInvoker } from './lambda-api.js';
import { localStateMachineArn } from './local-values.js';
import { taskHandlers, type Asl, type TaskHandler } from './task-handlers.js';
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

/** An error of the Step Functions API (`__type` in the response). */
export class StepFunctionsError extends Error {
  constructor(type: string, message: string) {
    super(message);
    this.name = type;
  }
}

interface Machine {
  logicalId: string;
  arn: string;
  definition: string;
  roleArn: string;
  type: string;
  runner: StateMachine;
  handlers: Record<string, TaskHandler>;
}

interface Running {
  done: Promise<void>;
  abort(): void;
}

export interface StateMachinesOptions {
  onError(message: string): void;
  /** Test-only: milliseconds to wait before each retry, by state name, instead of the definition's. */
  retryIntervalOverrides?: Record<string, number | number[]>;
}

const MAX_INPUT_BYTES = 256 * 1024;
const INVALID_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;
/** Step Functions refuses names with whitespace, these punctuation marks, or control characters. */
const invalidName = (name: string) => !name || name.length > 80 || INVALID_NAME_CHARACTERS.test(name) || [...name].some((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f));

export class LocalStateMachines {
  private readonly machines = new Map<string, Machine>();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly running = new Map<string, Running>();
  private readonly histories = new ExecutionHistories();
  private closed = false;

  constructor(template: Template, locals: LocalValues, invoker: LocalLambdaInvoker, private readonly journal: ExecutionJournal, private readonly options: StateMachinesOptions) {
    for (const [logicalId, resource] of resourcesOfType(template, 'AWS::StepFunctions::StateMachine')) {
      const props = resource.Properties ?? {};
      const definition = String(resolve(props.DefinitionString ?? JSON.stringify(props.Definition ?? {}), locals));
      const asl = JSON.parse(definition) as Asl;
      const runner = new StateMachine(asl as never, { validationOptions: { checkArn: false, checkPaths: false } });
      const arn = localStateMachineArn(logicalId);
      this.machines.set(arn, { logicalId, arn, definition, roleArn: String(resolve(props.RoleArn ?? '', locals)), type: String(props.StateMachineType ?? 'STANDARD'), runner, handlers: taskHandlers(asl, invoker) });
    }
    for (const record of journal.load()) this.executions.set(record.executionArn, record);
  }

  /** Logical id → ARN of every state machine. */
  arns(): Record<string, string> {
    return Object.fromEntries([...this.machines.values()].map((machine) => [machine.logicalId, machine.arn]));
  }

  private machine(arn: string | undefined): Machine {
    const machine = this.machines.get(arn ?? '');
    if (!machine) throw new StepFunctionsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  private execution(executionArn: string | undefined): ExecutionRecord {
    const execution = this.executions.get(executionArn ?? '');
    if (!execution) throw new StepFunctionsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  start(stateMachineArn: string | undefined, name: string = randomUUID(), input = '{}'): ExecutionRecord {
    const machine = this.machine(stateMachineArn);
    if (invalidName(name)) throw new StepFunctionsError('InvalidName', `Invalid Name: '${name}'`);
    if (Buffer.byteLength(input) > MAX_INPUT_BYTES) throw new StepFunctionsError('InvalidExecutionInput', 'The input exceeds 262144 bytes.');
    try {
      JSON.parse(input);
    } catch {
      throw new StepFunctionsError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not valid JSON.');
    }
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // Standard workflows never reuse a name; only a running one started with the same input is returned.
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new StepFunctionsError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = { executionArn, stateMachineArn: machine.arn, name, input, status: 'RUNNING', startDate: Date.now() };
    this.journal.started(record); // on disk before the caller hears it started
    this.executions.set(executionArn, record);
    this.run(machine, record);
    return record;
  }

  private run(machine: Machine, record: ExecutionRecord): void {
    const { abort, result, eventLogs } = machine.runner.run(JSON.parse(record.input), {
      overrides: { taskResourceLocalHandlers: machine.handlers as never, ...(this.options.retryIntervalOverrides ? { retryIntervalOverrides: this.options.retryIntervalOverrides } : {}) },
      context: { Execution: { Id: record.executionArn, Name: record.name, RoleArn: machine.roleArn }, StateMachine: { Id: machine.arn, Name: machine.logicalId } } as never,
    });
    this.histories.collect(record.executionArn, eventLogs as AsyncIterable<LibraryEvent>).catch((error: Error) => this.options.onError(`The history of execution ${record.name} stopped: ${error.message}`));
    const done = result.then(
      (output) => this.end(record, { status: 'SUCCEEDED', output: JSON.stringify(output) }),
      (error: Error) => {
        if (error instanceof ExecutionAbortedError) return; // StopExecution or close() decided already
        if (error instanceof ExecutionTimeoutError) return this.end(record, { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out.' });
        const cause = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
        this.end(record, { status: 'FAILED', error: cause.name, cause: cause.message });
        this.options.onError(`Execution ${record.name} of ${machine.logicalId} failed: ${cause.name}: ${cause.message}`);
      },
    );
    const running: Running = { done, abort };
    this.running.set(record.executionArn, running);
    void done.finally(() => this.running.get(record.executionArn) === running && this.running.delete(record.executionArn));
  }

  private end(record: ExecutionRecord, end: Omit<ExecutionEnd, 'stopDate'>): void {
    // After close() the execution stays RUNNING on disk: the next start runs it again.
    if (this.closed || record.status !== 'RUNNING') return;
    const ended: ExecutionEnd = { ...end, stopDate: Date.now() };
    Object.assign(record, ended);
    this.journal.ended(record.executionArn, ended);
  }

  /** Runs every execution a stop left unfinished again, from its first state. */
  resumeUnfinished(): ExecutionRecord[] {
    const unfinished = [...this.executions.values()].filter((record) => record.status === 'RUNNING' && !this.running.has(record.executionArn));
    for (const record of unfinished) {
      const machine = this.machines.get(record.stateMachineArn);
      if (machine) this.run(machine, record);
      else this.end(record, { status: 'ABORTED', error: 'States.Runtime', cause: 'The state machine is no longer in the template.' });
    }
    return unfinished;
  }

  describe(executionArn: string | undefined): ExecutionRecord {
    return this.execution(executionArn);
  }

  /** Its history events (`GetExecutionHistory`); a run again after a restart starts a new one. */
  history(executionArn: string | undefined, reverseOrder: boolean): HistoryEvent[] {
    return this.histories.of(this.execution(executionArn).executionArn, reverseOrder);
  }

  list(stateMachineArn: string | undefined, statusFilter?: ExecutionStatus): ExecutionRecord[] {
    const machine = this.machine(stateMachineArn);
    return [...this.executions.values()].filter((e) => e.stateMachineArn === machine.arn && (!statusFilter || e.status === statusFilter)).sort((a, b) => b.startDate - a.startDate);
  }

  stop(executionArn: string | undefined, error?: string, cause?: string): ExecutionRecord {
    const record = this.execution(executionArn);
    if (record.status === 'RUNNING') {
      this.end(record, { status: 'ABORTED', ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
      this.running.get(record.executionArn)?.abort();
    }
    return record;
  }

  describeStateMachine(arn: string | undefined) {
    const machine = this.machine(arn);
    return { stateMachineArn: machine.arn, name: machine.logicalId, status: 'ACTIVE', definition: machine.definition, roleArn: machine.roleArn, type: machine.type, creationDate: 0 };
  }

  listStateMachines() {
    return [...this.machines.values()].map((machine) => ({ stateMachineArn: machine.arn, name: machine.logicalId, type: machine.type, creationDate: 0 }));
  }

  /** Resolves once no execution is running (including ones started while waiting). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()].map((running) => running.done));
  }

  /** Stops running executions without recording an end, as a process that dies would. */
  close(): void {
    this.closed = true;
    for (const running of this.running.values()) running.abort();
    this.running.clear();
  }
}

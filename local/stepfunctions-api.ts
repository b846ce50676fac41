/**
 * The Step Functions API (JSON 1.0 protocol) in front of the local state machines, so handlers
 * and tests use `@aws-sdk/client-sfn` unchanged: StartExecution, DescribeExecution,
 * ListExecutions, GetExecutionHistory (execution-history.ts), StopExecution, DescribeStateMachine,
 * ListStateMachines.
 */
import { createServer, type Server } from 'node:http';
import { closeServer, listenOnLoopback, readBody } from './http-server.js';
import type { HistoryEvent } from './execution-history.js';
import type { ExecutionRecord, ExecutionStatus } from './execution-journal.js';
import { StepFunctionsError, type LocalStateMachines } from './state-machines.js';

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

function summary(e: ExecutionRecord) {
  return { executionArn: e.executionArn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status, startDate: seconds(e.startDate), stopDate: seconds(e.stopDate) };
}

function page<T>(items: T[], body: { maxResults?: number; nextToken?: string }): { items: T[]; nextToken?: string } {
  const size = Math.min(Math.max(body.maxResults || 100, 1), 1000);
  const start = body.nextToken ? Number(Buffer.from(body.nextToken, 'base64url').toString()) || 0 : 0;
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: Buffer.from(String(end)).toString('base64url') } : {}) };
}

type Body = Record<string, string | undefined> & { maxResults?: number; reverseOrder?: boolean; includeExecutionData?: boolean };

const DATA_DETAILS = ['executionStartedEventDetails', 'stateEnteredEventDetails', 'stateExitedEventDetails', 'executionSucceededEventDetails'];

/** An event as the API answers it: seconds, and without inputs and outputs when they are not wanted. */
function historyEvent({ timestamp, ...event }: HistoryEvent, includeData: boolean) {
  const answered: Record<string, unknown> = { ...event, timestamp: seconds(timestamp) };
  if (!includeData) {
    for (const key of DATA_DETAILS) {
      const details = answered[key] as Record<string, unknown> | undefined;
      if (details) answered[key] = Object.fromEntries(Object.entries(details).filter(([name]) => name !== 'input' && name !== 'output'));
    }
  }
  return answered;
}

export class StepFunctionsApiServer {
  private server?: Server;
  private machines?: LocalStateMachines;

  /** The server listens first (its URL goes into the functions' environment), then serves. */
  serve(machines: LocalStateMachines): void {
    this.machines = machines;
  }

  private handle(operation: string, body: Body): unknown {
    const m = this.machines;
    if (!m) throw new StepFunctionsError('ServiceUnavailable', 'The local runtime is still starting');
    switch (operation) {
      case 'StartExecution': {
        const e = m.start(body.stateMachineArn, body.name, body.input ?? '{}');
        return { executionArn: e.executionArn, startDate: seconds(e.startDate) };
      }
      case 'DescribeExecution': {
        const e = m.describe(body.executionArn);
        return { ...summary(e), input: e.input, inputDetails: { included: true }, output: e.output, ...(e.output !== undefined ? { outputDetails: { included: true } } : {}), error: e.error, cause: e.cause };
      }
      case 'ListExecutions': {
        const { items, nextToken } = page(m.list(body.stateMachineArn, body.statusFilter as ExecutionStatus | undefined), body);
        return { executions: items.map(summary), nextToken };
      }
      case 'GetExecutionHistory': {
        const { items, nextToken } = page(m.history(body.executionArn, body.reverseOrder === true), body);
        return { events: items.map((event) => historyEvent(event, body.includeExecutionData !== false)), nextToken };
      }
      case 'StopExecution':
        return { stopDate: seconds(m.stop(body.executionArn, body.error, body.cause).stopDate) };
      case 'DescribeStateMachine':
        return m.describeStateMachine(body.stateMachineArn);
      case 'ListStateMachines': {
        const { items, nextToken } = page(m.listStateMachines(), body);
        return { stateMachines: items, nextToken };
      }
      default:
        throw new StepFunctionsError('UnknownOperationException', `${operation} is not emulated locally`);
    }
  }

  async listen(port: number): Promise<string> {
    this.server = createServer((request, response) => {
      const reply = (status: number, payload: unknown) => {
        response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(payload));
      };
      readBody(request)
        .then((text) => reply(200, this.handle(String(request.headers['x-amz-target'] ?? '').split('.').pop() ?? '', JSON.parse(text || '{}') as Body)))
        .catch((error: unknown) => {
          if (error instanceof StepFunctionsError) reply(400, { __type: error.name, message: error.message });
          else if (error instanceof SyntaxError) reply(400, { __type: 'SerializationException', message: error.message });
          else reply(500, { __type: 'InternalFailure', message: String(error) });
        });
    });
    return `http://127.0.0.1:${await listenOnLoopback(this.server, port)}`;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}

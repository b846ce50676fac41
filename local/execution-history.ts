/**
 * `GetExecutionHistory` for the local Step Functions: aws-local-stepfunctions' event log turned
 * into Step Functions' history events — `ExecutionStarted`, `{Type}StateEntered` / `Exited` with
 * the state's input and output, `MapIterationStarted` / `Succeeded` / `Failed`, `TaskFailed` and
 * the execution's end — numbered in order, each `previousEventId` pointing at the event before it
 * in the same iteration, as in AWS (where a state inside a Map names no index). Not emitted:
 * `TaskScheduled` / `TaskStarted` / `TaskSucceeded` (a Lambda task is its Entered and Exited
 * here). Kept in memory for the most recent executions: a restart forgets them.
 */

/** Executions whose history is kept; older ones answer an empty history. */
const KEPT_EXECUTIONS = 500;

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  /** Epoch milliseconds (the API answers seconds). */
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

/** The part of aws-local-stepfunctions' event log read here. */
export interface LibraryEvent {
  type: string;
  timestamp: number;
  index?: number;
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: unknown;
  state?: { name: string; type: string; input?: unknown; output?: unknown };
  parentState?: { name: string; type: string };
}

const json = (value: unknown) => JSON.stringify(value ?? null);
const causeText = (cause: unknown) => (typeof cause === 'string' ? cause : cause instanceof Error ? cause.message : json(cause));

export class ExecutionHistories {
  private readonly histories = new Map<string, HistoryEvent[]>();

  /** Collects one execution's events as the library yields them (until the execution ends). */
  async collect(executionArn: string, events: AsyncIterable<LibraryEvent>): Promise<void> {
    const history: HistoryEvent[] = [];
    this.histories.set(executionArn, history);
    for (const oldest of this.histories.keys()) {
      if (this.histories.size <= KEPT_EXECUTIONS) break;
      this.histories.delete(oldest);
    }
    // The last event of each lane: the execution itself, or one iteration of a Map.
    const lanes = new Map<string, number>();
    const add = (lane: string, type: string, timestamp: number, details: Record<string, unknown> = {}, from = lane) => {
      const id = history.length + 1;
      history.push({ id, previousEventId: lanes.get(from) ?? lanes.get('') ?? 0, timestamp, type, ...details });
      lanes.set(lane, id);
    };
    for await (const event of events) {
      const lane = event.index === undefined ? '' : `${event.index}`;
      const name = event.state?.name ?? event.parentState?.name ?? '';
      switch (event.type) {
        case 'ExecutionStarted':
          add('', 'ExecutionStarted', event.timestamp, { executionStartedEventDetails: { input: json(event.input) } });
          break;
        case 'StateEntered':
          add(lane, `${event.state!.type}StateEntered`, event.timestamp, { stateEnteredEventDetails: { name, input: json(event.state!.input) } });
          break;
        case 'StateExited':
          add(lane, `${event.state!.type}StateExited`, event.timestamp, { stateExitedEventDetails: { name, output: json(event.state!.output) } });
          break;
        case 'StateFailed':
          if (event.state?.type === 'Task') add(lane, 'TaskFailed', event.timestamp, { taskFailedEventDetails: { error: event.Error, cause: causeText(event.Cause) } });
          break;
        case 'MapIterationStarted':
          add(`${event.index}`, 'MapIterationStarted', event.timestamp, { mapIterationStartedEventDetails: { name, index: event.index } }, '');
          break;
        case 'MapIterationSucceeded':
        case 'MapIterationFailed':
          add(`${event.index}`, event.type, event.timestamp, { [`${event.type === 'MapIterationSucceeded' ? 'mapIterationSucceeded' : 'mapIterationFailed'}EventDetails`]: { name, index: event.index } });
          break;
        case 'ExecutionSucceeded':
          add('', 'ExecutionSucceeded', event.timestamp, { executionSucceededEventDetails: { output: json(event.output) } });
          break;
        case 'ExecutionFailed':
          add('', 'ExecutionFailed', event.timestamp, { executionFailedEventDetails: { error: event.Error, cause: causeText(event.Cause) } });
          break;
        case 'ExecutionAborted':
        case 'ExecutionTimeout':
          add('', event.type === 'ExecutionAborted' ? 'ExecutionAborted' : 'ExecutionTimedOut', event.timestamp);
          break;
      }
    }
  }

  /** The events of an execution, oldest first (or newest first). */
  of(executionArn: string, reverseOrder = false): HistoryEvent[] {
    const history = this.histories.get(executionArn) ?? [];
    return reverseOrder ? [...history].reverse() : [...history];
  }
}

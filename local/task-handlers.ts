/**
 * What the emulated Step Functions does for each Task state of a definition: Lambda tasks
 * (`arn:aws:states:::lambda:invoke` and a function ARN as Resource) go through the local Lambda
 * invoker, and fail as Step Functions reports a function error (Error = errorType, Cause = the
 * JSON Lambda returned). Any other resource fails plainly instead of reaching out to AWS.
 */
import { FunctionError } from './functions.js';
import { LambdaRequestError, type LocalLambdaInvoker } from './lambda-api.js';

export interface AslState {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  ItemProcessor?: Asl;
  Iterator?: Asl;
  Branches?: Asl[];
}

export interface Asl {
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
}

export type TaskHandler = (input: unknown) => Promise<unknown>;

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

class TaskError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

function taskStates(asl: Asl, found: [string, AslState][] = []): [string, AslState][] {
  for (const [name, state] of Object.entries(asl.States)) {
    if (state.Type === 'Task') found.push([name, state]);
    for (const nested of [state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])]) if (nested) taskStates(nested, found);
  }
  return found;
}

/** Task state name → handler (aws-local-stepfunctions keys its overrides by state name). */
export function taskHandlers(asl: Asl, invoker: LocalLambdaInvoker): Record<string, TaskHandler> {
  const invoke = async (functionName: string, payload: unknown): Promise<unknown> => {
    try {
      const result = await invoker.invoke(functionName, JSON.stringify(payload ?? {}));
      if (result.functionError) throw new FunctionError(JSON.parse(result.payload));
      return JSON.parse(result.payload);
    } catch (error) {
      if (error instanceof FunctionError) throw error;
      if (error instanceof LambdaRequestError) throw new TaskError(`Lambda.${error.type}`, error.message);
      throw new TaskError('Lambda.ServiceException', String(error));
    }
  };
  const handlers: Record<string, TaskHandler> = {};
  for (const [name, state] of taskStates(asl)) {
    const resource = state.Resource ?? '';
    if (resource === LAMBDA_INVOKE) {
      handlers[name] = async (parameters) => {
        const { FunctionName, Payload } = parameters as { FunctionName: string; Payload?: unknown };
        // The integration's response with payloadResponseOnly: false.
        return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: await invoke(FunctionName, Payload) };
      };
    } else if (resource.startsWith('arn:aws:lambda:')) {
      handlers[name] = (input) => invoke(resource, input);
    } else {
      handlers[name] = () => Promise.reject(new TaskError('States.Runtime', `The local runtime does not emulate the task resource ${resource} (state ${name}).`));
    }
  }
  return handlers;
}

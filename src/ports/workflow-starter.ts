import type { WorkflowInput } from '../domain/workflow-attempt.js';

/** Step Functions' execution statuses we act on; a name never used is NOT_FOUND. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'NOT_FOUND';

/** One state machine: the intake workflow (default input) or the review outcome's. */
export interface WorkflowStarter<Input extends object = WorkflowInput> {
  /**
   * Starts an execution under `name`. Starting a running execution again with the same input is
   * harmless ('STARTED'); a name already used otherwise is 'ALREADY_EXISTS'.
   */
  start(name: string, input: Input): Promise<'STARTED' | 'ALREADY_EXISTS'>;
  status(name: string): Promise<ExecutionStatus>;
}

export interface WorkflowStarter {
  /** Starts an execution with a deterministic name; starting it again with the same name is harmless. */
  start(executionName: string, input: Record<string, unknown>): Promise<void>;
}

export interface WorkflowStarter {
  /** Starts the intake workflow named after the submission; starting it again is harmless. */
  start(submissionId: string, input: Record<string, unknown>): Promise<void>;
}

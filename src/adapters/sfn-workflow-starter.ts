import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { WorkflowStarter } from '../ports/workflow-starter.js';

export class StepFunctionsWorkflowStarter implements WorkflowStarter {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(submissionId: string, input: Record<string, unknown>): Promise<void> {
    try {
      // The execution is named after the submission: Step Functions itself refuses a second one.
      await this.sfn.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: submissionId, input: JSON.stringify(input) }));
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists || (error as { name?: string }).name === 'ExecutionAlreadyExists') return;
      throw error;
    }
  }
}

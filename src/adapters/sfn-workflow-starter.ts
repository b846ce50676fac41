import { DescribeExecutionCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { WorkflowInput } from '../domain/workflow-attempt.js';
import type { ExecutionStatus, WorkflowStarter } from '../ports/workflow-starter.js';

const nameOf = (error: unknown) => (error as { name?: string } | null)?.name;

/** Starts and describes executions of one state machine; `Input` is what its executions take. */
export class StepFunctionsWorkflowStarter<Input extends object = WorkflowInput> implements WorkflowStarter<Input> {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(name: string, input: Input): Promise<'STARTED' | 'ALREADY_EXISTS'> {
    try {
      // A running execution started again with the same name and input answers as if started.
      await this.sfn.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input: JSON.stringify(input) }));
      return 'STARTED';
    } catch (error) {
      if (nameOf(error) === 'ExecutionAlreadyExists') return 'ALREADY_EXISTS';
      throw error;
    }
  }

  async status(name: string): Promise<ExecutionStatus> {
    // arn:aws:states:region:account:stateMachine:Name → …:execution:Name:executionName
    const executionArn = `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    try {
      const { status } = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      // PENDING_REDRIVE: Step Functions' own redrive (we never use it) is about to run it again.
      return status === 'PENDING_REDRIVE' || status === undefined ? 'RUNNING' : status;
    } catch (error) {
      if (nameOf(error) === 'ExecutionDoesNotExist') return 'NOT_FOUND';
      throw error;
    }
  }
}

import { ENV } from '../../../contract/environment.js';
import { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsWorkflowStarter } from '../../../adapters/sfn-workflow-starter.js';
import { requireEnv } from '../environment.js';
import { tracer } from '../powertools.js';
import { once } from './once.js';

const client = once(() => tracer.captureAWSv3Client(new SFNClient({})));

export const workflowStarter = once(() => new StepFunctionsWorkflowStarter(client(), requireEnv(ENV.stateMachineArn)));
export const reviewOutcomeWorkflow = once(() => new StepFunctionsWorkflowStarter<{ submissionId: string }>(client(), requireEnv(ENV.reviewOutcomeStateMachineArn)));

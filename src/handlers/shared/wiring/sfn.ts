import { ENV } from '../../../contract/environment.js';
import { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsWorkflowStarter } from '../../../adapters/sfn-workflow-starter.js';
import { requireEnv } from '../environment.js';
import { tracer } from '../powertools.js';
import { once } from './once.js';

export const workflowStarter = once(() => new StepFunctionsWorkflowStarter(tracer.captureAWSv3Client(new SFNClient({})), requireEnv(ENV.stateMachineArn)));

// One worker thread per Lambda function: its own environment, its own module scope, as in Lambda.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { handler } = await import(workerData.entryUrl);

parentPort.on('message', async ({ id, event, functionName, timeoutMs }) => {
  const started = Date.now();
  const context = {
    awsRequestId: crypto.randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => timeoutMs - (Date.now() - started),
  };
  try {
    const result = await handler(event, context);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: { name: error?.name ?? 'Error', message: error?.message ?? String(error) } });
  }
});
parentPort.postMessage({ ready: true });

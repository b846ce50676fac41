// One worker thread per Lambda function: its own environment and module scope, as in Lambda.
import { parentPort, workerData } from 'node:worker_threads';

/** What Lambda's Node.js runtime reports for an error a handler throws. */
const errorPayload = (error, type) => ({
  errorType: type ?? (error instanceof Error ? error.name : typeof error),
  errorMessage: error instanceof Error ? error.message : String(error),
  trace: error instanceof Error && typeof error.stack === 'string' ? error.stack.split('\n') : [],
});

let handler;
try {
  handler = (await import(workerData.moduleUrl))[workerData.handlerName];
  if (typeof handler !== 'function') throw new Error(`${workerData.handlerName} is undefined or not exported`);
} catch (error) {
  parentPort.postMessage({ initError: errorPayload(error, 'Runtime.ImportModuleError') });
  process.exit(1);
}

parentPort.on('message', async ({ id, event, requestId }) => {
  const started = Date.now();
  const context = {
    awsRequestId: requestId,
    functionName: workerData.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: workerData.functionArn,
    memoryLimitInMB: String(workerData.memoryMb),
    logGroupName: `/aws/lambda/${workerData.functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => workerData.timeoutMs - (Date.now() - started),
  };
  try {
    const result = await handler(event, context);
    parentPort.postMessage({ id, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    parentPort.postMessage({ id, error: errorPayload(error) });
  }
});
parentPort.postMessage({ ready: true });

/**
 * The local runtime answers the AWS APIs the way AWS does, for every resource of the template:
 * Lambda's Invoke API for every function, the Step Functions API for every state machine (a
 * second one is added here, built with the same CDK constructs), and API Gateway's CORS and
 * gateway responses. Driven with the AWS SDK and plain HTTP, as a browser would.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, ListStateMachinesCommand, SFNClient, StartExecutionCommand, StopExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/provision.js';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { FIXTURE_IDS, testResources } from './support/template-fragment.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'local-aws-apis-'));
const eventLog = path.join(dataDir, 'events.jsonl');
const webRoot = path.join(dataDir, 'site', 'dist');
/** The built portal's own not-found page, as the build copies it. */
const notFoundPage = readFileSync(path.join(import.meta.dirname, '..', '..', 'web', 'public', '404.html'), 'utf8');
let runtime: LocalRuntime;
let lambda: LambdaClient;
let sfn: SFNClient;
let pipelineArn: string;

beforeAll(async () => {
  // A portal build, and a sibling folder whose name starts like it (outside the web root).
  mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>portal</title>');
  writeFileSync(path.join(webRoot, '404.html'), notFoundPage);
  writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log("portal")');
  mkdirSync(`${webRoot}-x`);
  writeFileSync(path.join(`${webRoot}-x`, 'secret.txt'), 'not for the web');
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false, webRoot, extraResources: testResources(eventLog), retryIntervalOverrides: { Throttled: 0 } });
  const common = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  lambda = new LambdaClient({ ...common, endpoint: runtime.stack.endpoints.lambda });
  sfn = new SFNClient({ ...common, endpoint: runtime.stack.endpoints.stepfunctions });
  pipelineArn = runtime.stack.stateMachines[FIXTURE_IDS.machine]!;
});

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const invoke = async (FunctionName: string, payload: unknown, InvocationType?: 'Event' | 'DryRun') => {
  const result = await lambda.send(new InvokeCommand({ FunctionName, Payload: JSON.stringify(payload), ...(InvocationType ? { InvocationType } : {}) }));
  const text = result.Payload ? Buffer.from(result.Payload).toString('utf8') : '';
  return { ...result, body: text ? JSON.parse(text) : undefined };
};

/** The error a call ends with (captured at once, so it is never an unhandled rejection). */
const errorOf = (call: Promise<unknown>) => call.then(() => undefined, (error: unknown) => error);

async function finished(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  for (let i = 0; i < 200; i++) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${executionArn} still running`);
}

describe('the Lambda Invoke API', () => {
  it('runs a function by name or ARN and answers with its result', async () => {
    const byName = await invoke(FIXTURE_IDS.flaky, { key: 'by-name', value: 'hello' });
    const byArn = await invoke(`arn:aws:lambda:${LOCAL_REGION}:000000000000:function:${FIXTURE_IDS.flaky}`, { key: 'by-arn', value: 42 });

    expect(byName).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST', body: { value: 'hello', attempt: 1 } });
    expect(byName.FunctionError).toBeUndefined();
    expect(byArn).toMatchObject({ StatusCode: 200, body: { value: 42, attempt: 1 } });
  });

  it('reports a thrown error as Lambda does: FunctionError Unhandled with errorType and errorMessage', async () => {
    const result = await invoke(FIXTURE_IDS.flaky, { fail: 'always' });

    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe('Unhandled');
    expect(result.body).toMatchObject({ errorType: 'StepBroke', errorMessage: 'The step broke on purpose', trace: expect.arrayContaining([expect.stringContaining('StepBroke')]) });
  });

  it('accepts an asynchronous invocation with 202 and runs it', async () => {
    const result = await invoke(FIXTURE_IDS.recorder, { hello: 'async' }, 'Event');
    let logged = '';
    for (let i = 0; i < 100 && !logged.includes('async'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      logged = readFileSync(eventLog, { encoding: 'utf8', flag: 'a+' });
    }

    expect(result.StatusCode).toBe(202);
    expect(logged).toContain('{"hello":"async"}');
  });

  it('answers ResourceNotFoundException for a function the template does not have', async () => {
    await expect(invoke('NoSuchFunction', {})).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    await expect(invoke(`${FIXTURE_IDS.flaky}:7`, {})).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('the Step Functions API', () => {
  it('serves every state machine of the template', async () => {
    const listed = await sfn.send(new ListStateMachinesCommand({}));

    expect(Object.keys(runtime.stack.stateMachines)).toEqual(expect.arrayContaining([FIXTURE_IDS.machine, expect.stringMatching(/^IntakeWorkflowStateMachine/)]));
    expect(listed.stateMachines?.map((m) => m.stateMachineArn).sort()).toEqual(Object.values(runtime.stack.stateMachines).sort());
  });

  it('runs Wait, Map, Retry, Parallel and Catch, with Lambda\'s JSON as the caught Cause', async () => {
    const input = JSON.stringify({ waitSeconds: 0, items: [1, 2], key: 'pipeline-1' });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: pipelineArn, name: 'pipeline-1', input }));
    const done = await finished(executionArn!);
    const output = JSON.parse(done.output!);

    expect(done).toMatchObject({ status: 'SUCCEEDED', name: 'pipeline-1', stateMachineArn: pipelineArn, input });
    expect(output.mapped.map((item: { value: { value: number } }) => item.value.value)).toEqual([1, 2]);
    expect(output.retried).toEqual({ value: { value: 'after retries', attempt: 3 } });
    expect(output.parallel).toEqual(['left', 'right']);
    expect(output.caught.Error).toBe('StepBroke');
    expect(JSON.parse(output.caught.Cause)).toMatchObject({ errorType: 'StepBroke', errorMessage: 'The step broke on purpose', trace: expect.any(Array) });
  });

  it('answers the history of an execution: states entered and exited with their data, Map iterations, failures retried and caught', async () => {
    // Prepare: pipeline-1 ran above (Wait, a Map of two, a task retried twice, Parallel, a caught failure)
    const executionArn = `${pipelineArn.replace(':stateMachine:', ':execution:')}:pipeline-1`;

    // Act
    const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const withoutData = await sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false, reverseOrder: true, maxResults: 3 }));

    // Assess
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    expect(events.every((event) => event.previousEventId! < event.id! && event.timestamp instanceof Date)).toBe(true);
    expect(events[0]).toMatchObject({ type: 'ExecutionStarted', previousEventId: 0, executionStartedEventDetails: { input: expect.stringContaining('"key":"pipeline-1"') } });
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionSucceeded' });
    const entered = events.filter((event) => event.type?.endsWith('StateEntered')).map((event) => event.stateEnteredEventDetails!.name);
    expect(entered.filter((name) => name !== 'Left' && name !== 'Right')).toEqual(['Pause', 'EachItem', 'Echo', 'Echo', 'Throttled', 'Both', 'Broken', 'Caught']);
    expect(events.find((event) => event.type === 'TaskStateExited' && event.stateExitedEventDetails?.name === 'Throttled')?.stateExitedEventDetails?.output).toContain('after retries');
    expect(events.filter((event) => event.type === 'TaskFailed').map((event) => event.taskFailedEventDetails?.error)).toEqual(['ThrottlingException', 'ThrottlingException', 'StepBroke']);
    // Inside the Map, each task's events lead back to its own iteration.
    const byId = new Map(events.map((event) => [event.id, event]));
    const iterationOf = (id: number): number | undefined => {
      const event = byId.get(id);
      return !event || event.type === 'MapIterationStarted' ? event?.mapIterationStartedEventDetails?.index : iterationOf(event.previousEventId!);
    };
    const echoes = events.filter((event) => event.type === 'TaskStateExited' && event.stateExitedEventDetails?.name === 'Echo');
    expect(echoes.map((event) => [iterationOf(event.id!), JSON.parse(event.stateExitedEventDetails!.output!).value.value]).sort()).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(withoutData.events?.map((event) => event.type)).toEqual(events.slice(-3).reverse().map((event) => event.type));
    expect(withoutData.nextToken).toBeTruthy();
    expect(JSON.stringify(withoutData.events)).not.toContain('"output"');
  });

  it('never reuses a name: a running execution with the same input is returned, everything else is ExecutionAlreadyExists', async () => {
    const input = JSON.stringify({ waitSeconds: 60, items: [], key: 'long' });
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: pipelineArn, name: 'long-running', input }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: pipelineArn, name: 'long-running', input }));
    const otherInput = await errorOf(sfn.send(new StartExecutionCommand({ stateMachineArn: pipelineArn, name: 'long-running', input: '{"waitSeconds":1}' })));
    const stopped = await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn, error: 'Operator', cause: 'No longer needed' }));
    const afterStop = await errorOf(sfn.send(new StartExecutionCommand({ stateMachineArn: pipelineArn, name: 'long-running', input })));
    const afterSuccess = await errorOf(sfn.send(new StartExecutionCommand({ stateMachineArn: pipelineArn, name: 'pipeline-1', input: JSON.stringify({ waitSeconds: 0, items: [1, 2], key: 'pipeline-1' }) })));
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }));

    expect(again).toEqual(first);
    expect(otherInput).toMatchObject({ name: 'ExecutionAlreadyExists' });
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'No longer needed' });
    expect(afterStop).toMatchObject({ name: 'ExecutionAlreadyExists' });
    expect(afterSuccess).toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('lists executions of one state machine by status, newest first', async () => {
    await finished((await sfn.send(new StartExecutionCommand({ stateMachineArn: pipelineArn, name: 'pipeline-2', input: JSON.stringify({ waitSeconds: 0, items: [], key: 'pipeline-2' }) }))).executionArn!);

    const succeeded = await sfn.send(new ListExecutionsCommand({ stateMachineArn: pipelineArn, statusFilter: 'SUCCEEDED' }));
    const aborted = await sfn.send(new ListExecutionsCommand({ stateMachineArn: pipelineArn, statusFilter: 'ABORTED' }));
    const firstPage = await sfn.send(new ListExecutionsCommand({ stateMachineArn: pipelineArn, maxResults: 1 }));
    const intake = await sfn.send(new ListExecutionsCommand({ stateMachineArn: Object.values(runtime.stack.stateMachines).find((arn) => arn !== pipelineArn) }));

    expect(succeeded.executions?.map((e) => e.name)).toEqual(['pipeline-2', 'pipeline-1']);
    expect(aborted.executions?.map((e) => e.name)).toEqual(['long-running']);
    expect(firstPage.executions).toHaveLength(1);
    expect(firstPage.nextToken).toBeTruthy();
    expect(intake.executions).toEqual([]);
  });

  it('refuses unknown state machines and invalid names with AWS\'s errors', async () => {
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: `${pipelineArn}Nope`, input: '{}' }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: pipelineArn, name: 'has space', input: '{}' }))).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: pipelineArn, input: '{not json' }))).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: `${pipelineArn.replace(':stateMachine:', ':execution:')}:never` }))).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });
});

describe('API Gateway and the portal server', () => {
  const origin = () => runtime.stack.portalUrl;
  const fetchApi = (route: string, init: RequestInit = {}) => fetch(`${runtime.stack.apiUrl}${route}`, { ...init, headers: { Origin: origin(), ...init.headers } });

  it('answers CORS preflights as the template\'s OPTIONS methods do', async () => {
    const preflights = await Promise.all(
      ['/submissions', '/submissions/0b7f6f8e-1c1e-4a47-9c59-1f1f3c2b9d10/submit', '/document-types'].map((route) =>
        fetchApi(route, { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' } }),
      ),
    );

    for (const response of preflights) {
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin());
      expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
      expect(response.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type');
    }
  });

  it('sends the template\'s CORS header on its own 401 and 404 answers, so the portal can read them', async () => {
    const unauthenticated = await fetchApi('/submissions');
    const unknown = await fetchApi('/no-such-route', { headers: { Authorization: 'Bearer x' } });

    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('access-control-allow-origin')).toBe(origin());
    expect(await unauthenticated.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('access-control-allow-origin')).toBe(origin());
    expect((await unknown.json()).error.code).toBe('NOT_FOUND');
  });

  it('serves files of the portal build and never one from outside it', async () => {
    const asset = await fetch(`${origin()}/assets/app.js`);
    const attempts = await Promise.all(['/..%2fdist-x/secret.txt', '/%2e%2e/dist-x/secret.txt', '/assets/..%2f..%2fdist-x/secret.txt', '/..%5cdist-x%5csecret.txt'].map((route) => fetch(`${origin()}${route}`)));

    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log("portal")');
    for (const response of attempts) {
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('not for the web');
    }
  });

  it('answers the portal\'s pages with index.html and a missing file with 404, as CloudFront does', async () => {
    const get = async (route: string) => {
      const response = await fetch(`${origin()}${route}`);
      return { route, status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    };
    const index = '<!doctype html><title>portal</title>';

    const pages = await Promise.all(['/', '/submissions/abc-123', '/review/queue', '/review/queue/', '/upload?replaces=doc-1', '/v1.2/submissions/abc-123'].map(get));
    const missing = await Promise.all(['/assets/UploadPage-gone.js', '/favicon-missing.png', '/assets/v1.2/gone.css', '/index.js?v=2'].map(get));

    for (const page of pages) expect(page).toEqual({ route: page.route, status: 200, type: 'text/html; charset=utf-8', body: index });
    for (const file of missing) expect(file).toEqual({ route: file.route, status: 404, type: 'text/html; charset=utf-8', body: notFoundPage });
  });
});

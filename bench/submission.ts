/**
 * Time from submit to RECEIVED for five documents of about 1 MiB, on the local runtime started
 * here (free ports, fresh data folder), against a floor measured on the same emulators in the
 * same round: the five PutObjects of the same bytes (at once), one PutItem and one SendEmail —
 * what storing five files, recording them and confirming would cost with no workflow at all.
 * The submission is timed from the submit request to the status response that says RECEIVED,
 * as a client polling every 150 ms sees it and as the portal's poll schedule sees it. Each round
 * measures the floor, then one submission polled one way (the ways taking turns), and waits for
 * its workflow to finish — the cross-check's OCR after RECEIVED included, tens of seconds here —
 * before the next. Noise is the interquartile spread of the floor. Printed beside the ratios: the
 * workflow's own storage work made directly (`timeStorageWork`), and where the time goes state by
 * state, from each execution's history (workflow-timeline.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CopyObjectCommand, GetObjectCommand, GetObjectTaggingCommand, PutObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DEMO_USERS, LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/provision.js';
import { startLocalRuntime, type StackInfo } from '../local/runtime.js';
import { statusPollDelay } from '../src/domain/status-polling.js';
import { INTAKE_TABLE_KEY } from '../src/contract/tables.js';
import { executionName } from '../src/domain/workflow-attempt.js';
import { createAndUpload, fiveRealisticDocuments, type TestDocument } from '../testkit/intake-documents.js';
import { callApi, signIn } from '../testkit/local-api.js';
import { MiB, median, quantile, type BenchSection } from './section.js';
import { executionHistory, stateSpans, timelineTable, type TimedRound } from './workflow-timeline.js';

const WARMUP_ROUNDS = 1;
const ROUNDS_PER_MODE = 5;

interface PollMode {
  name: string;
  /** Largest acceptable ratio to the floor; none for a row shown for comparison only. */
  target?: number;
  /** Wait before the next status request after `fetches` of them. */
  delay(fetches: number): number;
}

const MODES: PollMode[] = [
  { name: 'API client, polling every 150 ms', target: 2, delay: () => 150 },
  { name: 'as the portal polls (300 ms, a quarter longer each time, up to 1.5 s)', target: 3, delay: statusPollDelay },
  { name: 'as the portal polled before (flat 1.5 s), for comparison', delay: () => 1500 },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function floorClients(stack: StackInfo) {
  const common = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  return {
    s3: new S3Client({ ...common, endpoint: stack.endpoints.s3, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }),
    db: new DynamoDBClient({ ...common, endpoint: stack.endpoints.dynamodb }),
    ses: new SESv2Client({ ...common, endpoint: stack.endpoints.ses }),
    sfn: new SFNClient({ ...common, endpoint: stack.endpoints.stepfunctions }),
  };
}

type FloorClients = ReturnType<typeof floorClients>;

async function timeFloor(clients: FloorClients, stack: StackInfo, documents: TestDocument[], id: string): Promise<number> {
  const started = performance.now();
  await Promise.all(documents.map((doc, index) => clients.s3.send(new PutObjectCommand({ Bucket: stack.bucketName, Key: `bench-floor/${id}/${index}`, Body: doc.bytes }))));
  await clients.db.send(new PutItemCommand({ TableName: stack.tables.intake, Item: { [INTAKE_TABLE_KEY.partitionKey]: { S: `BENCH#${id}` }, [INTAKE_TABLE_KEY.sortKey]: { S: 'FLOOR' } } }));
  await clients.ses.send(
    new SendEmailCommand({
      FromEmailAddress: 'credentialing@example.org',
      Destination: { ToAddresses: ['emily.johnson@example.org'] },
      Content: { Simple: { Subject: { Data: 'Bench floor' }, Body: { Text: { Data: `Floor ${id}` } } } },
    }),
  );
  return performance.now() - started;
}

/**
 * The storage work the workflow cannot do without, made directly on the floor's five objects: per
 * document a snapshot copy, the scan's read and its tags, validation's read; then the five copies
 * to their stored keys. No Lambda, no Step Functions, no DynamoDB: a bound on what orchestration
 * could ever save.
 */
async function timeStorageWork(clients: FloorClients, stack: StackInfo, count: number, id: string): Promise<number> {
  const Bucket = stack.bucketName;
  const read = async (Key: string) => (await clients.s3.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToByteArray();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const snapshot = `bench-storage/${id}/intake/${index}`;
      await clients.s3.send(new CopyObjectCommand({ Bucket, Key: snapshot, CopySource: `${Bucket}/bench-floor/${id}/${index}` }));
      await read(snapshot);
      const { TagSet = [] } = await clients.s3.send(new GetObjectTaggingCommand({ Bucket, Key: snapshot }));
      await clients.s3.send(new PutObjectTaggingCommand({ Bucket, Key: snapshot, Tagging: { TagSet: [...TagSet, { Key: 'scan', Value: 'clean' }] } }));
      await read(snapshot);
    }),
  );
  await Promise.all(Array.from({ length: count }, (_, index) => clients.s3.send(new CopyObjectCommand({ Bucket, Key: `bench-storage/${id}/stored/${index}`, CopySource: `${Bucket}/bench-storage/${id}/intake/${index}` }))));
  return performance.now() - started;
}

interface Timed {
  ms: number;
  submissionId: string;
  /** Epoch milliseconds, to line up with the execution's history. */
  submittedAt: number;
  answeredAt: number;
  seenAt: number;
}

/** Submits an uploaded submission and polls as `mode` does; the time until a response says RECEIVED. */
async function timeToReceived(stack: StackInfo, token: string, documents: TestDocument[], mode: PollMode): Promise<Timed> {
  const created = await createAndUpload(stack, token, documents);
  const submittedAt = Date.now();
  const started = performance.now();
  const submitted = await callApi(stack, 'POST', `/submissions/${created.submissionId}/submit`, token);
  const answeredAt = Date.now();
  if (submitted.status !== 200 && submitted.status !== 202) throw new Error(`Submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  for (let fetches = 1; ; fetches += 1) {
    const { body } = await callApi(stack, 'GET', `/submissions/${created.submissionId}`, token);
    if (body.status === 'RECEIVED') return { ms: performance.now() - started, submissionId: created.submissionId, submittedAt, answeredAt, seenAt: Date.now() };
    if (body.status !== 'VALIDATING') throw new Error(`The bench submission ended ${body.status}: ${JSON.stringify(body.documents?.map((d: { issues?: unknown }) => d.issues))}`);
    if (performance.now() - started > 120_000) throw new Error('The bench submission was not RECEIVED within two minutes');
    await sleep(mode.delay(fetches));
  }
}

const range = (values: number[], digits: number, unit = '') =>
  `${median(values).toFixed(digits)}${unit} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

export const submissionSection: BenchSection = {
  name: 'submission',
  async run() {
    const documents = fiveRealisticDocuments(MiB);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-submission-'));
    const runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true });
    const clients = floorClients(runtime.stack);
    try {
      const provider = DEMO_USERS.find((user) => user.role === 'provider')!.username;
      const token = await signIn(runtime.stack, provider);
      const floors: number[] = [];
      const storageWork: number[] = [];
      const times = MODES.map(() => [] as number[]);
      const ratios = MODES.map(() => [] as number[]);
      const timeline: TimedRound[] = [];
      const intakeMachine = Object.entries(runtime.stack.stateMachines).find(([logicalId]) => logicalId.startsWith('IntakeWorkflow'))![1];
      for (let round = 0; round < WARMUP_ROUNDS + ROUNDS_PER_MODE * MODES.length; round += 1) {
        const id = randomUUID();
        const floor = await timeFloor(clients, runtime.stack, documents, id);
        const storage = await timeStorageWork(clients, runtime.stack, documents.length, id);
        const index = round % MODES.length;
        const timed = await timeToReceived(runtime.stack, token, documents, MODES[index]!);
        await runtime.workflowsIdle();
        if (round < WARMUP_ROUNDS) continue;
        floors.push(floor);
        storageWork.push(storage / floor);
        times[index]!.push(timed.ms);
        ratios[index]!.push(timed.ms / floor);
        const executionArn = `${intakeMachine.replace(':stateMachine:', ':execution:')}:${executionName(timed.submissionId, 1)}`;
        timeline.push({ ...timed, spans: stateSpans(await executionHistory(clients.sfn, executionArn)) });
      }

      const noise = (quantile(floors, 0.75) - quantile(floors, 0.25)) / median(floors);
      const sizes = documents.map((doc) => (doc.bytes.byteLength / MiB).toFixed(2)).join(' + ');
      console.log(`Five documents (${sizes} MiB), submit → RECEIVED, ${ROUNDS_PER_MODE} submissions per way of polling after ${WARMUP_ROUNDS} warm-up; median (min–max).`);
      console.log(`Floor: 5 PutObjects of the same bytes at once, then 1 PutItem, then 1 SendEmail, same emulators: ${range(floors, 0, ' ms')}; noise ±${(noise * 100).toFixed(0)}%.\n`);
      console.log('| polling | submit → RECEIVED | ratio to floor | target | verdict |');
      console.log('|---|---:|---:|---:|---|');
      const missed: string[] = [];
      MODES.forEach((mode, index) => {
        const ratio = median(ratios[index]!);
        const verdict = mode.target === undefined ? '–' : ratio <= mode.target ? 'PASS' : ratio <= mode.target * (1 + noise) ? 'PASS (within noise)' : 'MISS';
        console.log(`| ${mode.name} | ${range(times[index]!, 0, ' ms')} | ${range(ratios[index]!, 2, '×')} | ${mode.target ? `${mode.target}×` : '–'} | ${verdict} |`);
        if (verdict === 'MISS') missed.push(`${mode.name}: ${ratio.toFixed(2)}× > ${mode.target}× + ${(noise * 100).toFixed(0)}% noise`);
      });
      console.log(`\nThe workflow's own storage work made directly (per document a snapshot copy, the scan's read and tags, validation's read; then five copies to stored keys), no orchestration: ${range(storageWork, 2, '×')} the floor.`);
      console.log(`\nWhere the time goes, from each execution's history (GetExecutionHistory) and the bench's own clock; ${timeline.length} submissions, times from the submit request:\n`);
      for (const line of timelineTable(timeline)) console.log(line);
      return missed;
    } finally {
      clients.s3.destroy();
      clients.db.destroy();
      clients.ses.destroy();
      clients.sfn.destroy();
      await runtime.workflowsIdle();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

/**
 * What integrity tests share: real adapters wired to a running local stack (the tests' own
 * composition root, for driving use cases step by step with a fault injected between), a
 * provider's CV submission created and uploaded through the API, and what was stored.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { BuiltinMalwareScanner } from '../../../src/adapters/builtin-malware-scanner.js';
import { DynamoDbAuditLog } from '../../../src/adapters/dynamodb-audit-log.js';
import { DynamoDbProviderDirectory } from '../../../src/adapters/dynamodb-provider-directory.js';
import { DynamoDbSubmissionRepository } from '../../../src/adapters/dynamodb-submission-repository.js';
import { S3AuditAnchors } from '../../../src/adapters/s3-audit-anchors.js';
import { S3DocumentStore } from '../../../src/adapters/s3-document-store.js';
import { StepFunctionsWorkflowStarter } from '../../../src/adapters/sfn-workflow-starter.js';
import { systemClock } from '../../../src/adapters/system-clock.js';
import { YaraEngine } from '../../../src/adapters/yara-engine.js';
import { documentKey } from '../../../src/contract/storage.js';
import type { Caller } from '../../../src/domain/caller.js';
import type { WorkflowStarter } from '../../../src/ports/workflow-starter.js';
import type { ReviewOutcomeAction } from '../../../src/use-cases/reconcile-review-outcomes.js';
import type { ReconcileReport } from '../../../src/use-cases/reconcile-submissions.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../local/provision.js';
import type { StackInfo } from '../../../local/runtime.js';
import { makePdf, sha256Hex } from '../../../testkit/files.js';
import { callApi, uploadFile } from '../../../testkit/local-api.js';

export function realAdapters(stack: StackInfo) {
  const common = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const s3 = new S3Client({ ...common, endpoint: stack.endpoints.s3, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ ...common, endpoint: stack.endpoints.dynamodb }), { marshallOptions: { removeUndefinedValues: true } });
  const sfn = new SFNClient({ ...common, endpoint: stack.endpoints.stepfunctions });
  return {
    repository: new DynamoDbSubmissionRepository(db, stack.tables.intake),
    store: new S3DocumentStore(s3, stack.bucketName),
    // The engine the local runtime's template selects (MalwareScanning=Builtin).
    scanner: new BuiltinMalwareScanner(s3, stack.bucketName, YaraEngine.load()),
    audit: new DynamoDbAuditLog(db, stack.tables.audit, new S3AuditAnchors(s3, stack.auditAnchorBucketName)),
    workflow: new StepFunctionsWorkflowStarter(sfn, Object.entries(stack.stateMachines).find(([id]) => id.startsWith('IntakeWorkflow'))![1]),
    clock: systemClock,
    directory: new DynamoDbProviderDirectory(db, stack.tables.intake),
    clients: { s3, db, sfn },
    destroy: () => [s3, db, sfn].forEach((client) => client.destroy()),
  };
}


export interface Uploaded {
  submissionId: string;
  documentId: string;
  providerId: string;
  sha256: string;
  /** The presigned POST the browser got: still valid for a few minutes. */
  upload: { url: string; fields: Record<string, string> };
}

/** A one-document submission (a PDF CV) created and uploaded through the API, not yet submitted. */
export async function uploadedCv(stack: StackInfo, token: string, pdf: Buffer = makePdf({ pages: 1 })): Promise<Uploaded> {
  const created = await callApi(stack, 'POST', '/submissions', token, {
    documents: [{ documentType: 'CURRICULUM_VITAE', fileName: 'cv.pdf', contentType: 'application/pdf', sizeBytes: pdf.byteLength, sha256: sha256Hex(pdf), issueDate: '2026-10-01' }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const [document] = created.body.documents as { documentId: string; upload: Uploaded['upload'] }[];
  expect(await uploadFile(document!.upload, pdf, 'application/pdf')).toBe(204);
  const providerId = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
  return { submissionId: created.body.submissionId, documentId: document!.documentId, providerId, sha256: sha256Hex(pdf), upload: document!.upload };
}

/** SHA-256 of the stored document, or null when nothing is stored. */
export async function storedSha256(s3: S3Client, stack: StackInfo, uploaded: Uploaded): Promise<string | null> {
  try {
    const stored = await s3.send(new GetObjectCommand({ Bucket: stack.bucketName, Key: documentKey(uploaded.providerId, uploaded.submissionId, uploaded.documentId) }));
    return sha256Hex(await stored.Body!.transformToByteArray());
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return null;
    throw error;
  }
}

/** Reference numbers ever reserved for a submission (used or not). */
export async function referencesReservedFor(db: DynamoDBDocumentClient, stack: StackInfo, submissionId: string): Promise<string[]> {
  const found: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: stack.tables.intake, FilterExpression: 'begins_with(pk, :ref) AND submissionId = :id', ExpressionAttributeValues: { ':ref': 'REFERENCE#', ':id': submissionId }, ExclusiveStartKey }),
    );
    found.push(...(page.Items ?? []).map((item) => String(item.pk).slice('REFERENCE#'.length)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return found;
}

/** Invokes a template function through the local Lambda Invoke API, expecting no function error. */
export async function invokeFunction<T>(stack: StackInfo, functionName: string, payload: unknown): Promise<T> {
  const lambda = new LambdaClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: stack.endpoints.lambda });
  try {
    const result = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(payload) }));
    expect(result.FunctionError, Buffer.from(result.Payload ?? []).toString()).toBeUndefined();
    return JSON.parse(Buffer.from(result.Payload!).toString()) as T;
  } finally {
    lambda.destroy();
  }
}

/** What a reconciler run did: the intake half's report, and the completed reviews it acted on. */
export type ReconcilerRun = ReconcileReport & { reviewOutcomes: Partial<Record<ReviewOutcomeAction, string[]>> };

/** Runs the template's reconciler function as its schedule does, at the scheduled `time`. */
export function runReconciler(stack: StackInfo, time: Date, id: string): Promise<ReconcilerRun> {
  const event = { version: '0', id, 'detail-type': 'Scheduled Event', source: 'aws.events', time: time.toISOString(), region: LOCAL_REGION, resources: [], detail: {} };
  return invokeFunction<ReconcilerRun>(stack, stack.scheduledJobs.reconciler!, event);
}

/** The provider who owns an uploaded submission, as the submit route would see her. */
export const ownerOf = (uploaded: Pick<Uploaded, 'providerId'>, email: string, name: string): Caller => ({ userId: uploaded.providerId, email, name, role: 'provider', requestId: 'crash-test', sourceIp: null });

/** The process dies right after the status change, before StartExecution. */
export const dyingWorkflow: WorkflowStarter = {
  start: async () => {
    throw new Error('killed before StartExecution');
  },
  status: async () => 'NOT_FOUND',
};

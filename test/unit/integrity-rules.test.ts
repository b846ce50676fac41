/**
 * The pure rules behind issue 7, and the request shapes of the adapters that carry them where
 * the emulators cannot show them (S3's conditions, Step Functions' errors). No network.
 */
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient, StartExecutionCommand, ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { S3AuditAnchors } from '../../src/adapters/s3-audit-anchors.js';
import { S3DocumentStore } from '../../src/adapters/s3-document-store.js';
import { StepFunctionsWorkflowStarter } from '../../src/adapters/sfn-workflow-starter.js';
import { GENESIS_HASH, chainAuditEvent, firstBrokenSequence, type AuditEvent } from '../../src/domain/audit.js';
import { canTransition, isSubmissionCommitted, isSubmissionInProgress } from '../../src/domain/status.js';
import { executionName, redriveDelayMs } from '../../src/domain/workflow-attempt.js';
import { errorResponse } from '../../src/handlers/shared/http.js';
import { stepHandler } from '../../src/handlers/shared/step.js';
import { isTransient } from '../../src/handlers/shared/transient.js';
import type { Context } from 'aws-lambda';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const s3Error = (name: string, httpStatusCode: number) => new S3ServiceException({ name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode } });
const MINUTE = 60_000;

describe('workflow attempts', () => {
  it('lets a validating submission fail and a failed one be re-driven, and nothing else', () => {
    expect(canTransition('VALIDATING', 'PROCESSING_FAILED')).toBe(true);
    expect(canTransition('PROCESSING_FAILED', 'VALIDATING')).toBe(true);
    expect(canTransition('PROCESSING_FAILED', 'RECEIVED')).toBe(false);
    expect(canTransition('RECEIVED', 'PROCESSING_FAILED')).toBe(false);
    expect(isSubmissionInProgress('PROCESSING_FAILED')).toBe(true);
    expect(isSubmissionCommitted('PROCESSING_FAILED')).toBe(false);
    expect(['RECEIVED', 'REJECTED', 'IN_REVIEW'].every((s) => isSubmissionCommitted(s as 'RECEIVED'))).toBe(true);
  });

  it('names each attempt\'s execution apart and backs off between automatic re-drives', () => {
    expect(executionName('6f1c5b4e-0000-4000-8000-000000000001', 3)).toBe('6f1c5b4e-0000-4000-8000-000000000001-3');
    expect([1, 2, 3, 4].map(redriveDelayMs)).toEqual([5 * MINUTE, 10 * MINUTE, 20 * MINUTE, 40 * MINUTE]);
    expect(redriveDelayMs(12)).toBe(240 * MINUTE);
  });
});

describe('what the workflow retries', () => {
  it.each([
    ['throttling', new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: { httpStatusCode: 400 } })],
    ['S3 SlowDown', s3Error('SlowDown', 503)],
    ['S3 InternalError', s3Error('InternalError', 500)],
    ['an SDK error marked retryable', Object.assign(new Error('x'), { $retryable: {} })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4569'), { code: 'ECONNREFUSED' })],
    ['a reset connection under a wrapper', new Error('request failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })],
    ['a refused dual-stack connect', new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'connect failed')],
    ['a timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('retries %s', (_name, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    ['a lost conditional write', new ConditionalCheckFailedException({ message: 'no', $metadata: { httpStatusCode: 400 } })],
    ['access denied', s3Error('AccessDenied', 403)],
    ['a changed snapshot', Object.assign(new Error('changed'), { name: 'SnapshotChanged' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['not an error', 'boom'],
  ])('fails fast on %s', (_name, error) => {
    expect(isTransient(error)).toBe(false);
  });

  it('rethrows a transient failure under the one name the state machine retries, and anything else as it is', async () => {
    const context = { functionName: 'test', awsRequestId: 'r' } as Context;
    const failing = (error: unknown) => stepHandler('done', () => ({ id: 'x' }), async () => Promise.reject(error));
    await expect(failing(s3Error('SlowDown', 503))({}, context)).rejects.toMatchObject({ name: 'TransientFailure', message: expect.stringContaining('SlowDown') });
    await expect(failing(s3Error('AccessDenied', 403))({}, context)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('lets no service words leave a failed step: SES naming the recipient is thrown as its name and status', async () => {
    // Prepare: SES's real refusal text, and a throttle whose text quotes the address too
    const context = { functionName: 'test', awsRequestId: 'r' } as Context;
    const failing = (error: unknown) => stepHandler('done', () => ({ id: 'x' }), async () => Promise.reject(error));
    const sesError = (name: string, httpStatusCode: number) =>
      Object.assign(new Error(`Email address is not verified. The following identities failed the check in region US-EAST-1: emily.johnson@example.org`), { name, $metadata: { httpStatusCode } });

    // Act
    const refused = await failing(sesError('MessageRejected', 400))({}, context).catch((error: Error) => error);
    const throttled = await failing(sesError('Throttling', 429))({}, context).catch((error: Error) => error);
    const ours = await failing(new Error('Submission 6f1c5b4e-0000-4000-8000-000000000001 does not exist'))({}, context).catch((error: Error) => error);

    // Assess: names kept (the state machine matches them), the address gone; our own messages (ids only) kept
    expect(refused).toMatchObject({ name: 'MessageRejected', message: 'the service refused the request (HTTP 400)' });
    expect(throttled).toMatchObject({ name: 'TransientFailure', message: 'Throttling: the service refused the request (HTTP 429)' });
    for (const error of [refused, throttled]) expect(`${error.message} ${error.stack}`).not.toContain('emily.johnson');
    expect(ours.message).toBe('Submission 6f1c5b4e-0000-4000-8000-000000000001 does not exist');
  });
});

describe('what the API answers when a service fails', () => {
  const answer = (error: unknown) => {
    const response = errorResponse(error, 'req-1');
    return { status: response.statusCode, retryAfter: response.headers?.['Retry-After'], code: (JSON.parse(response.body) as { error: { code: string } }).error.code };
  };

  it('tells a throttled request from an unavailable service and from our own failure, each with when to retry', () => {
    expect(answer(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: { httpStatusCode: 400 } }))).toEqual({ status: 429, retryAfter: '2', code: 'TOO_MANY_REQUESTS' });
    expect(answer(s3Error('SlowDown', 503))).toEqual({ status: 429, retryAfter: '2', code: 'TOO_MANY_REQUESTS' });
    expect(answer(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4567'), { code: 'ECONNREFUSED' }))).toEqual({ status: 503, retryAfter: '5', code: 'SERVICE_UNAVAILABLE' });
    expect(answer(s3Error('InternalError', 500))).toEqual({ status: 503, retryAfter: '5', code: 'SERVICE_UNAVAILABLE' });
    expect(answer(new TypeError("Cannot read properties of undefined (reading 'x')"))).toEqual({ status: 500, retryAfter: undefined, code: 'INTERNAL_ERROR' });
    expect(answer(s3Error('AccessDenied', 403))).toEqual({ status: 500, retryAfter: undefined, code: 'INTERNAL_ERROR' });
  });
});

describe('audit anchors', () => {
  const chain = (count: number): AuditEvent[] => {
    const events: AuditEvent[] = [];
    for (let sequence = 1; sequence <= count; sequence++) {
      events.push(chainAuditEvent({ submissionId: 's', type: 'SUBMISSION_CREATED', factKey: `f${sequence}`, actor: { type: 'system', id: 't' }, occurredAt: `2026-11-25T10:00:0${sequence}Z`, requestId: 'r', sourceIp: null, details: {} }, sequence, events.at(-1)?.hash ?? GENESIS_HASH));
    }
    return events;
  };
  const anchorsOf = (events: AuditEvent[]) => new Map(events.map((e) => [e.sequence, e.hash]));

  it('catches a rewritten row whose later hashes were all recomputed, at that row', () => {
    const original = chain(5);
    const rewritten = [...original.slice(0, 2)];
    for (const event of original.slice(2)) {
      const { sequence, previousHash: _p, hash: _h, ...content } = event;
      rewritten.push(chainAuditEvent({ ...content, requestId: sequence === 3 ? 'forged' : content.requestId }, sequence, rewritten.at(-1)!.hash));
    }
    expect(firstBrokenSequence(rewritten, new Map())).toBeNull(); // the links alone cannot tell
    expect(firstBrokenSequence(rewritten, anchorsOf(original))).toBe(3);
  });

  it('tolerates anchors that were never written, since any later anchor still covers the rows before it', () => {
    const events = chain(4);
    const someAnchored = new Map([[4, events[3]!.hash]]);
    expect(firstBrokenSequence(events, someAnchored)).toBeNull();
    expect(firstBrokenSequence(events, new Map([[2, 'f'.repeat(64)]]))).toBe(2);
  });

  it('catches removed rows by the anchors left past the end', () => {
    const events = chain(4);
    expect(firstBrokenSequence(events.slice(0, 3), anchorsOf(events))).toBe(4);
  });
});

describe('the adapters\' conditions', () => {
  it('pins key, type, exact size and SHA-256 in the presigned POST policy', async () => {
    const store = new S3DocumentStore(new S3Client({ region: 'us-east-1', credentials }), 'bucket');
    const sha256 = 'a'.repeat(64);
    const upload = await store.presignUpload('staging/s/d', { contentType: 'application/pdf', sizeBytes: 1234, sha256 }, 300);
    const policy = JSON.parse(Buffer.from(upload.fields.Policy!, 'base64').toString()) as { conditions: unknown[] };
    const base64 = Buffer.from(sha256, 'hex').toString('base64');
    expect(upload.fields).toMatchObject({ key: 'staging/s/d', 'Content-Type': 'application/pdf', 'x-amz-checksum-algorithm': 'SHA256', 'x-amz-checksum-sha256': base64 });
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1234, 1234],
        ['eq', '$Content-Type', 'application/pdf'],
        ['eq', '$x-amz-checksum-algorithm', 'SHA256'],
        ['eq', '$x-amz-checksum-sha256', base64],
        { key: 'staging/s/d' },
      ]),
    );
  });

  it('stores exactly the validated snapshot version, and reports a snapshot that changed', async () => {
    const s3 = mockClient(S3Client);
    const store = new S3DocumentStore(new S3Client({ region: 'us-east-1', credentials }), 'bucket');
    s3.on(CopyObjectCommand).resolvesOnce({ CopyObjectResult: { ETag: '"abc"' }, VersionId: 'v1' }).resolvesOnce({}).rejectsOnce(s3Error('PreconditionFailed', 412));
    s3.on(GetObjectCommand).resolves({ ETag: '"other"' });

    const snapshot = await store.snapshot('staging/s/d', 'intake/s/d');
    await store.store(snapshot!, 'documents/p/s/d');
    const replaced = store.store(snapshot!, 'documents/p/s/d');
    const reopened = store.open(snapshot!);

    expect(snapshot).toEqual({ key: 'intake/s/d', etag: 'abc', versionId: 'v1' });
    expect(s3.commandCalls(CopyObjectCommand)[1]!.args[0].input).toMatchObject({ Key: 'documents/p/s/d', CopySource: 'bucket/intake/s/d?versionId=v1', CopySourceIfMatch: '"abc"', TaggingDirective: 'REPLACE' });
    await expect(replaced).rejects.toMatchObject({ name: 'SnapshotChanged' });
    await expect(reopened).rejects.toMatchObject({ name: 'SnapshotChanged' });
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toMatchObject({ Key: 'intake/s/d', VersionId: 'v1', IfMatch: '"abc"' });
    s3.restore();
  });

  it('writes anchors only where none exists, and takes an existing one as written', async () => {
    const s3 = mockClient(S3Client);
    s3.on(PutObjectCommand).resolvesOnce({}).rejectsOnce(s3Error('PreconditionFailed', 412)).rejectsOnce(s3Error('AccessDenied', 403));
    const anchors = new S3AuditAnchors(new S3Client({ region: 'us-east-1', credentials }), 'anchors');

    await anchors.anchor('s', 1, 'h1');
    await anchors.anchor('s', 1, 'h1');
    const denied = anchors.anchor('s', 2, 'h2');

    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({ Bucket: 'anchors', Key: 's/0000000001', IfNoneMatch: '*', Body: JSON.stringify({ chain: 's', sequence: 1, hash: 'h1' }) });
    await expect(denied).rejects.toMatchObject({ name: 'AccessDenied' });
    s3.restore();
  });

  it('tells a closed execution name from a free one', async () => {
    const sfn = mockClient(SFNClient);
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    sfn.on(DescribeExecutionCommand).rejectsOnce(new ExecutionDoesNotExist({ message: 'none', $metadata: {} })).resolves({ status: 'FAILED' } as never);
    const workflow = new StepFunctionsWorkflowStarter(new SFNClient({ region: 'us-east-1', credentials }), 'arn:aws:states:us-east-1:123456789012:stateMachine:Intake');

    expect(await workflow.start('s-1', { submissionId: 's', documentIds: [], attempt: 1 })).toBe('ALREADY_EXISTS');
    expect(await workflow.status('s-1')).toBe('NOT_FOUND');
    expect(await workflow.status('s-1')).toBe('FAILED');
    expect(sfn.commandCalls(DescribeExecutionCommand)[0]!.args[0].input).toEqual({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Intake:s-1' });
    sfn.restore();
  });
});

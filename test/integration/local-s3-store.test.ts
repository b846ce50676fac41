/**
 * The local S3 keeps the promises of S3 that the audit anchors rely on (they are written with
 * If-None-Match: * and read while the workflow appends): an existing key is never replaced by a
 * conditional PUT, and a GET never sees a half-written object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/provision.js';
import { createS3rver } from '../../local/s3-store.js';

const BUCKET = 'anchors';
const directory = mkdtempSync(path.join(tmpdir(), 'local-s3-store-'));
const server = createS3rver({ port: 0, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: BUCKET, configs: [] }] });
let s3: S3Client;

beforeAll(async () => {
  const { port } = await server.run();
  s3 = new S3Client({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
});
afterAll(async () => {
  s3?.destroy();
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

const put = (key: string, body: string, ifNoneMatch?: '*') => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ...(ifNoneMatch ? { IfNoneMatch: ifNoneMatch } : {}) }));
async function read(key: string): Promise<string> {
  try {
    return await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString();
  } catch (error) {
    return (error as Error).name;
  }
}

describe('the local S3', () => {
  it('refuses a PUT with If-None-Match: * of a key that exists with 412 PreconditionFailed, and keeps the object', async () => {
    // Prepare
    await put('chain/1', 'first', '*');
    // Act
    const refused = await put('chain/1', 'second', '*').catch((error: Error & { $metadata: { httpStatusCode?: number } }) => error);
    // Assess
    expect(refused).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    expect(await read('chain/1')).toBe('first');
  });

  it('lets one of two conditional PUTs of a new key at once win; the other is refused', async () => {
    const results = await Promise.allSettled([put('chain/race', 'a', '*'), put('chain/race', 'b', '*')]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = results[0]!.status === 'fulfilled' ? 'a' : 'b';
    expect(await read('chain/race')).toBe(winner);
  });

  it('answers a GET during a PUT of the same key with the whole old or new object (or NoSuchKey before the first), never a part', async () => {
    // Prepare: anchors of two sizes, so a torn read cannot pass for either
    const small = JSON.stringify({ hash: 'a'.repeat(64) });
    const large = JSON.stringify({ hash: 'b'.repeat(64), padding: 'c'.repeat(4096) });
    // Act: each key written twice and read while it is written
    const reads = await Promise.all(
      Array.from({ length: 100 }, async (_, index) => {
        const key = `torn/${index}`;
        const [first] = await Promise.all([read(key), put(key, small)]);
        const [second] = await Promise.all([read(key), put(key, large)]);
        return [first, second];
      }),
    );
    // Assess
    for (const [first, second] of reads) {
      expect(['NoSuchKey', small]).toContain(first);
      expect([small, large]).toContain(second);
    }
  });
});

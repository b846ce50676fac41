import { CopyObjectCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Snapshot } from '../domain/submission.js';
import type { Clock } from '../ports/clock.js';
import { SnapshotChanged, type DeclaredUpload, type DocumentStore, type PresignedUpload, type StoredObject } from '../ports/document-store.js';
import { errorName } from './s3-errors.js';
import { systemClock } from './system-clock.js';

const unquoted = (etag: string | undefined) => (etag ?? '').replace(/^W\//, '').replace(/"/g, '');
const copySource = (bucket: string, key: string, versionId?: string | null) =>
  `${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}${versionId ? `?versionId=${encodeURIComponent(versionId)}` : ''}`;
const MISSING = new Set(['NoSuchKey', 'NoSuchVersion', 'NotFound']);
// S3 answers 412 when an If-Match / x-amz-copy-source-if-match condition does not hold.
const CHANGED = new Set(['PreconditionFailed']);

export class S3DocumentStore implements DocumentStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucketName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async presignUpload(key: string, declared: DeclaredUpload, ttlSeconds: number): Promise<PresignedUpload> {
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
    const fields = {
      'Content-Type': declared.contentType,
      // S3 computes the SHA-256 of the body it receives and refuses the upload if it differs.
      'x-amz-checksum-algorithm': 'SHA256',
      'x-amz-checksum-sha256': Buffer.from(declared.sha256, 'hex').toString('base64'),
    };
    const { url, fields: signed } = await createPresignedPost(this.s3, {
      Bucket: this.bucketName,
      Key: key,
      // The policy pins key, type, exact size and checksum: S3 refuses anything else (validation re-checks anyway).
      Conditions: [['content-length-range', declared.sizeBytes, declared.sizeBytes], ...Object.entries(fields).map(([name, value]) => ['eq', `$${name}`, value] as ['eq', string, string])],
      Fields: fields,
      Expires: ttlSeconds,
    });
    return { method: 'POST', url, fields: signed, expiresAt };
  }

  async snapshot(fromKey: string, toKey: string): Promise<Snapshot | null> {
    try {
      const copied = await this.s3.send(new CopyObjectCommand({ Bucket: this.bucketName, Key: toKey, CopySource: copySource(this.bucketName, fromKey), MetadataDirective: 'COPY' }));
      return { key: toKey, etag: unquoted(copied.CopyObjectResult?.ETag), versionId: copied.VersionId ?? null };
    } catch (error) {
      if (MISSING.has(errorName(error))) return null;
      throw error;
    }
  }

  async open(snapshot: Snapshot): Promise<StoredObject | null> {
    try {
      const response = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucketName, Key: snapshot.key, IfMatch: `"${snapshot.etag}"`, ...(snapshot.versionId ? { VersionId: snapshot.versionId } : {}) }),
      );
      // Where the store ignores If-Match (the local emulator), the answer's ETag still tells.
      if (unquoted(response.ETag) !== snapshot.etag) {
        await response.Body?.transformToByteArray().catch(() => undefined);
        throw new SnapshotChanged(`${snapshot.key} is not the snapshot that was taken`);
      }
      return { sizeBytes: response.ContentLength ?? 0, body: response.Body as AsyncIterable<Uint8Array> };
    } catch (error) {
      if (MISSING.has(errorName(error))) return null;
      if (CHANGED.has(errorName(error))) throw new SnapshotChanged(`${snapshot.key} is not the snapshot that was taken`);
      throw error;
    }
  }

  async store(snapshot: Snapshot, toKey: string): Promise<void> {
    try {
      await this.s3.send(
        new CopyObjectCommand({
          Bucket: this.bucketName,
          Key: toKey,
          CopySource: copySource(this.bucketName, snapshot.key, snapshot.versionId),
          CopySourceIfMatch: `"${snapshot.etag}"`,
          MetadataDirective: 'COPY',
          // The snapshot's scan-verdict tag belongs to intake/; copying tags would also need tagging grants.
          TaggingDirective: 'REPLACE',
        }),
      );
    } catch (error) {
      if (CHANGED.has(errorName(error)) || MISSING.has(errorName(error))) throw new SnapshotChanged(`${snapshot.key} is not the snapshot that was validated`);
      throw error;
    }
  }

  async readStored(key: string): Promise<Uint8Array | null> {
    try {
      const response = await this.s3.send(new GetObjectCommand({ Bucket: this.bucketName, Key: key }));
      return (await response.Body?.transformToByteArray()) ?? null;
    } catch (error) {
      if (MISSING.has(errorName(error))) return null;
      throw error;
    }
  }

  async sizesUnder(prefix: string): Promise<Map<string, number>> {
    const listed = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucketName, Prefix: prefix, MaxKeys: 1000 }));
    return new Map((listed.Contents ?? []).flatMap((object) => (object.Key ? [[object.Key, object.Size ?? 0] as const] : [])));
  }

  async delete(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const result = await this.s3.send(
        new DeleteObjectsCommand({ Bucket: this.bucketName, Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true } }),
      );
      const failed = result.Errors ?? [];
      if (failed.length > 0) throw new Error(`S3 did not delete ${failed.length} object(s): ${failed[0]!.Code ?? 'unknown error'}`);
    }
  }

  async presignDownload(key: string, response: { contentType: string; contentDisposition: string }, ttlSeconds: number): Promise<{ url: string; expiresAt: string }> {
    // One instant for the signature and the stated expiry, in whole seconds as X-Amz-Date has
    // them: S3 refuses the URL from exactly `expiresAt` on, not up to a second before it.
    const signingDate = new Date(Math.floor(this.clock.now().getTime() / 1000) * 1000);
    const expiresAt = new Date(signingDate.getTime() + ttlSeconds * 1000).toISOString();
    const command = new GetObjectCommand({
      Bucket: this.bucketName,
      Key: key,
      // Signed into the URL: S3 answers with exactly these headers, whatever the object's metadata says.
      ResponseContentType: response.contentType,
      ResponseContentDisposition: response.contentDisposition,
      ResponseCacheControl: 'private, no-store',
    });
    return { url: await getSignedUrl(this.s3, command, { expiresIn: ttlSeconds, signingDate }), expiresAt };
  }
}

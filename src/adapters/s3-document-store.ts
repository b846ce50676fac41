import { CopyObjectCommand, GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DocumentStore, PresignedUpload, StoredObject } from '../ports/document-store.js';

export class S3DocumentStore implements DocumentStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucketName: string,
  ) {}

  async presignUpload(key: string, contentType: string, maxBytes: number, ttlSeconds: number): Promise<PresignedUpload> {
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucketName,
      Key: key,
      // The policy pins key, type and size: S3 refuses anything else (validation re-checks anyway).
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: ttlSeconds,
    });
    return { method: 'POST', url, fields, expiresAt };
  }

  async open(key: string): Promise<StoredObject | null> {
    try {
      const response = await this.s3.send(new GetObjectCommand({ Bucket: this.bucketName, Key: key }));
      return { sizeBytes: response.ContentLength ?? 0, body: response.Body as AsyncIterable<Uint8Array> };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    await this.s3.send(
      new CopyObjectCommand({
        Bucket: this.bucketName,
        Key: toKey,
        CopySource: `${this.bucketName}/${encodeURIComponent(fromKey).replace(/%2F/g, '/')}`,
        MetadataDirective: 'COPY',
      }),
    );
  }

  async presignDownload(key: string, response: { contentType: string; contentDisposition: string }, ttlSeconds: number): Promise<{ url: string; expiresAt: string }> {
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
    const command = new GetObjectCommand({
      Bucket: this.bucketName,
      Key: key,
      // Signed into the URL: S3 answers with exactly these headers, whatever the object's metadata says.
      ResponseContentType: response.contentType,
      ResponseContentDisposition: response.contentDisposition,
      ResponseCacheControl: 'private, no-store',
    });
    return { url: await getSignedUrl(this.s3, command, { expiresIn: ttlSeconds }), expiresAt };
  }
}

export interface PresignedUpload {
  method: 'POST';
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

export interface StoredObject {
  sizeBytes: number;
  body: AsyncIterable<Uint8Array>;
}

/** The documents bucket: `staging/` receives browser uploads, `documents/` keeps accepted files. */
export interface DocumentStore {
  presignUpload(key: string, contentType: string, maxBytes: number, ttlSeconds: number): Promise<PresignedUpload>;
  /** null when nothing was uploaded under the key. */
  open(key: string): Promise<StoredObject | null>;
  /** Server-side copy; idempotent (copying again yields the same object). */
  copy(fromKey: string, toKey: string): Promise<void>;
  /** A presigned GET whose response carries these headers (S3's response-content-* overrides). */
  presignDownload(key: string, response: { contentType: string; contentDisposition: string }, ttlSeconds: number): Promise<{ url: string; expiresAt: string }>;
}

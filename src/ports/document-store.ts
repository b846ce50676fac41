import type { Snapshot } from '../domain/submission.js';

export interface PresignedUpload {
  method: 'POST';
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/** What the provider declared about a file: the presigned POST pins all three. */
export interface DeclaredUpload {
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export interface StoredObject {
  sizeBytes: number;
  body: AsyncIterable<Uint8Array>;
}

/** The object under a snapshot's key is no longer that snapshot: never validate or store it. */
export class SnapshotChanged extends Error {
  override readonly name = 'SnapshotChanged';
}

/**
 * The documents bucket: `staging/` receives browser uploads, `intake/` holds the workflow's
 * snapshots of them, `documents/` keeps accepted files (`src/contract/storage.ts`).
 */
export interface DocumentStore {
  presignUpload(key: string, declared: DeclaredUpload, ttlSeconds: number): Promise<PresignedUpload>;
  /** Server-side copy of whatever `fromKey` holds now to `toKey`; null when nothing was uploaded. */
  snapshot(fromKey: string, toKey: string): Promise<Snapshot | null>;
  /** Exactly the snapshot's bytes, or null when it is gone; throws SnapshotChanged if it was replaced. */
  open(snapshot: Snapshot): Promise<StoredObject | null>;
  /** Server-side copy of exactly the snapshot to `toKey`; throws SnapshotChanged if it was replaced. */
  store(snapshot: Snapshot, toKey: string): Promise<void>;
  /** The whole object stored under `documents/` (validated, at most 10 MiB), or null when it is gone. */
  readStored(key: string): Promise<Uint8Array | null>;
  /** The size of each object under `prefix` (up to 1,000 of them), by key: nothing is read. */
  sizesUnder(prefix: string): Promise<Map<string, number>>;
  /** Removes the keys (no error for keys that do not exist). */
  delete(keys: string[]): Promise<void>;
  /** A presigned GET whose response carries these headers (S3's response-content-* overrides). */
  presignDownload(key: string, response: { contentType: string; contentDisposition: string }, ttlSeconds: number): Promise<{ url: string; expiresAt: string }>;
}

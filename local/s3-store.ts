/**
 * s3rver with the two promises of S3 that the audit anchors rely on, which s3rver's own
 * filesystem store breaks:
 * - an object is replaced whole: a GET sees the old object or the new one, never a half-written
 *   file (s3rver truncates and rewrites the file in place, so a GET during a PUT read an empty
 *   anchor and the audit read answered 500);
 * - a PUT with `If-None-Match: *` of a key that exists is refused with 412 PreconditionFailed
 *   and leaves the object as it was (s3rver ignores the header and overwrites).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';

type S3rverOptions = ConstructorParameters<typeof S3rver>[0];

interface StoredObject {
  bucket: string;
  key: string;
  content: Buffer | Readable;
  metadata: Record<string, string>;
}

interface FilesystemStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  existsObject(bucket: string, key: string): Promise<boolean>;
  getObject(bucket: string, key: string, options?: unknown): Promise<unknown>;
  putObject(object: StoredObject): Promise<{ size: number; md5: string }>;
  copyObject(srcBucket: string, srcKey: string, destBucket: string, destKey: string, replacementMetadata?: unknown): Promise<unknown>;
  deleteObject(bucket: string, key: string): Promise<void>;
}

const require = createRequire(import.meta.url);
const FilesystemStore = require('s3rver/lib/stores/filesystem.js') as new (directory: string) => FilesystemStore;
const S3Error = require('s3rver/lib/models/error.js') as new (code: string, message: string, detail?: Record<string, string>) => Error;
const { ALLOWED_METADATA } = require('s3rver/lib/models/object.js') as { ALLOWED_METADATA: string[] };

/** One operation at a time per key: a GET opens its file before a PUT of the same key renames a new one in. */
class KeyLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => this.tails.get(key) === tail && this.tails.delete(key));
    return result;
  }
}

/** s3rver keeps only an object's own metadata; a PUT's body is the request itself, which has its headers. */
function conditionOf(object: StoredObject): string | undefined {
  const headers = (object.content as Partial<IncomingMessage>).headers;
  return typeof headers?.['if-none-match'] === 'string' ? headers['if-none-match'] : undefined;
}

/** Written next to the file and renamed over it: readers see the old file or the new one. */
async function replaceFile(file: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await write(temp);
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}

class AtomicFilesystemStore extends FilesystemStore {
  private readonly locks = new KeyLocks();

  override getObject(bucket: string, key: string, options?: unknown) {
    return this.locks.run(`${bucket}/${key}`, () => super.getObject(bucket, key, options));
  }

  override deleteObject(bucket: string, key: string) {
    return this.locks.run(`${bucket}/${key}`, () => super.deleteObject(bucket, key));
  }

  override copyObject(srcBucket: string, srcKey: string, destBucket: string, destKey: string, replacementMetadata?: unknown) {
    return this.locks.run(`${destBucket}/${destKey}`, () => super.copyObject(srcBucket, srcKey, destBucket, destKey, replacementMetadata));
  }

  override putObject(object: StoredObject) {
    return this.locks.run(`${object.bucket}/${object.key}`, async () => {
      if (conditionOf(object) === '*' && (await this.existsObject(object.bucket, object.key))) {
        if (object.content instanceof Readable) object.content.resume();
        throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'If-None-Match' });
      }
      const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
      await mkdir(path.dirname(objectPath), { recursive: true });
      const md5 = createHash('md5');
      let size = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          md5.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      const source = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
      let digest = '';
      await replaceFile(objectPath, async (temp) => {
        await pipeline(source, counted, createWriteStream(temp));
        digest = md5.digest('hex');
        // The object's checksum and metadata are in place before the object itself appears.
        const metadata = Object.fromEntries(Object.entries(object.metadata).filter(([name]) => ALLOWED_METADATA.includes(name) || name.startsWith('x-amz-meta-')));
        await replaceFile(`${objectPath}.md5`, (md5Temp) => writeFile(md5Temp, digest));
        await replaceFile(this.getResourcePath(object.bucket, object.key, 'metadata.json'), (metadataTemp) => writeFile(metadataTemp, JSON.stringify(metadata, null, 2)));
      });
      return { size, md5: digest };
    });
  }
}

/** An s3rver whose objects are stored by `AtomicFilesystemStore`. */
export function createS3rver(options: S3rverOptions): S3rver {
  const server = new S3rver(options) as S3rver & { store: FilesystemStore; context: { store: FilesystemStore } };
  server.store = server.context.store = new AtomicFilesystemStore(options.directory);
  return server;
}

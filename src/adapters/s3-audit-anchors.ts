/**
 * Audit anchors: one small object per appended event, `{chain}/{sequence}` (contract
 * `auditAnchorKey`), holding the event's hash. Written with If-None-Match: * so an anchor is
 * never replaced; in AWS the bucket's Object Lock (compliance mode) also keeps anyone — an
 * administrator included — from deleting or overwriting a version before its retention ends.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { auditAnchorKey } from '../contract/storage.js';
import type { AuditAnchors } from '../domain/audit.js';
import { mapBounded } from '../domain/concurrency.js';
import type { AuditAnchorStore } from '../ports/audit-log.js';
import { errorName } from './s3-errors.js';

// 412: the anchor exists; 409: a concurrent write of the same key is in flight.
const ALREADY_ANCHORED = new Set(['PreconditionFailed', 'ConditionalRequestConflict']);
const READ_CONCURRENCY = 8;

export class S3AuditAnchors implements AuditAnchorStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucketName: string,
  ) {}

  async anchor(chain: string, sequence: number, hash: string): Promise<void> {
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucketName,
          Key: auditAnchorKey(chain, sequence),
          Body: JSON.stringify({ chain, sequence, hash }),
          ContentType: 'application/json',
          IfNoneMatch: '*',
          // Object Lock buckets refuse writes without an integrity checksum.
          ChecksumAlgorithm: 'SHA256',
        }),
      );
    } catch (error) {
      if (!ALREADY_ANCHORED.has(errorName(error))) throw error;
    }
  }

  async read(chain: string, sequences: number[]): Promise<AuditAnchors> {
    const hashes = await mapBounded(sequences, READ_CONCURRENCY, (sequence) => this.readOne(chain, sequence));
    return new Map(sequences.flatMap((sequence, index) => (hashes[index] === null ? [] : [[sequence, hashes[index]!] as const])));
  }

  private async readOne(chain: string, sequence: number): Promise<string | null> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucketName, Key: auditAnchorKey(chain, sequence) }));
      const anchored = JSON.parse(await object.Body!.transformToString()) as { chain?: unknown; sequence?: unknown; hash?: unknown };
      // An anchor that does not name its own place is no anchor.
      return anchored.chain === chain && anchored.sequence === sequence && typeof anchored.hash === 'string' ? anchored.hash : '';
    } catch (error) {
      if (errorName(error) === 'NoSuchKey') return null;
      throw error;
    }
  }
}

/**
 * Fixed-size copies of the first and last bytes of a stream. Both are allocated once, so memory
 * does not depend on the file size or on how the stream happens to be chunked.
 */

export class HeadBuffer {
  private readonly bytes: Buffer;
  private filled = 0;

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafe(capacity);
  }

  get isFull(): boolean {
    return this.filled === this.bytes.length;
  }

  /** Copies what still fits from `chunk`; returns how many bytes were taken. */
  take(chunk: Buffer): number {
    const count = Math.min(chunk.length, this.bytes.length - this.filled);
    chunk.copy(this.bytes, this.filled, 0, count);
    this.filled += count;
    return count;
  }

  contents(): Buffer {
    return this.bytes.subarray(0, this.filled);
  }
}

const NOTHING = Buffer.alloc(0);

/**
 * A ring buffer holding the last `capacity` bytes seen. Bytes before `expectedSize - capacity` are
 * never copied (most of a file); if the stream runs past `expectedSize` the ring keeps copying.
 * Once told that nobody reads the end (`stopKeeping`), it only counts.
 */
export class TailBuffer {
  private readonly ring: Buffer;
  private readonly copyFrom: number;
  private writeAt = 0;
  private total = 0;
  private held = 0;
  private keeping = true;

  constructor(capacity: number, expectedSize = 0) {
    this.ring = Buffer.allocUnsafe(capacity);
    this.copyFrom = Math.max(0, expectedSize - capacity);
  }

  push(chunk: Buffer): void {
    const capacity = this.ring.length;
    const chunkStart = this.total;
    this.total += chunk.length;
    if (this.total <= this.copyFrom) return;
    // Only the last `capacity` bytes of a big chunk can survive; skip the rest without copying.
    const skip = Math.max(0, this.copyFrom - chunkStart, chunk.length - capacity);
    this.held = Math.min(capacity, this.held + chunk.length - skip);
    if (!this.keeping) return;
    const source = skip > 0 ? chunk.subarray(skip) : chunk;
    const firstPart = Math.min(source.length, capacity - this.writeAt);
    source.copy(this.ring, this.writeAt, 0, firstPart);
    source.copy(this.ring, 0, firstPart);
    this.writeAt = (this.writeAt + source.length) % capacity;
  }

  /** From here on nothing is copied: the check that runs reads no file end (images). */
  stopKeeping(): void {
    this.keeping = false;
  }

  /**
   * The retained bytes in file order and the file offset of the first one (none once it stopped
   * keeping); null when the stream ended before the bytes it was told to keep (shorter than
   * expected by more than it skipped), whether or not it kept them.
   */
  contents(): { tail: Buffer; tailOffset: number } | null {
    const capacity = this.ring.length;
    if (this.held < Math.min(this.total, capacity)) return null;
    if (!this.keeping) return { tail: NOTHING, tailOffset: this.total };
    if (this.held < capacity) return { tail: this.ring.subarray(0, this.held), tailOffset: this.total - this.held };
    // A file of the declared size fills the ring exactly once: already in order, nothing to copy.
    const tail = this.writeAt === 0 ? this.ring : Buffer.concat([this.ring.subarray(this.writeAt), this.ring.subarray(0, this.writeAt)], capacity);
    return { tail, tailOffset: this.total - capacity };
  }
}

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

/** A ring buffer holding the last `capacity` bytes seen. */
export class TailBuffer {
  private readonly ring: Buffer;
  private writeAt = 0;
  private total = 0;

  constructor(capacity: number) {
    this.ring = Buffer.allocUnsafe(capacity);
  }

  push(chunk: Buffer): void {
    const capacity = this.ring.length;
    this.total += chunk.length;
    // Only the last `capacity` bytes of a big chunk can survive; skip the rest without copying.
    const source = chunk.length > capacity ? chunk.subarray(chunk.length - capacity) : chunk;
    const firstPart = Math.min(source.length, capacity - this.writeAt);
    source.copy(this.ring, this.writeAt, 0, firstPart);
    source.copy(this.ring, 0, firstPart);
    this.writeAt = (this.writeAt + source.length) % capacity;
  }

  /** The retained bytes in file order, and the file offset of the first one. */
  contents(): { tail: Buffer; tailOffset: number } {
    const capacity = this.ring.length;
    if (this.total < capacity) {
      return { tail: Buffer.from(this.ring.subarray(0, this.total)), tailOffset: 0 };
    }
    const tail = Buffer.concat([this.ring.subarray(this.writeAt), this.ring.subarray(0, this.writeAt)], capacity);
    return { tail, tailOffset: this.total - capacity };
  }
}

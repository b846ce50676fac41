/**
 * Keeps the compressed bytes of a ZIP's small parts that a check wants (a DOCX's `*.rels`) as the
 * archive streams past, walking its local headers: those parts may sit anywhere, not only in the
 * head and tail buffers. Memory is bounded by a per-part and a total cap; nothing is inflated here.
 */
const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR_FLAG = 0x8;
const MAX_PART_BYTES = 256 * 1024;
const MAX_TOTAL_BYTES = 1024 * 1024;

export class ZipPartCollector {
  /** Compressed bytes of wanted parts, by the offset of their local header. */
  readonly parts = new Map<number, Buffer>();
  /** False once the walk lost its way (a data descriptor, or not a local header where one belongs). */
  intact = true;
  private position = 0;
  private header = Buffer.alloc(30);
  private headerFilled = 0;
  private nameAndExtra: Buffer | null = null;
  private nameFilled = 0;
  private nameLength = 0;
  private entryOffset = 0;
  private dataLeft = 0;
  private capture: Buffer | null = null;
  private captured = 0;
  private total = 0;
  private done = false;

  constructor(private readonly wanted: (name: string) => boolean) {}

  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length && !this.done) {
      if (this.dataLeft > 0) {
        const take = Math.min(this.dataLeft, chunk.length - pos);
        if (this.capture) chunk.copy(this.capture, this.captured, pos, pos + take);
        this.captured += take;
        this.dataLeft -= take;
        pos += take;
        if (this.dataLeft === 0 && this.capture) this.parts.set(this.entryOffset, this.capture);
        continue;
      }
      if (this.nameAndExtra) {
        const take = Math.min(this.nameAndExtra.length - this.nameFilled, chunk.length - pos);
        chunk.copy(this.nameAndExtra, this.nameFilled, pos, pos + take);
        this.nameFilled += take;
        pos += take;
        if (this.nameFilled === this.nameAndExtra.length) this.startData();
        continue;
      }
      const take = Math.min(30 - this.headerFilled, chunk.length - pos);
      if (this.headerFilled === 0) this.entryOffset = this.position + pos;
      chunk.copy(this.header, this.headerFilled, pos, pos + take);
      this.headerFilled += take;
      pos += take;
      if (this.headerFilled === 30) this.readHeader();
    }
    this.position += chunk.length;
  }

  private readHeader(): void {
    this.headerFilled = 0;
    // The central directory (or anything else) ends the walk; only a local header continues it.
    if (this.header.readUInt32LE(0) !== LOCAL_HEADER) {
      this.done = true;
      return;
    }
    if (this.header.readUInt16LE(6) & DATA_DESCRIPTOR_FLAG) {
      this.intact = false;
      this.done = true;
      return;
    }
    this.nameLength = this.header.readUInt16LE(26);
    this.nameAndExtra = Buffer.alloc(this.nameLength + this.header.readUInt16LE(28));
    this.nameFilled = 0;
    if (this.nameAndExtra.length === 0) this.startData();
  }

  private startData(): void {
    const name = this.nameAndExtra?.toString('utf8', 0, this.nameLength) ?? '';
    this.nameAndExtra = null;
    const size = this.header.readUInt32LE(18);
    this.dataLeft = size;
    this.captured = 0;
    const fits = size <= MAX_PART_BYTES && this.total + size <= MAX_TOTAL_BYTES;
    this.capture = this.wanted(name) && fits ? Buffer.alloc(size) : null;
    if (this.wanted(name) && !fits) this.intact = false;
    if (this.capture) this.total += size;
    if (size === 0 && this.capture) this.parts.set(this.entryOffset, this.capture);
  }
}

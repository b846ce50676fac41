/**
 * Reads a ZIP archive's central directory from the bounded tail buffer, and single entries from
 * whichever end buffer holds them. The central directory is what Word and every unzip tool trust,
 * so it is what we check; local headers are only read to find an entry's data.
 */
import { inflateRawSync } from 'node:zlib';
import type { FileEnds } from './structure-scanner.js';

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** File offset where the central directory starts (entry data must end before it). */
  offset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
export const ENCRYPTED_FLAG = 0x1;
const UTF8_FLAG = 0x800;

/**
 * Null when the archive is damaged, uses ZIP64 (never needed for a 10 MB document), has bytes
 * after its end record, or has a directory too large for the tail buffer.
 */
export function readZipDirectory({ tail, tailOffset }: FileEnds): ZipDirectory | null {
  const end = findEndRecord(tail);
  if (end < 0) return null;
  const disk = tail.readUInt16LE(end + 4);
  const directoryDisk = tail.readUInt16LE(end + 6);
  const entriesOnDisk = tail.readUInt16LE(end + 8);
  const entryCount = tail.readUInt16LE(end + 10);
  const size = tail.readUInt32LE(end + 12);
  const offset = tail.readUInt32LE(end + 16);
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount || entryCount === 0xffff || offset === 0xffffffff) return null;
  // The directory must sit right before the end record, and inside what we kept of the file.
  if (offset + size !== tailOffset + end || offset < tailOffset) return null;

  const entries: ZipEntry[] = [];
  let at = offset - tailOffset;
  for (let i = 0; i < entryCount; i += 1) {
    if (at + 46 > end || tail.readUInt32LE(at) !== DIRECTORY_ENTRY) return null;
    const flags = tail.readUInt16LE(at + 8);
    const nameLength = tail.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + tail.readUInt16LE(at + 30) + tail.readUInt16LE(at + 32);
    if (next > end) return null;
    entries.push({
      name: tail.toString(flags & UTF8_FLAG ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength),
      flags,
      method: tail.readUInt16LE(at + 10),
      compressedSize: tail.readUInt32LE(at + 20),
      uncompressedSize: tail.readUInt32LE(at + 24),
      localHeaderOffset: tail.readUInt32LE(at + 42),
    });
    at = next;
  }
  return at === end ? { entries, offset } : null;
}

/** The end record is the last thing in the file; its comment length must reach exactly the end. */
function findEndRecord(tail: Buffer): number {
  const lowest = Math.max(0, tail.length - END_RECORD_SIZE - MAX_COMMENT);
  for (let at = tail.length - END_RECORD_SIZE; at >= lowest; at -= 1) {
    if (tail.readUInt32LE(at) === END_OF_DIRECTORY && at + END_RECORD_SIZE + tail.readUInt16LE(at + 20) === tail.length) return at;
  }
  return -1;
}

/** Bytes [offset, offset + length) if the head or the tail buffer holds all of them. */
export function bytesAt({ head, tail, tailOffset }: FileEnds, offset: number, length: number): Buffer | null {
  if (offset + length <= head.length) return head.subarray(offset, offset + length);
  if (offset >= tailOffset && offset + length <= tailOffset + tail.length) {
    return tail.subarray(offset - tailOffset, offset - tailOffset + length);
  }
  return null;
}

export type EntryRead = { data: Buffer } | { problem: 'unreachable' | 'damaged' | 'too-large' };

/** One entry's uncompressed bytes, inflating at most `maxBytes` of output. */
export function readEntry(ends: FileEnds, entry: ZipEntry, maxBytes: number): EntryRead {
  const header = bytesAt(ends, entry.localHeaderOffset, 30);
  if (!header) return { problem: 'unreachable' };
  if (header.readUInt32LE(0) !== LOCAL_HEADER) return { problem: 'damaged' };
  const nameLength = header.readUInt16LE(26);
  const dataStart = entry.localHeaderOffset + 30 + nameLength + header.readUInt16LE(28);
  const name = bytesAt(ends, entry.localHeaderOffset + 30, nameLength);
  const data = bytesAt(ends, dataStart, entry.compressedSize);
  if (!name || !data) return { problem: 'unreachable' };
  // A local name differing from the directory's is how archives show different files to different tools.
  if (name.toString(entry.flags & UTF8_FLAG ? 'utf8' : 'latin1') !== entry.name) return { problem: 'damaged' };
  if (entry.method === 0) return entry.compressedSize <= maxBytes ? { data } : { problem: 'too-large' };
  if (entry.method !== 8) return { problem: 'damaged' };
  try {
    return { data: inflateRawSync(data, { maxOutputLength: maxBytes }) };
  } catch (error) {
    return { problem: (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'damaged' };
  }
}

/**
 * Child process for the inspection benchmark: streams one file from disk in 64 KiB chunks, either
 * only hashing it (baseline) or through inspectDocument, and prints its memory peaks as JSON.
 * A separate process per measurement keeps one from inheriting another's heap.
 *
 * With `live`, garbage is collected before every sample (run node with --expose-gc), so the peak
 * is what the pass retains; with `natural`, the collector runs when it likes, so max RSS is what
 * a Lambda would see.
 *
 * Usage: node [--expose-gc] --import tsx bench/inspection-memory-probe.ts <file> <sha256|inspect> <live|natural> <contentType> <documentType> <sha256hex>
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { ContentType, DocumentType } from '../src/domain/catalog.js';
import { inspectDocument } from '../src/domain/inspection/inspect-document.js';

const [file, mode, regime, contentType, documentType, sha256] = process.argv.slice(2);
if (!file || (mode !== 'sha256' && mode !== 'inspect') || (regime !== 'live' && regime !== 'natural') || !contentType || !documentType || !sha256) {
  console.error('usage: inspection-memory-probe.ts <file> <sha256|inspect> <live|natural> <contentType> <documentType> <sha256hex>');
  process.exit(2);
}

const gc = (globalThis as { gc?: () => void }).gc;
if (regime === 'live' && !gc) throw new Error('live measurements need node --expose-gc');
await collectGarbage();
const start = process.memoryUsage();
let peakHeap = 0;

/**
 * A full collection whose freed buffers are really gone: V8 releases array buffers' memory in a
 * sweep after the collection, so `arrayBuffers` read right after one still counts dead buffers (the
 * PDF 1.7 file's 2.6 MB of inflated object streams, in about one run in three).
 */
async function collectGarbage(): Promise<void> {
  gc?.();
  await new Promise((settled) => setImmediate(settled));
  gc?.();
}

/** The file as a stream, sampling heap + external buffers at every chunk. */
async function* sampled(): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(file as string, { highWaterMark: 64 * 1024 })) {
    if (regime === 'live') await collectGarbage();
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed + now.arrayBuffers - start.heapUsed - start.arrayBuffers);
    yield chunk as Buffer;
  }
}

let issues: string[] = [];
if (mode === 'sha256') {
  const hash = createHash('sha256');
  for await (const chunk of sampled()) hash.update(chunk);
  hash.digest('hex');
} else {
  const result = await inspectDocument(sampled(), {
    contentType: contentType as ContentType,
    documentType: documentType as DocumentType,
    sizeBytes: statSync(file).size,
    sha256,
  });
  issues = result.issues.map((issue) => issue.code);
}

/**
 * Linux keeps getrusage's max RSS across fork+exec, so a child of a big parent reports the parent's
 * peak; VmHWM is this process image's own high-water mark.
 */
function peakRssKiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1]) return Number(match[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

console.log(JSON.stringify({ maxRssKiB: peakRssKiB(), peakHeapGrowthBytes: peakHeap, issues }));

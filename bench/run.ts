/**
 * `npm run bench`: document validation throughput against raw SHA-256 of the same bytes, in the
 * same run, on a 10 MiB PDF and a 10 MiB PNG fed as 64 KiB chunks (as an S3 body arrives); then
 * peak memory, measured in a child process per case (bench/inspection-memory-probe.ts).
 * Thresholds live here, never in tests: timing on shared CI machines is noise.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIMITS, type ContentType, type DocumentType } from '../src/domain/catalog.js';
import { inspectDocument } from '../src/domain/inspection/inspect-document.js';
import { chunks, makePdf, makePng, sha256Hex, writeWithXrefTable } from '../testkit/files.js';

const CHUNK = 64 * 1024;
const ITERATIONS = 15;
const WARMUP = 3;
const MiB = 1024 * 1024;
/** Validation may cost this many times a bare SHA-256 pass before the bench calls it a regression. */
const MAX_RATIO = 5;
/** Except for a PDF made only of small objects, where every byte goes through the text scanner. */
const MAX_RATIO_ALL_TEXT = 25;
/** Live heap + buffers validation may keep beyond what hashing alone keeps, for one 10 MiB file. */
const MAX_HEAP_GROWTH = 2 * MiB;

interface Case {
  name: string;
  maxRatio?: number;
  bytes: Buffer;
  contentType: ContentType;
  documentType: DocumentType;
}

/** The PDF scanner's worst case: no stream data to skip, ~10 MiB of small dictionaries. */
function allTextPdf(): Buffer {
  const objects = [
    { dictionary: '<< /Type /Catalog /Pages 2 0 R >>' },
    { dictionary: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { dictionary: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>' },
  ];
  for (let i = 0; objects.length < 52_000; i += 1) {
    objects.push({ dictionary: `<< /Type /Annot /Subtype /Text /Rect [${i} 10 ${i + 20} 30] /Contents (Note ${i} on this credential) /F 4 /P 3 0 R >>` });
  }
  return writeWithXrefTable(objects, '/Root 1 0 R');
}

/** The largest square, incompressible RGB PNG that still fits under the size limit. */
function largestLegalPng(): Buffer {
  let side = Math.floor(Math.sqrt(LIMITS.maxFileBytes / 3));
  let png = makePng(side, side, { noisy: true });
  while (png.length > LIMITS.maxFileBytes) png = makePng((side -= 1), side, { noisy: true });
  return png;
}

async function timeSha256(bytes: Buffer): Promise<number> {
  const started = performance.now();
  const hash = createHash('sha256');
  for await (const chunk of chunks(bytes, CHUNK)) hash.update(chunk);
  hash.digest('hex');
  return performance.now() - started;
}

async function timeInspection(item: Case, sha256: string): Promise<number> {
  const started = performance.now();
  const result = await inspectDocument(chunks(item.bytes, CHUNK), { contentType: item.contentType, documentType: item.documentType, sizeBytes: item.bytes.length, sha256 });
  const elapsed = performance.now() - started;
  if (result.issues.length > 0) throw new Error(`${item.name} was refused: ${JSON.stringify(result.issues)}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

interface Probe {
  maxRssKiB: number;
  peakHeapGrowthBytes: number;
  issues: string[];
}

function probe(file: string, mode: 'sha256' | 'inspect', regime: 'live' | 'natural', item: Case, sha256: string): Probe {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'inspection-memory-probe.ts');
  const flags = regime === 'live' ? ['--expose-gc'] : [];
  const args = [...flags, '--import', 'tsx', script, file, mode, regime, item.contentType, item.documentType, sha256];
  const output = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}');
}

const mb = (bytes: number) => (bytes / MiB).toFixed(1);

async function main(): Promise<void> {
  const png = largestLegalPng();
  const cases: Case[] = [
    { name: '10 MiB PDF (1 page + image-like stream)', bytes: makePdf({ pages: 1, padToBytes: LIMITS.maxFileBytes }), contentType: 'application/pdf', documentType: 'MEDICAL_LICENSE' },
    { name: '10 MiB PDF 1.7 (object streams)', bytes: makePdf({ pages: 20, objectStreams: true, padToBytes: LIMITS.maxFileBytes }), contentType: 'application/pdf', documentType: 'MEDICAL_LICENSE' },
    { name: `${mb(png.length)} MiB PNG (noise, 64 KiB IDATs)`, bytes: png, contentType: 'image/png', documentType: 'MEDICAL_LICENSE' },
    { name: 'PDF of 52 000 small objects (worst case)', bytes: allTextPdf(), contentType: 'application/pdf', documentType: 'MEDICAL_LICENSE', maxRatio: MAX_RATIO_ALL_TEXT },
  ];

  console.log(`Inspection vs raw SHA-256, ${CHUNK / 1024} KiB chunks, median of ${ITERATIONS} runs (node ${process.version})\n`);
  console.log('| file | size | SHA-256 only | inspectDocument | ratio |');
  console.log('|---|---:|---:|---:|---:|');
  const failures: string[] = [];
  for (const item of cases) {
    const sha256 = sha256Hex(item.bytes);
    const hashTimes: number[] = [];
    const inspectTimes: number[] = [];
    for (let run = 0; run < WARMUP + ITERATIONS; run += 1) {
      // Interleaved, so both see the same machine state.
      const hashed = await timeSha256(item.bytes);
      const inspected = await timeInspection(item, sha256);
      if (run < WARMUP) continue;
      hashTimes.push(hashed);
      inspectTimes.push(inspected);
    }
    const [hash, inspect] = [median(hashTimes), median(inspectTimes)];
    const throughput = (ms: number) => `${(item.bytes.length / MiB / (ms / 1000)).toFixed(0)} MB/s (${ms.toFixed(1)} ms)`;
    const ratio = inspect / hash;
    console.log(`| ${item.name} | ${mb(item.bytes.length)} MiB | ${throughput(hash)} | ${throughput(inspect)} | ${ratio.toFixed(2)}× |`);
    const maxRatio = item.maxRatio ?? MAX_RATIO;
    if (ratio > maxRatio) failures.push(`${item.name}: ratio ${ratio.toFixed(2)} > ${maxRatio}`);
  }

  console.log('\nPeak memory: one child process per measurement, streaming the file from disk in 64 KiB chunks.');
  console.log('Max RSS with the collector left alone; live heap+buffers growth with a forced GC before each sample.\n');
  console.log('| file | max RSS, SHA-256 only | max RSS, inspectDocument | difference | peak live growth, SHA-256 only | peak live growth, inspectDocument |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const directory = mkdtempSync(path.join(tmpdir(), 'inspection-bench-'));
  try {
    for (const [index, item] of cases.entries()) {
      const file = path.join(directory, `case-${index}`);
      writeFileSync(file, item.bytes);
      const sha256 = sha256Hex(item.bytes);
      const [rssBaseline, rssInspected] = [probe(file, 'sha256', 'natural', item, sha256), probe(file, 'inspect', 'natural', item, sha256)];
      const [liveBaseline, liveInspected] = [probe(file, 'sha256', 'live', item, sha256), probe(file, 'inspect', 'live', item, sha256)];
      if (rssInspected.issues.length > 0) failures.push(`${item.name}: refused in the probe: ${rssInspected.issues.join(', ')}`);
      const growth = liveInspected.peakHeapGrowthBytes - liveBaseline.peakHeapGrowthBytes;
      if (growth > MAX_HEAP_GROWTH) failures.push(`${item.name}: validation kept ${mb(growth)} MiB more than hashing`);
      const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;
      const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
      console.log(
        `| ${item.name} | ${mib(rssBaseline.maxRssKiB)} | ${mib(rssInspected.maxRssKiB)} | ${mib(rssInspected.maxRssKiB - rssBaseline.maxRssKiB)} ` +
          `| ${kib(liveBaseline.peakHeapGrowthBytes)} | ${kib(liveInspected.peakHeapGrowthBytes)} |`,
      );
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }

  if (failures.length > 0) {
    console.error(`\nRegressions:\n- ${failures.join('\n- ')}`);
    process.exitCode = 1;
  }
}

await main();

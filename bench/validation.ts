/**
 * Validation time against the floor of SHA-256 over the same bytes (which validation includes), in
 * the same run, fed as an S3 body arrives: 64 KiB and 16 KiB chunks. Each repeat times hashing and
 * validating back to back, so both see the same machine state; the ratio is taken per repeat.
 * Noise is the spread of the SHA-256 floor itself (interquartile range over its median): a ratio
 * counts as a miss only when it exceeds its target by more than that.
 */
import { createHash } from 'node:crypto';
import { inspectDocument } from '../src/domain/inspection/inspect-document.js';
import { chunks, sha256Hex } from '../testkit/files.js';
import { benchFiles, type BenchFile } from './bench-files.js';
import { median, mib, quantile, type BenchSection } from './section.js';

const CHUNK_SIZES = [64 * 1024, 16 * 1024];
/**
 * Unmeasured repeats before each case: at least this many, and until this much time is spent (the
 * first case of a run otherwise pays for collecting the garbage that building the files left).
 */
const WARMUP = 3;
const WARMUP_MILLISECONDS = 100;
/** Repeats per case: at least this many, and more for small files until this much time is spent. */
const MIN_REPEATS = 15;
const MIN_MILLISECONDS = 400;
const MAX_REPEATS = 200;

async function timeSha256(bytes: Buffer, chunkSize: number): Promise<number> {
  const started = performance.now();
  const hash = createHash('sha256');
  for await (const chunk of chunks(bytes, chunkSize)) hash.update(chunk);
  hash.digest('hex');
  return performance.now() - started;
}

async function timeValidation(file: BenchFile, sha256: string, chunkSize: number): Promise<{ ms: number; issues: string[] }> {
  const started = performance.now();
  const result = await inspectDocument(chunks(file.bytes, chunkSize), { contentType: file.contentType, documentType: file.documentType, sizeBytes: file.bytes.length, sha256 });
  return { ms: performance.now() - started, issues: result.issues.map((issue) => issue.code) };
}

interface Measurement {
  ratios: number[];
  hashTimes: number[];
  validationTimes: number[];
  issues: string[];
}

async function measure(file: BenchFile, chunkSize: number): Promise<Measurement> {
  const sha256 = sha256Hex(file.bytes);
  const measurement: Measurement = { ratios: [], hashTimes: [], validationTimes: [], issues: [] };
  for (let run = 0, warming = 0; run < WARMUP || warming < WARMUP_MILLISECONDS; run += 1) {
    const started = performance.now();
    const validated = await timeValidation(file, sha256, chunkSize);
    if (validated.issues.length > 0) return { ...measurement, issues: validated.issues };
    await timeSha256(file.bytes, chunkSize);
    warming += performance.now() - started;
  }
  let spent = 0;
  for (let run = 0; run < MAX_REPEATS; run += 1) {
    const hashed = await timeSha256(file.bytes, chunkSize);
    const validated = await timeValidation(file, sha256, chunkSize);
    if (validated.issues.length > 0) return { ...measurement, issues: validated.issues };
    measurement.hashTimes.push(hashed);
    measurement.validationTimes.push(validated.ms);
    measurement.ratios.push(validated.ms / hashed);
    spent += hashed + validated.ms;
    if (measurement.ratios.length >= MIN_REPEATS && spent >= MIN_MILLISECONDS) break;
  }
  return measurement;
}

export const validationSection: BenchSection = {
  name: 'validation',
  async run() {
    const files = benchFiles();
    console.log(`Validation time / SHA-256 time of the same bytes, median (min–max) over repeats; node ${process.version}.`);
    console.log('Noise: interquartile spread of the SHA-256 floor; a miss beyond target × (1 + noise) fails the bench.\n');
    console.log('| file | size | chunks | SHA-256 median | validation median | ratio median (min–max) | noise | target | verdict |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
    const missed: string[] = [];
    for (const file of files) {
      for (const chunkSize of CHUNK_SIZES) {
        const m = await measure(file, chunkSize);
        const label = `| ${file.name} | ${mib(file.bytes.length)} MiB | ${chunkSize / 1024} KiB`;
        if (m.issues.length > 0) {
          console.log(`${label} | – | – | refused: ${m.issues.join(', ')} | – | ${file.target}× | MISS |`);
          missed.push(`${file.name} (${mib(file.bytes.length)} MiB) was refused: ${m.issues.join(', ')}`);
          continue;
        }
        const hash = median(m.hashTimes);
        const noise = (quantile(m.hashTimes, 0.75) - quantile(m.hashTimes, 0.25)) / hash;
        const ratio = median(m.ratios);
        const verdict = ratio <= file.target ? 'PASS' : ratio <= file.target * (1 + noise) ? 'PASS (within noise)' : 'MISS';
        console.log(
          `${label} | ${hash.toFixed(2)} ms | ${median(m.validationTimes).toFixed(2)} ms | ${ratio.toFixed(2)}× (${Math.min(...m.ratios).toFixed(2)}–${Math.max(...m.ratios).toFixed(2)}) ` +
            `| ±${(noise * 100).toFixed(0)}% | ${file.target}× | ${verdict} |`,
        );
        if (verdict === 'MISS') missed.push(`${file.name} (${mib(file.bytes.length)} MiB, ${chunkSize / 1024} KiB chunks): ${ratio.toFixed(2)}× > ${file.target}× + ${(noise * 100).toFixed(0)}% noise`);
      }
    }
    return missed;
  },
};

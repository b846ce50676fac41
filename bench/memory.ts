/**
 * Peak memory of validation against hashing alone, one child process per measurement
 * (bench/inspection-memory-probe.ts), streaming each file from disk in 64 KiB chunks. Max RSS with
 * the collector left alone; live heap + buffers growth with a forced GC before each sample.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../testkit/files.js';
import { makePng } from '../testkit/files.js';
import { LIMITS } from '../src/domain/catalog.js';
import { allDictionariesPdf, type BenchFile } from './bench-files.js';
import { makeScannedPdf, makeTextHeavyPdf } from '../testkit/realistic-files.js';
import { MiB, mib, type BenchSection } from './section.js';

/** Live heap + buffers validation may keep beyond what hashing alone keeps, for one 10 MiB file. */
const MAX_HEAP_GROWTH = 2 * MiB;

interface Probe {
  maxRssKiB: number;
  peakHeapGrowthBytes: number;
  issues: string[];
}

function probe(file: string, mode: 'sha256' | 'inspect', regime: 'live' | 'natural', item: BenchFile, sha256: string): Probe {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'inspection-memory-probe.ts');
  const flags = regime === 'live' ? ['--expose-gc'] : [];
  const args = [...flags, '--import', 'tsx', script, file, mode, regime, item.contentType, item.documentType, sha256];
  const output = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}');
}

/** The largest square, incompressible RGB PNG that still fits under the size limit. */
function largestLegalPng(): Buffer {
  let side = Math.floor(Math.sqrt(LIMITS.maxFileBytes / 3));
  let png = makePng(side, side, { noisy: true });
  while (png.length > LIMITS.maxFileBytes) png = makePng((side -= 1), side, { noisy: true });
  return png;
}

export const memorySection: BenchSection = {
  name: 'memory',
  async run() {
    const pdf = (name: string, bytes: Buffer): BenchFile => ({ name, bytes, contentType: 'application/pdf', documentType: 'MEDICAL_LICENSE', target: 0 });
    const files: BenchFile[] = [
      pdf('scanned PDF', makeScannedPdf(LIMITS.maxFileBytes)),
      pdf('PDF 1.7 (object streams)', makeTextHeavyPdf(LIMITS.maxFileBytes, { objectStreamSize: 100 })),
      { name: 'PNG (noise, 64 KiB IDATs)', bytes: largestLegalPng(), contentType: 'image/png', documentType: 'MEDICAL_LICENSE', target: 0 },
      pdf('PDF of 52 000 small objects', allDictionariesPdf()),
    ];
    console.log('| file | size | max RSS, SHA-256 only | max RSS, validation | difference | peak live growth, SHA-256 only | peak live growth, validation | target |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    const missed: string[] = [];
    const directory = mkdtempSync(path.join(tmpdir(), 'inspection-bench-'));
    try {
      for (const [index, item] of files.entries()) {
        const file = path.join(directory, `case-${index}`);
        writeFileSync(file, item.bytes);
        const sha256 = sha256Hex(item.bytes);
        const [rssBaseline, rssInspected] = [probe(file, 'sha256', 'natural', item, sha256), probe(file, 'inspect', 'natural', item, sha256)];
        const [liveBaseline, liveInspected] = [probe(file, 'sha256', 'live', item, sha256), probe(file, 'inspect', 'live', item, sha256)];
        if (rssInspected.issues.length > 0) missed.push(`${item.name}: refused in the probe: ${rssInspected.issues.join(', ')}`);
        const growth = liveInspected.peakHeapGrowthBytes - liveBaseline.peakHeapGrowthBytes;
        if (growth > MAX_HEAP_GROWTH) missed.push(`${item.name}: validation kept ${mib(growth)} MiB more than hashing`);
        const inMiB = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;
        const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
        console.log(
          `| ${item.name} | ${mib(item.bytes.length)} MiB | ${inMiB(rssBaseline.maxRssKiB)} | ${inMiB(rssInspected.maxRssKiB)} | ${inMiB(rssInspected.maxRssKiB - rssBaseline.maxRssKiB)} ` +
            `| ${kib(liveBaseline.peakHeapGrowthBytes)} | ${kib(liveInspected.peakHeapGrowthBytes)} | ≤ ${mib(MAX_HEAP_GROWTH)} MiB more |`,
        );
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
    return missed;
  },
};

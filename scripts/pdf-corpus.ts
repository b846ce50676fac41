/**
 * `npm run corpus:pdf -- <folder>…`: runs the inspector over every PDF under the folders and
 * compares its verdict with independent readers, qpdf and poppler's pdfinfo/pdfdetach
 * (`apt-get install qpdf poppler-utils`). Ground truth per file:
 *   - needs a password      qpdf --requires-password says so          → must be refused
 *   - opens                 both readers show at least one page       → must be accepted, unless it
 *                                                                       carries JavaScript, an XFA
 *                                                                       form or attachments
 *                                                                       (ACTIVE_CONTENT)
 *   - unreadable            neither reader shows a page               → must be refused
 *   - readers disagree      one shows pages, the other does not       → reported, not counted
 * Reader results are cached by SHA-256 under node_modules/.cache/pdf-corpus/. Prints the totals and
 * every disagreement; `--tsv <file>` also writes one row per file (used to pick committed fixtures).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LIMITS } from '../src/domain/catalog.js';
import { inspectDocument } from '../src/domain/inspection/inspect-document.js';
import { chunks } from '../testkit/files.js';

type Truth = 'accept' | 'active-content' | 'needs-password' | 'unreadable' | 'readers-disagree';

interface Readers {
  requiresPassword: boolean;
  pdfinfoPages: number;
  qpdfPages: number;
  javaScript: boolean;
  xfa: boolean;
  attachments: number;
}

function run(command: string, args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(command, args, { encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }) };
  } catch (error) {
    const failure = error as { status?: number; stdout?: string };
    return { code: failure.status ?? -1, out: failure.stdout ?? '' };
  }
}

function askReaders(file: string): Readers {
  const info = run('pdfinfo', [file]);
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(info.out)?.[1]?.trim() ?? '';
  const npages = run('qpdf', ['--show-npages', file]);
  const detach = run('pdfdetach', ['-list', file]);
  return {
    // qpdf: exit 0 = a password is needed to open, 2 = not encrypted, 3 = encrypted, opens without one.
    requiresPassword: run('qpdf', ['--requires-password', file]).code === 0,
    pdfinfoPages: info.code === 0 ? Number(field('Pages')) || 0 : 0,
    qpdfPages: npages.code === 0 || npages.code === 3 ? Number(npages.out.trim()) || 0 : 0,
    javaScript: field('JavaScript') === 'yes',
    xfa: field('Form') === 'XFA',
    attachments: detach.code === 0 ? Number(/^(\d+) embedded files/.exec(detach.out)?.[1] ?? 0) : 0,
  };
}

function truthOf(readers: Readers): Truth {
  if (readers.requiresPassword) return 'needs-password';
  const opens = [readers.pdfinfoPages > 0, readers.qpdfPages > 0];
  if (opens[0] !== opens[1]) return 'readers-disagree';
  if (!opens[0]) return 'unreadable';
  return readers.javaScript || readers.xfa || readers.attachments > 0 ? 'active-content' : 'accept';
}

/** Whether the inspector's outcome agrees with the truth; `undefined` when the truth is not counted. */
function agrees(truth: Truth, codes: string[]): boolean | undefined {
  switch (truth) {
    case 'accept':
      return codes.length === 0;
    case 'active-content':
      return codes.length > 0; // refused, whatever the code (the readers see less than we do)
    case 'needs-password':
    case 'unreadable':
      return codes.length > 0;
    default:
      return undefined;
  }
}

function pdfsUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.toLowerCase().endsWith('.pdf'))
    .map((name) => path.join(folder, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const tsvAt = args.indexOf('--tsv');
  const tsvFile = tsvAt >= 0 ? args.splice(tsvAt, 2)[1] : undefined;
  if (args.length === 0) {
    console.error('usage: npm run corpus:pdf -- <folder>… [--tsv results.tsv]');
    process.exit(2);
  }
  const cacheDir = path.join('node_modules', '.cache', 'pdf-corpus');
  mkdirSync(cacheDir, { recursive: true });
  const cacheFile = path.join(cacheDir, 'readers.json');
  const cache: Record<string, Readers> = existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, 'utf8')) : {};

  const seen = new Set<string>();
  const rows: string[] = ['file\tsha256\tsize\ttruth\tcodes\trepaired'];
  const tally = new Map<Truth, { files: number; wrong: string[] }>();
  for (const file of args.flatMap(pdfsUnder)) {
    const bytes = readFileSync(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (seen.has(sha256) || bytes.length > LIMITS.maxFileBytes) continue;
    seen.add(sha256);
    const readers = (cache[sha256] ??= askReaders(file));
    const truth = truthOf(readers);
    const result = await inspectDocument(chunks(bytes), { documentType: 'MEDICAL_LICENSE', contentType: 'application/pdf', sizeBytes: bytes.length, sha256 });
    const codes = result.issues.map((issue) => issue.code);
    const repaired = (result as { notes?: { repaired?: boolean } }).notes?.repaired === true;
    rows.push([file, sha256, bytes.length, truth, codes.join(',') || 'accepted', repaired].join('\t'));
    const entry = tally.get(truth) ?? { files: 0, wrong: [] };
    entry.files += 1;
    if (agrees(truth, codes) === false) entry.wrong.push(`${file}: ${codes.join(',') || 'accepted'}`);
    tally.set(truth, entry);
  }
  writeFileSync(cacheFile, JSON.stringify(cache));
  if (tsvFile) writeFileSync(tsvFile, `${rows.join('\n')}\n`);

  const count = (truth: Truth) => tally.get(truth) ?? { files: 0, wrong: [] };
  const falseRefusals = count('accept').wrong;
  const falseAcceptances = [...count('needs-password').wrong, ...count('unreadable').wrong, ...count('active-content').wrong];
  console.log(`${seen.size} distinct PDFs\n`);
  console.log('| ground truth (qpdf, pdfinfo) | files | inspector disagrees |');
  console.log('|---|---:|---:|');
  for (const truth of ['accept', 'active-content', 'needs-password', 'unreadable', 'readers-disagree'] as Truth[]) {
    console.log(`| ${truth} | ${count(truth).files} | ${truth === 'readers-disagree' ? '–' : count(truth).wrong.length} |`);
  }
  console.log(`\nFalse refusals (opens without a password, refused): ${falseRefusals.length}`);
  for (const line of falseRefusals) console.log(`  ${line}`);
  console.log(`False acceptances (needs a password, unreadable or active content, accepted): ${falseAcceptances.length}`);
  for (const line of falseAcceptances) console.log(`  ${line}`);
  if (falseRefusals.length > 0 || falseAcceptances.length > 0) process.exitCode = 1;
}

await main();

import { inspectDocument } from './src/domain/inspection/inspect-document.ts';
import { allDictionariesPdf } from './bench/bench-files.ts';
import { makeTextHeavyPdf } from './testkit/realistic-files.ts';
import * as files from './testkit/files.ts';
import { createHash } from 'node:crypto';
const which = process.argv[2];
const bytes = which === 'text' ? makeTextHeavyPdf(10*1024*1024) : which === 'objstm' ? makeTextHeavyPdf(10*1024*1024, { objectStreamSize: 100 }) : allDictionariesPdf();
const sha = files.sha256Hex(bytes);
let best = Infinity, bestHash = Infinity;
for (let i = 0; i < 15; i++) {
  let t = performance.now(); const h = createHash('sha256'); for await (const c of files.chunks(bytes)) h.update(c); h.digest(); bestHash = Math.min(bestHash, performance.now() - t);
  t = performance.now(); const r = await inspectDocument(files.chunks(bytes), { documentType: 'MEDICAL_LICENSE', contentType: 'application/pdf', sizeBytes: bytes.length, sha256: sha }); if (r.issues.length) console.log(r.issues); best = Math.min(best, performance.now() - t);
}
console.log(which, 'best', best.toFixed(1), 'ms hash', bestHash.toFixed(1), 'ratio', (best / bestHash).toFixed(2));

/**
 * `npm run bench [section…]`: runs the bench sections in order (all of them by default) and exits
 * non-zero when any misses a target by more than the noise it measured. Timing thresholds live
 * here, never in `npm test`: on shared machines they are noise. Sections: validation (inspection
 * time against SHA-256 of the same bytes), memory (peak memory against hashing alone), bundles
 * (each function's synthesized bundle against 1 MB, and its import time), submission (five
 * documents from submit to RECEIVED on the local runtime against the same writes done directly),
 * crosscheck (recall on the generated corpus, and time per page for the text layer and for OCR).
 */
import { bundlesSection } from './bundles.js';
import { crossCheckSection } from './cross-check.js';
import { memorySection } from './memory.js';
import { submissionSection } from './submission.js';
import type { BenchSection } from './section.js';
import { validationSection } from './validation.js';

// As in `npm start`: the README explains the AWS SDK's Node 22 timeline, no need to print it here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const SECTIONS: BenchSection[] = [validationSection, memorySection, bundlesSection, submissionSection, crossCheckSection];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !SECTIONS.some((section) => section.name === name));
if (unknown.length > 0) {
  console.error(`Unknown bench section(s): ${unknown.join(', ')}. Sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const failures: string[] = [];
for (const section of SECTIONS.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
  console.log(`\n## ${section.name}\n`);
  const started = performance.now();
  const missed = await section.run();
  console.log(`\n(${section.name}: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  failures.push(...missed.map((line) => `${section.name}: ${line}`));
}

if (failures.length > 0) {
  console.error(`\nMissed targets:\n- ${failures.join('\n- ')}`);
  process.exitCode = 1;
} else {
  console.log('\nEvery target met.');
}

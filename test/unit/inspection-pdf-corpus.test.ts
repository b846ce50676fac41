/**
 * Real-world PDFs (test/fixtures/pdf-corpus, from qpdf's and pdf-lib's test suites): the verdict
 * for each is the one MANIFEST.md records, decided with qpdf and poppler as independent readers.
 * Owner-password-only files, repairable damage and junk before the header are accepted; files that
 * need a password, cannot be opened or carry scripts and attachments are refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectDocument } from '../../src/domain/inspection/inspect-document.js';
import { chunks, sha256Hex } from '../../testkit/files.js';

const FOLDER = new URL('../fixtures/pdf-corpus/', import.meta.url);

interface Fixture {
  file: string;
  truth: string;
  expected: { accept: true; repaired: boolean } | { accept: false; code: string };
}

function manifest(): Fixture[] {
  const rows = readFileSync(new URL('MANIFEST.md', FOLDER), 'utf8').split('\n').filter((line) => line.startsWith('| `'));
  return rows.map((row) => {
    const cells = row.split('|').map((cell) => cell.trim());
    const [file, , , , truth, verdict] = cells.slice(1);
    const refused = /^refuse (\w+)$/.exec(verdict ?? '');
    return {
      file: (file ?? '').replaceAll('`', ''),
      truth: truth ?? '',
      expected: refused ? { accept: false, code: refused[1] ?? '' } : { accept: true, repaired: verdict === 'accept (repaired)' },
    };
  });
}

const FIXTURES = manifest();

describe('real-world PDF corpus', () => {
  it('holds every kind of file the rules distinguish', () => {
    const truths = new Set(FIXTURES.map((fixture) => fixture.truth));
    expect([...truths].sort()).toEqual(['accept', 'active-content', 'needs-password', 'unreadable']);
    expect(FIXTURES.filter((fixture) => fixture.expected.accept && fixture.expected.repaired).length).toBeGreaterThanOrEqual(10);
  });

  it.each(FIXTURES)('$file ($truth): $expected', async ({ file, expected }) => {
    // Prepare
    const bytes = readFileSync(new URL(file, FOLDER));
    // Act
    const result = await inspectDocument(chunks(bytes, 16 * 1024), { documentType: 'MEDICAL_LICENSE', contentType: 'application/pdf', sizeBytes: bytes.length, sha256: sha256Hex(bytes) });
    // Assess
    if (expected.accept) {
      expect(result.issues).toEqual([]);
      expect(result.notes.repaired).toBe(expected.repaired);
    } else {
      expect(result.issues.map((issue) => issue.code)).toEqual([expected.code]);
    }
  });
});

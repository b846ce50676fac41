/**
 * The README and docs/ stay navigable: every link reaches a file and a heading, every section the
 * code names exists (scripts/check-doc-links.ts, also `npm run docs:check`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { anchors, checkDocs, slug } from '../../scripts/check-doc-links.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Spelled apart so this file's own fixtures are not read as references by the check itself.
const README = 'READ' + 'ME';
const DOCS = 'do' + 'cs';

function fixtureRepo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'doc-links-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

describe('the repository documentation', () => {
  it('has no broken link, anchor or section reference', () => {
    expect(checkDocs(repoRoot)).toEqual([]);
  });
});

describe('the link check', () => {
  it('makes heading ids as GitHub does', () => {
    expect(slug('Cross-check: what the document says against what she typed')).toBe('cross-check-what-the-document-says-against-what-she-typed');
    expect(slug('Cost per 1,000 accepted five-document submissions')).toBe('cost-per-1000-accepted-five-document-submissions');
    expect(slug('The `byOwner` index & its_cost')).toBe('the-byowner-index--its_cost');
    expect([...anchors('# Notes\n## Notes\n```sh\n# not a heading\n```\n## Notes\n')]).toEqual(['notes', 'notes-1', 'notes-2']);
  });

  it('names each missing file, missing heading and unknown section, and passes what resolves', () => {
    root = fixtureRepo({
      [`${README}.md`]: [
        '# Title',
        '## Run it',
        `See [the page](${DOCS}/page.md#deep-dive), [gone](${DOCS}/gone.md), [a picture](${DOCS}/pic.png),`,
        `[wrong anchor](${DOCS}/page.md#no-such-heading), [here](#run-it), [nowhere](#nowhere),`,
        `[AWS](https://aws.amazon.com/) and \`[code](${DOCS}/not-a-link.md)\`.`,
      ].join('\n'),
      [`${DOCS}/page.md`]: `# Page\n\n## Deep dive\n\nBack to [the ${README}](../${README}.md#title); **No transactions.** here.\n`,
      [`${DOCS}/pic.png`]: '',
      'src/a.ts': [
        `// (${README} "Run it") and (${DOCS}/page.md "Deep dive") and (${DOCS}/page.md`,
        '// "No transactions") resolve;',
        `/** (${README} "HTTP API") and (${DOCS}/page.md "Shallow") and ${DOCS}/missing.md do not. */`,
      ].join('\n'),
    });

    expect(checkDocs(root)).toEqual([
      `${README}.md:3: ${DOCS}/gone.md: no file ${DOCS}/gone.md`,
      `${README}.md:4: ${DOCS}/page.md#no-such-heading: no heading #no-such-heading in ${DOCS}/page.md`,
      `${README}.md:4: #nowhere: no heading #nowhere in ${README}.md`,
      `src/a.ts:3: ${README}.md has no section "HTTP API"`,
      `src/a.ts:3: ${DOCS}/page.md has no section "Shallow"`,
      `src/a.ts:3: no file ${DOCS}/missing.md`,
    ]);
  });
});

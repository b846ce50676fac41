/**
 * `npm run docs:check`: every relative link in README.md and docs/*.md reaches a file, and every
 * `#anchor` a heading of its page (GitHub's slugs); every section the code names, as in
 * README "Run it" or docs/review.md "Review", is a heading or a bold lead-in of that page, and every
 * docs/ page it names exists. Exits 1 on a problem; test/unit/doc-links.test.ts runs it in CI.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE_FOLDERS = ['src', 'infra', 'local', 'web/src', 'test', 'testkit', 'bench', 'scripts'];
/** A comment's line break inside a reference: `\n * ` or `\n // `. */
const COMMENT_BREAK = /\s*\n\s*(?:\*(?!\/)|\/\/)?\s*/g;
const CODE_FILE = /\.(ts|tsx|js|mjs|cjs)$/;

/** Fenced blocks and inline code hold no links or headings; blanked, line numbers kept. */
function withoutCode(markdown: string): string {
  return markdown
    .replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/`(?:[^`\n]|\n(?!\s*\n))*`/g, (span) => span.replace(/[^\n]/g, ' '));
}

/** GitHub's heading id: formatting and punctuation dropped (except `-` and `_`), lower case, spaces → `-`. */
export function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every heading id of a page, a repeated heading getting `-1`, `-2`… as on GitHub. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const ids = new Set<string>();
  for (const [, text] of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = slug(text!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.add(count === 0 ? base : `${base}-${count}`);
  }
  return ids;
}

/** The places a code comment may name: headings, and bold lead-ins such as `**No transactions.**`. */
function namedPlaces(markdown: string): Set<string> {
  const names = [...markdown.matchAll(/^#{1,6} +(.+?) *#*$/gm)].map((m) => m[1]!);
  names.push(...[...markdown.matchAll(/\*\*([^*\n]+?)\.?\*\*/g)].map((m) => m[1]!));
  return new Set(names.map((name) => name.replace(/`/g, '').toLowerCase()));
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

function filesUnder(root: string, folder: string): string[] {
  const dir = path.join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && CODE_FILE.test(entry.name) && !entry.parentPath.includes('node_modules'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

export function checkDocs(root: string): string[] {
  const pages = ['README.md', ...(existsSync(path.join(root, 'docs')) ? readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`) : [])];
  const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
  const problems: string[] = [];

  for (const page of pages) {
    const text = withoutCode(read(page));
    for (const match of text.matchAll(/\]\(([^)\s]+)(?: +"[^"]*")?\)/g)) {
      const target = match[1]!;
      if (/^[a-z][a-z+.-]*:/i.test(target)) continue;
      const [file = '', anchor] = target.split('#');
      const targetFile = file ? path.normalize(path.join(path.dirname(page), decodeURIComponent(file))) : page;
      const where = `${page}:${lineOf(text, match.index)}: ${target}`;
      if (!existsSync(path.join(root, targetFile))) problems.push(`${where}: no file ${targetFile}`);
      else if (anchor !== undefined && !(targetFile.endsWith('.md') && anchors(read(targetFile)).has(anchor))) problems.push(`${where}: no heading #${anchor} in ${targetFile}`);
    }
  }

  const rootFiles = readdirSync(root).filter((f) => CODE_FILE.test(f)).map((f) => path.join(root, f));
  for (const file of [...rootFiles, ...CODE_FOLDERS.flatMap((folder) => filesUnder(root, folder))]) {
    const text = readFileSync(file, 'utf8');
    const where = (index: number) => `${path.relative(root, file)}:${lineOf(text, index)}`;
    for (const match of text.matchAll(/\b(README|docs\/[\w-]+\.md)\b(?:\.md)?,?(?:\s|\*|\/\/)+"([^"]{1,200})"/g)) {
      const page = match[1] === 'README' ? 'README.md' : match[1]!;
      const section = match[2]!.replace(COMMENT_BREAK, ' ');
      if (!existsSync(path.join(root, page))) problems.push(`${where(match.index)}: no file ${page}`);
      else if (!namedPlaces(read(page)).has(section.toLowerCase())) problems.push(`${where(match.index)}: ${page} has no section "${section}"`);
    }
    for (const match of text.matchAll(/\bdocs\/[\w-]+\.md\b/g)) {
      if (!existsSync(path.join(root, match[0]))) problems.push(`${where(match.index)}: no file ${match[0]}`);
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkDocs(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
  for (const problem of problems) console.error(problem);
  console.log(problems.length ? `${problems.length} broken link(s) or section reference(s)` : 'Every link and section reference resolves.');
  process.exit(problems.length ? 1 : 0);
}

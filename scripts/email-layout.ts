/**
 * Compiles the MJML layout of every email (src/emails/layout/layout.mjml) to the HTML the
 * functions ship. `npm run emails:build` writes it; a unit test fails when the committed file
 * is stale, so the generated file always matches its source.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

type Mjml2Html = (input: string, options: Record<string, unknown>) => Promise<{ html: string; errors: { formattedMessage: string }[] }>;

const LAYOUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'emails', 'layout');
export const MJML_SOURCE = path.join(LAYOUT_DIR, 'layout.mjml');
export const GENERATED_LAYOUT = path.join(LAYOUT_DIR, 'html-layout.generated.ts');

export async function compileEmailLayout(): Promise<string> {
  const mjml2html = createRequire(import.meta.url)('mjml') as Mjml2Html;
  const { html, errors } = await mjml2html(readFileSync(MJML_SOURCE, 'utf8'), { validationLevel: 'strict', keepComments: false, minify: true, minifyOptions: { minifyCss: false }, beautify: false });
  if (errors.length > 0) throw new Error(`layout.mjml: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  return [
    '// Generated from layout.mjml by `npm run emails:build`. Do not edit.',
    `export const HTML_LAYOUT = ${JSON.stringify(html)};`,
    '',
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(GENERATED_LAYOUT, await compileEmailLayout());
  console.log(`Wrote ${path.relative(process.cwd(), GENERATED_LAYOUT)}`);
}

/**
 * `npm run emails:preview`: renders every email with sample data to HTML and to a PNG through
 * Chromium, under test-results/emails/, and refreshes the three pictures docs/emails.md shows.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as emails from '../src/emails/index.js';
import * as samples from '../testkit/email-samples.js';
import { launchBrowser } from '../testkit/chromium.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'test-results', 'emails');
const IN_DOCS = new Set(['received', 'action-required', 'expiry-reminder']);

const rendered: Record<string, emails.EmailMessage> = {
  received: emails.submissionReceivedEmail(samples.received, samples.branding),
  rejected: emails.submissionRejectedEmail(samples.rejected, samples.branding),
  verified: emails.reviewVerifiedEmail(samples.verified, samples.branding),
  'action-required': emails.reviewActionRequiredEmail(samples.actionRequired, samples.branding),
  'expiry-reminder': emails.expiryReminderEmail(samples.expiryReminder, samples.branding),
  expired: emails.documentExpiredEmail(samples.documentExpired, samples.branding),
  'staff-digest': emails.staffDigestEmail(samples.staffDigest, samples.branding),
};

mkdirSync(outDir, { recursive: true });
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 680, height: 800 }, deviceScaleFactor: 1, javaScriptEnabled: false });
  // An email never loads anything: a request would be a template bug (or a tracking pixel).
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  const page = await context.newPage();
  for (const [name, message] of Object.entries(rendered)) {
    const htmlFile = path.join(outDir, `email-${name}.html`);
    writeFileSync(htmlFile, message.html);
    writeFileSync(path.join(outDir, `email-${name}.txt`), `Subject: ${message.subject}\n\n${message.text}`);
    await page.goto(`file://${htmlFile}`);
    const png = path.join(outDir, `email-${name}.png`);
    await page.screenshot({ path: png, fullPage: true });
    if (IN_DOCS.has(name)) copyFileSync(png, path.join(root, 'docs', `email-${name}.png`));
    console.log(`${name}: ${message.subject}`);
  }
} finally {
  await browser.close();
}
console.log(`Wrote ${path.relative(process.cwd(), outDir)}/ and docs/email-{${[...IN_DOCS].join(',')}}.png`);

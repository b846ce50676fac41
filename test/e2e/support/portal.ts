/** How a provider uses the portal, in Playwright terms, plus the documents she uploads. */
import type { Locator, Page } from 'playwright-core';
import { makeDocx, makeJpeg, makePdf, makePng, makeTiff } from '../../../testkit/files.js';
import { user, type E2eStack } from './stack.js';
import { newTab } from './browser.js';
import { pauseRequests } from './pause.js';

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export interface DocumentFixture {
  /** The card's heading, e.g. "Medical License" or "Medical License 2". */
  title: string;
  file: FilePayload;
  /** Field label → value (select fields take the option value, e.g. a state code). */
  fields: Record<string, string>;
}

const DAY = 24 * 60 * 60 * 1000;
export function isoDaysFromToday(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
}

export const pdf = (name: string, pages = 1): FilePayload => ({ name, mimeType: 'application/pdf', buffer: makePdf({ pages }) });
export const png = (name: string): FilePayload => ({ name, mimeType: 'image/png', buffer: makePng(640, 480) });
export const jpeg = (name: string): FilePayload => ({ name, mimeType: 'image/jpeg', buffer: makeJpeg(640, 400) });
export const tiff = (name: string): FilePayload => ({ name, mimeType: 'image/tiff', buffer: makeTiff(320, 200) });
export const docx = (name: string): FilePayload => ({
  name,
  mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  buffer: makeDocx(['Emily Johnson, MD', 'Curriculum Vitae', 'Internal Medicine']),
});

export const VALID_DEA = 'AB1234563';
export const BAD_DEA = 'AB1234567';

/** Emily's five credentialing documents, as real PDF, PNG, JPEG and DOCX files. */
export function fiveDocuments(): DocumentFixture[] {
  return [
    {
      title: 'Medical License',
      file: pdf('CA-medical-license.pdf'),
      fields: {
        'Issuing authority': 'Medical Board of California',
        'Issue date': isoDaysFromToday(-3 * 365),
        'Expiration date': isoDaysFromToday(2 * 365),
        'License number': 'A123456',
        State: 'CA',
      },
    },
    {
      title: 'Board Certification',
      file: png('ABIM-certificate.png'),
      fields: {
        'Issuing authority': 'American Board of Internal Medicine',
        'Certification date': isoDaysFromToday(-8 * 365),
        Specialty: 'Internal Medicine',
      },
    },
    {
      title: 'DEA Registration',
      file: jpeg('DEA-registration.jpg'),
      fields: {
        'Issuing authority': 'U.S. Drug Enforcement Administration',
        'Issue date': isoDaysFromToday(-400),
        'Expiration date': isoDaysFromToday(700),
        'DEA number': VALID_DEA,
        State: 'CA',
      },
    },
    {
      title: 'Curriculum Vitae',
      file: docx('Emily-Johnson-CV.docx'),
      fields: { 'Date prepared': isoDaysFromToday(-30) },
    },
    {
      title: 'Malpractice Insurance',
      file: pdf('malpractice-certificate.pdf', 2),
      fields: {
        'Issuing authority': 'The Doctors Company',
        'Policy start date': isoDaysFromToday(-200),
        'Expiration date': isoDaysFromToday(165),
        'Policy number': 'TDC-2026-448812',
        'Per-claim limit (USD)': '1000000',
      },
    },
  ];
}

export function card(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${escape(label)}( \\(optional\\))?$`));
}

/** The message shown next to a field: the element its aria-describedby names `…-error`. */
export async function errorText(input: Locator): Promise<string> {
  const id = await input.getAttribute('id');
  return ((await input.page().locator(`[id="${id}-error"]`).textContent()) ?? '').replace(/^Error: /, '').trim();
}

export async function chooseFile(page: Page, title: string, file: FilePayload): Promise<void> {
  await card(page, title).locator('input[type="file"]').setInputFiles(file);
}

export async function fillFields(page: Page, title: string, fields: Record<string, string>): Promise<void> {
  const scope = card(page, title);
  for (const [label, value] of Object.entries(fields)) {
    const input = field(scope, label);
    if ((await input.evaluate((element) => element.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
}

export async function fillDocument(page: Page, fixture: DocumentFixture): Promise<void> {
  await chooseFile(page, fixture.title, fixture.file);
  await fillFields(page, fixture.title, fixture.fields);
}

export async function signIn(page: Page, stack: E2eStack, username: string, password = user(stack, username).password): Promise<void> {
  if (!page.url().startsWith(stack.portalUrl)) await page.goto(stack.portalUrl);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByLabel('Email address').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAndWait(page: Page, stack: E2eStack, username: string): Promise<void> {
  await signIn(page, stack, username);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function openUpload(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Upload documents' }).click();
  await page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
}

/**
 * A second tab of the same browser (same storage), signed in, on the upload page.
 * `hearsOtherTabs: false`: a browser without BroadcastChannel, whose tabs learn nothing from each other.
 */
export async function openSecondTab(page: Page, stack: E2eStack, username: string, { hearsOtherTabs = true } = {}): Promise<Page> {
  const second = await newTab(page.context());
  if (!hearsOtherTabs) {
    await second.addInitScript(() => {
      delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
    });
  }
  await signInAndWait(second, stack, username);
  await openUpload(second);
  return second;
}

/** Waits for the workflow's verdict on the submission page and returns the heading. */
export async function waitForOutcome(page: Page): Promise<'RECEIVED' | 'REJECTED'> {
  const outcome = page.getByRole('heading', { level: 1, name: /^(Documents received|Some documents need your attention)$/ });
  await outcome.waitFor({ timeout: 90_000 });
  return (await outcome.textContent()) === 'Documents received' ? 'RECEIVED' : 'REJECTED';
}

export function submissionIdFromUrl(page: Page): string {
  const match = /\/submissions\/([^/?#]+)/.exec(page.url());
  if (!match) throw new Error(`Not on a submission page: ${page.url()}`);
  return match[1]!;
}

/** The document entry on a submission page, by its type label. */
export function documentItem(page: Page, typeLabel: string): Locator {
  return page.locator('li.doc-item').filter({ has: page.getByRole('heading', { name: typeLabel, exact: true }) });
}

/** The checklist beside the form: its summary line, and the row of one document type. */
export function checklist(page: Page): Locator {
  return page.getByRole('region', { name: 'Your documents' });
}

export function checklistRow(page: Page, typeLabel: string): Locator {
  return checklist(page).getByRole('listitem').filter({ hasText: typeLabel });
}

export async function checklistSummary(page: Page): Promise<string> {
  return ((await checklist(page).locator('.checklist__summary').textContent()) ?? '').trim();
}

/** The error summary shown after Submit, if any. */
export function errorSummary(page: Page): Locator {
  return page.getByRole('alert').filter({ hasText: 'to fix before submitting' });
}

/** Holds every upload to S3 until `release()`: a slow connection, to act mid-upload (held in the browser: `pause.ts`). */
export async function holdUploads(page: Page, stack: E2eStack): Promise<{ release: () => Promise<void>; held: () => number }> {
  const uploads = await pauseRequests(page, `${stack.s3Url}/*`);
  return { held: () => uploads.held.length, release: () => uploads.release() };
}

/** The office contact details the portal is configured with (`/config.json`). */
export async function officeContact(stack: E2eStack): Promise<{ officeName: string; contactEmail: string; contactPhone: string }> {
  const response = await fetch(`${stack.portalUrl}/config.json`);
  return (await response.json()) as { officeName: string; contactEmail: string; contactPhone: string };
}

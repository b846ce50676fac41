/**
 * An iPhone photo of a certificate (HEIC) is converted to JPEG in the browser before upload, by a
 * converter loaded only when such a photo is chosen; one that cannot be read gets the iPhone's
 * own way to save it as JPEG, and a converter that cannot be loaded is said to be the problem.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axeViolations, pageErrors, screenshot } from './support/browser.js';
import { card, checklistRow, chooseFile, documentItem, errorText, fiveDocuments, fillDocument, openUpload, waitForOutcome, type FilePayload } from './support/portal.js';
import { EMILY } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const scripts: string[] = [];
const session = useBrowserSession({
  signedInAs: EMILY,
  prepare: (page) => void page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname)),
});
/** Made by libheif's encoder (test/e2e/fixtures/make-heic.ts). */
const heic: FilePayload = { name: 'board-certificate.HEIC', mimeType: 'image/heic', buffer: readFileSync(new URL('fixtures/board-certificate.heic', import.meta.url)) };

describe('an iPhone photo (HEIC)', () => {
  it('is converted to JPEG before upload and received like any scan', async () => {
    await openUpload(session.page);
    const [license, board, ...others] = fiveDocuments();
    await fillDocument(session.page, license!);
    const loadedBefore = [...scripts];

    await fillDocument(session.page, { ...board!, file: heic });
    const boardCard = card(session.page, 'Board Certification');
    await boardCard.getByText('board-certificate.jpg').waitFor({ timeout: 60_000 });
    expect(await boardCard.getByText('Converted from an iPhone photo (HEIC) to JPEG.').isVisible()).toBe(true);
    expect(await checklistRow(session.page, 'Board Certification').textContent()).toContain('File chosen');
    expect(await errorText(boardCard.locator('input[type="file"]'))).toBe('');
    // The converter is its own chunk, fetched only now.
    const converter = scripts.filter((path) => !loadedBefore.includes(path) && /heic/i.test(path));
    expect(converter.length).toBeGreaterThanOrEqual(1);
    expect(loadedBefore.some((path) => /heic/i.test(path))).toBe(false);
    await screenshot(session.page, 'heic-converted');
    expect(await axeViolations(session.page)).toEqual([]);

    for (const fixture of others) await fillDocument(session.page, fixture);
    await session.page.getByRole('button', { name: 'Submit 5 documents' }).click();
    expect(await waitForOutcome(session.page)).toBe('RECEIVED');
    expect(await documentItem(session.page, 'Board Certification').getByText('board-certificate.jpg').isVisible()).toBe(true);
  });

  it('that cannot be read is refused with the iPhone steps to save it as JPEG', async () => {
    await openUpload(session.page);
    const broken = { ...heic, name: 'certificate.heic', buffer: Buffer.concat([heic.buffer.subarray(0, 64), Buffer.alloc(2000, 7)]) };
    await chooseFile(session.page, 'Board Certification', broken);
    const file = card(session.page, 'Board Certification').locator('input[type="file"]');
    await expect.poll(() => errorText(file), { timeout: 60_000 }).toContain('Convert Image');
    expect(await errorText(file)).toContain('JPEG');
    expect(await checklistRow(session.page, 'Board Certification').textContent()).toContain('File not accepted');
    expect(pageErrors(session.page)).toEqual([]);
  });

  it('whose converter cannot be loaded is not called unreadable: she is told to check her connection and reload', async () => {
    // Prepare: a page that has not loaded the converter yet, whose request for it fails (no connection)
    const { page, stack } = session;
    await page.goto(`${stack.portalUrl}/upload`);
    await page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
    const converter = '**/assets/heic-to-*.js';
    await page.route(converter, (route) => route.abort('internetdisconnected'));
    try {
      // Act
      await chooseFile(page, 'Board Certification', heic);

      // Assess: what to do, and nothing about saving the photo differently on her iPhone
      const file = card(page, 'Board Certification').locator('input[type="file"]');
      await expect.poll(() => errorText(file), { timeout: 60_000 }).toContain('We could not load the photo converter');
      expect(await errorText(file)).toContain('reload the page (what you entered and the files you chose are kept on this device)');
      expect(await errorText(file)).not.toContain('Convert Image');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await page.unroute(converter);
    }
  });
});

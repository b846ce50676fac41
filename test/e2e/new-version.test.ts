/**
 * A new build is served while her page is open, and the chunk her page asks for next is gone (a
 * deploy that pruned it, an operator who deleted it). She never gets a blank page: the portal
 * reloads by itself once (nothing is uploading), and with the file still missing it says so and
 * offers Reload; after it, the upload page with the draft kept on her device.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/project-root.js';
import { card, chooseFile, field, fillFields, fiveDocuments, openUpload } from './support/portal.js';
import { EMILY } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession({ signedInAs: EMILY });
const license = fiveDocuments()[0]!;
const assets = join(PROJECT_ROOT, 'web/dist/assets');

/** The upload page's chunk this page loaded (earlier builds' chunks stay beside it in web/dist/assets). */
async function uploadChunkLoaded(page: Page): Promise<string> {
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
  const chunk = loaded.map((address) => new URL(address).pathname.split('/').pop()!).find((name) => /^UploadPage-[\w-]+\.js$/.test(name));
  if (!chunk || !existsSync(join(assets, chunk))) throw new Error(`The upload page's chunk is not in ${assets}: ${chunk}`);
  return chunk;
}

/** Takes the upload page's chunk out of the served build until `restore` (the other e2e files need it). */
function hideUploadChunk(chunk: string): { restore: () => void } {
  renameSync(join(assets, chunk), join(assets, `${chunk}.hidden`));
  let restored = false;
  return {
    restore: () => {
      if (!restored) renameSync(join(assets, `${chunk}.hidden`), join(assets, chunk));
      restored = true;
    },
  };
}

/** Whether her chosen file and the license number she typed are in the portal's device store yet (saved as she goes). */
function keptOnDevice(page: Page): Promise<{ file: boolean; licenseNumber: boolean }> {
  return page.evaluate(
    (licenseNumber) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('credentialing-portal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const objects = open.result.transaction('device').objectStore('device');
          const keys = objects.getAllKeys();
          const values = objects.getAll();
          values.onsuccess = () => {
            open.result.close();
            resolve({ file: keys.result.some((key) => Array.isArray(key) && key[0] === 'file'), licenseNumber: JSON.stringify(values.result).includes(licenseNumber) });
          };
        };
      }),
    license.fields['License number']!,
  );
}

describe('a chunk of her open page is gone from the server', () => {
  it('she is told the portal was updated and offered Reload, never a blank page; after Reload, her draft is there', async () => {
    const { page, stack } = session;
    // Prepare: a draft kept on her device, then her home page opened afresh (the upload page's code not loaded).
    await openUpload(page);
    const uploadChunk = await uploadChunkLoaded(page);
    await fillFields(page, license.title, license.fields);
    await chooseFile(page, license.title, license.file);
    await expect.poll(() => keptOnDevice(page)).toEqual({ file: true, licenseNumber: true });
    await page.goto(stack.portalUrl);
    await page.getByText('You have an unfinished upload.').waitFor();
    // Her browser has not kept the upload page's code (first opened since that build, or its cache cleared).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await cdp.detach();
    let loads = 0;
    page.on('load', () => (loads += 1));
    const chunkAnswers: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === `/assets/${uploadChunk}`) chunkAnswers.push(response.status());
    });
    const chunk = hideUploadChunk(uploadChunk);
    try {
      // Act: she opens the upload page; its code answers 404, as CloudFront does for a missing file (never index.html).
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Upload documents' }).click();
      // Assess: a clear message in the portal's frame, not a blank or an error page.
      await page.getByRole('heading', { name: 'This page needs a reload', level: 1 }).waitFor();
      expect(await page.getByText('The portal was updated since you opened it').isVisible()).toBe(true);
      expect(await page.getByText(/What you entered and the files you chose are kept on this device/).isVisible()).toBe(true);
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
      expect(new URL(page.url()).pathname).toBe('/upload');
      // It reloaded itself once (nothing was uploading), got the same build back, and asked instead of looping.
      expect(loads).toBe(1);
      expect([...new Set(chunkAnswers)]).toEqual([404]);
    } finally {
      chunk.restore();
    }
    // The new build is there: Reload opens the upload page with her draft.
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('heading', { name: 'Upload documents', level: 1 }).waitFor();
    const licenseCard = card(page, license.title);
    expect(await field(licenseCard, 'License number').inputValue()).toBe(license.fields['License number']);
    // Waited for, not read once: a full e2e run once read it before it was shown (never alone, 5 of 5).
    await licenseCard.getByText(license.file.name).waitFor();
  });
});

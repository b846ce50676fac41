/**
 * iPhone photos (HEIC/HEIF) become JPEG in the browser before upload. The converter (heic-to,
 * libheif compiled to JavaScript, LGPL-3.0) is a separate chunk fetched only when such a photo is
 * chosen; its CSP build needs no eval, so the portal's Content-Security-Policy stays as it is.
 */
export const HEIC_ACCEPT = ['.heic', '.heif', 'image/heic', 'image/heif'];

export function isHeic(file: Pick<File, 'name' | 'type'>): boolean {
  return /\.(heic|heif)$/i.test(file.name) || /^image\/hei[cf]/i.test(file.type);
}

export const HEIC_HELP =
  'We could not convert this iPhone photo (HEIC) to JPEG. Save it as a JPEG on your iPhone: in the Files app, touch and hold the photo, then choose Quick Actions → Convert Image → JPEG, and choose that file here. (For JPEG photos from now on: Settings → Camera → Formats → Most Compatible.)';

/** Not the photo's fault: the converter could not be fetched (no connection, or a newer portal build replaced it). */
export const HEIC_CONVERTER_UNAVAILABLE =
  'We could not load the photo converter, so this iPhone photo (HEIC) was not converted. Check your connection, reload the page (what you entered and the files you chose are kept on this device), and choose the photo again — or choose a JPEG of it.';

export class ConverterUnavailable extends Error {}

async function loadConverter() {
  try {
    return (await import('heic-to/csp')).heicTo;
  } catch (error) {
    throw new ConverterUnavailable(error instanceof Error ? error.message : String(error));
  }
}

/** A phone photo decodes in a few seconds; a converter that never answers is given up on. */
const CONVERSION_TIMEOUT_MS = 60_000;

/** The photo as a JPEG file of the same name; rejects when the photo cannot be decoded, or with `ConverterUnavailable`. */
export async function convertHeicToJpeg(file: File): Promise<File> {
  const heicTo = await loadConverter();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('HEIC conversion timed out')), CONVERSION_TIMEOUT_MS)));
  const jpeg = await Promise.race([heicTo({ blob: file, type: 'image/jpeg', quality: 0.85 }), timeout]).finally(() => clearTimeout(timer));
  return new File([jpeg], file.name.replace(/\.(heic|heif)$/i, '') + '.jpg', { type: 'image/jpeg', lastModified: file.lastModified });
}

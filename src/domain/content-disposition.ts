/**
 * `Content-Disposition` for a download (RFC 6266): the original file name as a quoted ASCII
 * fallback, plus `filename*` (RFC 8187, UTF-8, percent-encoded) when the name is not plain ASCII.
 * Quotes, backslashes, percent signs and controls never reach the quoted form, so no name can
 * end the header early or inject a parameter.
 */
import type { DownloadDisposition } from '../contract/vocabulary.js';

const UNSAFE_IN_QUOTES = /[^\x20-\x7E]|["\\%]/g;

/** RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else is percent-encoded. */
function encodeExtValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(disposition: DownloadDisposition, fileName: string): string {
  const fallback = fileName.replace(UNSAFE_IN_QUOTES, '_') || 'document';
  const header = `${disposition}; filename="${fallback}"`;
  return fallback === fileName ? header : `${header}; filename*=UTF-8''${encodeExtValue(fileName)}`;
}

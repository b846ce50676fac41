/**
 * The provider's original file name is metadata only (OWASP File Upload Cheat Sheet): it is
 * shown back to people, never used to build a storage key. We refuse names that could mislead a
 * reviewer or a file system when downloaded.
 */
import { LIMITS } from './catalog.js';

// C0/C1 controls, and the Unicode bidi embedding/override/isolate marks used to disguise
// extensions (e.g. "invoice\u202Efdp.exe" displays as "invoiceexe.pdf").
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// Half of a UTF-16 pair (a u-flag class never matches a whole pair): no UTF-8 spelling, so a
// download's Content-Disposition or an email could not carry the name.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export function fileNameProblem(name: string): string | null {
  if (name.trim().length === 0) return 'Enter the file name.';
  if (new TextEncoder().encode(name).length > LIMITS.maxFileNameBytes) {
    return `File name must be at most ${LIMITS.maxFileNameBytes} bytes long. Rename the file and try again.`;
  }
  if (CONTROL.test(name)) return 'File name contains control characters. Rename the file and try again.';
  if (BIDI.test(name)) return 'File name contains hidden text-direction characters. Rename the file and try again.';
  if (LONE_SURROGATE.test(name)) return 'File name contains characters that are not valid text. Rename the file and try again.';
  if (name.includes('/') || name.includes('\\')) return 'File name must not contain a folder path (/ or \\).';
  if (name === '.' || name === '..') return 'File name is not a real file name.';
  return null;
}

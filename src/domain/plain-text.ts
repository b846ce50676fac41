/**
 * Characters that have no place in text a person types for another to read — a line a provider
 * types, a file's name, a reviewer's reason: they could break a line of an email, reverse what
 * is read, or cannot be written as UTF-8.
 */

// C0/C1 controls, line breaks included.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
// The same without tab, line feed and carriage return: text of several lines.
// eslint-disable-next-line no-control-regex
const CONTROL_BESIDES_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// The Unicode bidi embedding/override/isolate marks used to disguise text (e.g. "invoice\u202Efdp.exe"
// displays as "invoiceexe.pdf").
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// Half of a UTF-16 pair (a u-flag class never matches a whole pair): it has no UTF-8 spelling, so
// a download's Content-Disposition or an email could not carry it.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * What is wrong with the text, worded to follow its name ("File name contains …"), or null.
 * One line unless `lines` (then line breaks and tabs are text).
 */
export function hiddenCharacterProblem(text: string, { lines = false }: { lines?: boolean } = {}): string | null {
  if (lines ? CONTROL_BESIDES_LINES.test(text) : CONTROL.test(text)) return lines ? 'contains control characters' : 'contains control characters or line breaks';
  if (BIDI.test(text)) return 'contains hidden text-direction characters';
  if (LONE_SURROGATE.test(text)) return 'contains characters that are not valid text';
  return null;
}

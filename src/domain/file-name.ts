/**
 * The provider's original file name is metadata only (OWASP File Upload Cheat Sheet): it is
 * shown back to people, never used to build a storage key. We refuse names that could mislead a
 * reviewer or a file system when downloaded.
 */
import { LIMITS } from './catalog.js';
import { hiddenCharacterProblem } from './plain-text.js';

export function fileNameProblem(name: string): string | null {
  if (name.trim().length === 0) return 'Enter the file name.';
  if (new TextEncoder().encode(name).length > LIMITS.maxFileNameBytes) {
    return `File name must be at most ${LIMITS.maxFileNameBytes} bytes long. Rename the file and try again.`;
  }
  const hidden = hiddenCharacterProblem(name);
  if (hidden) return `File name ${hidden}. Rename the file and try again.`;
  if (name.includes('/') || name.includes('\\')) return 'File name must not contain a folder path (/ or \\).';
  if (name === '.' || name === '..') return 'File name is not a real file name.';
  return null;
}

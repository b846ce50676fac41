/** Why a stored file was refused: the contract's codes with words a physician understands. */
export const DOCUMENT_ISSUE_CODES = [
  'MISSING_UPLOAD',
  'EMPTY_FILE',
  'SIZE_LIMIT_EXCEEDED',
  'SIZE_MISMATCH',
  'UNSUPPORTED_FORMAT',
  'FORMAT_MISMATCH',
  'FORMAT_NOT_ALLOWED',
  'CHECKSUM_MISMATCH',
  'CORRUPT_FILE',
  'ENCRYPTED_FILE',
  'ACTIVE_CONTENT',
  'MALWARE_DETECTED',
] as const;
export type DocumentIssueCode = (typeof DOCUMENT_ISSUE_CODES)[number];

export interface DocumentIssue {
  code: DocumentIssueCode;
  message: string;
}

export function documentIssue(code: DocumentIssueCode, message: string): DocumentIssue {
  return { code, message };
}

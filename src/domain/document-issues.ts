/** Why a stored file was refused: the contract's codes, each with words a physician understands. */
import type { DocumentIssueCode } from '../contract/vocabulary.js';

export { DOCUMENT_ISSUE_CODES, type DocumentIssueCode } from '../contract/vocabulary.js';

export interface DocumentIssue {
  code: DocumentIssueCode;
  message: string;
}

export function documentIssue(code: DocumentIssueCode, message: string): DocumentIssue {
  return { code, message };
}

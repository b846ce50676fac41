import type { Provider } from '../domain/submission.js';
import type { Page } from './submission-repository.js';

/** A provider as the directory lists her: who she is (as of her newest submission) and when she last submitted. */
export interface DirectoryEntry extends Provider {
  /** "Chen, Michael": family name, given name (`listedName` in the domain). */
  listedName: string;
  lastSubmittedAt: string;
}

export interface DirectoryQuery {
  /** Folded search terms (`parseSearch`): each must start a word of hers; none lists everyone. */
  terms: readonly string[];
  limit: number;
  nextToken?: string;
}

/** The staff directory: one profile per provider who ever submitted, by family name. */
export interface ProviderDirectory {
  /**
   * Her submission `submissionId` was sent at `submittedAt`: lists her, or, if it is newer than the
   * one her profile holds, takes her name, email and time from it; if it is the one her profile
   * holds and her profile is filed otherwise than this submission files her (a profile kept before
   * the directory filed by family name), files her again from it. Safe to repeat and to race: an
   * older submission, or the same one filed the same, changes nothing. Whether it wrote.
   */
  recordSubmission(provider: Provider, submittedAt: string, submissionId: string): Promise<boolean>;
  /** A page of the directory by family name, only the providers every term matches. */
  list(query: DirectoryQuery): Promise<Page<DirectoryEntry>>;
}

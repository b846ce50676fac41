/**
 * The cross-check workflow step, after the commit point: reads a stored document's text,
 * compares it with what the provider typed, and records the result on the document. It informs
 * and never fails a submission: a document that cannot be read within its time budget is
 * UNREADABLE, and so is one whose check crashed (the workflow's Catch records that through
 * `recordCrossCheckFailure`). The first result recorded stays, so retries and re-driven
 * workflows read each document at most once to completion.
 */
import type { ContentType } from '../domain/catalog.js';
import { crossCheck, expectedValues, type CrossCheck, type CrossCheckStatus, type ExpectedValue } from '../domain/cross-check/cross-check.js';
import type { SubmissionDocument } from '../domain/submission.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';
import type { TextExtractor } from '../ports/text-extractor.js';

/** Reads a document's text and compares it with what the provider typed. */
export async function crossCheckDocument(
  deps: { extractor: TextExtractor },
  bytes: Uint8Array,
  contentType: ContentType,
  expected: readonly ExpectedValue[],
): Promise<CrossCheck> {
  const text = await deps.extractor.extract(bytes, contentType);
  return crossCheck(expected, text.pages);
}

export interface CrossCheckRecordDeps {
  repository: SubmissionRepository;
  clock: Clock;
}

export interface CrossCheckStepDeps extends CrossCheckRecordDeps {
  store: DocumentStore;
  extractor: TextExtractor;
}

/** What the step did: checked it now, found it checked already, or skipped a document that was never stored. */
export interface CrossCheckOutcome {
  outcome: 'CHECKED' | 'ALREADY_CHECKED' | 'NOT_STORED';
  status: CrossCheckStatus | null;
  /** True when its text was not read in time (recorded UNREADABLE). */
  outOfTime?: boolean;
}

type Target = { doc: SubmissionDocument & { storedKey: string }; expected: ExpectedValue[] } | CrossCheckOutcome;

async function target(repository: SubmissionRepository, submissionId: string, documentId: string): Promise<Target> {
  const found = await repository.get(submissionId);
  if (!found) throw new Error(`Submission ${submissionId} does not exist`);
  const doc = found.documents.find((d) => d.documentId === documentId);
  if (!doc) throw new Error(`Document ${documentId} is not part of submission ${submissionId}`);
  if (doc.crossCheck) return { outcome: 'ALREADY_CHECKED', status: doc.crossCheck.status };
  if (!doc.storedKey) return { outcome: 'NOT_STORED', status: null };
  return { doc: doc as SubmissionDocument & { storedKey: string }, expected: expectedValues(doc, found.submission.provider.name) };
}

async function record(deps: CrossCheckRecordDeps, doc: SubmissionDocument, result: CrossCheck): Promise<CrossCheckOutcome> {
  const written = await deps.repository.recordCrossCheck(doc.submissionId, doc.documentId, { ...result, checkedAt: deps.clock.now().toISOString() });
  return written ? { outcome: 'CHECKED', status: result.status } : { outcome: 'ALREADY_CHECKED', status: null };
}

/** Resolves to `work`'s result, or to null once `ms` have passed (the work is left to end by its own bounds). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Checks one stored document within `budgetMs`. An extractor that throws fails the step (the
 * workflow's Catch then records UNREADABLE); storage errors fail it too, to be retried.
 */
export async function crossCheckStoredDocument(deps: CrossCheckStepDeps, submissionId: string, documentId: string, budgetMs: number): Promise<CrossCheckOutcome> {
  const found = await target(deps.repository, submissionId, documentId);
  if ('outcome' in found) return found;
  const { doc, expected } = found;
  const bytes = await deps.store.readStored(doc.storedKey);
  const result = bytes ? await within(crossCheckDocument(deps, bytes, doc.contentType, expected), budgetMs) : null;
  const outcome = await record(deps, doc, result ?? crossCheck(expected, []));
  return result ? outcome : { ...outcome, outOfTime: bytes !== null };
}

/** The workflow's Catch: the check crashed or timed out past its retries, so the document is UNREADABLE. */
export async function recordCrossCheckFailure(deps: CrossCheckRecordDeps, submissionId: string, documentId: string): Promise<CrossCheckOutcome> {
  const found = await target(deps.repository, submissionId, documentId);
  if ('outcome' in found) return found;
  return record(deps, found.doc, crossCheck(found.expected, []));
}

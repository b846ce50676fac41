import type { ProviderDirectory } from '../ports/provider-directory.js';
import type { SubmissionRepository } from '../ports/submission-repository.js';

const PAGE_SIZE = 100;

/**
 * The directory job: lists every provider whose submissions were sent before the directory
 * existed (or whose profile was lost), and files by family name every profile kept before the
 * directory did (a backfill), from the staff list of submissions (allSubmissions, newest first,
 * never a scan). Her first submission met is her newest, the one her profile holds, so it writes
 * at most once per provider; the write is set-if-newer, or the same submission filing her anew, so
 * a run racing new submissions never puts an older one back, and a second run writes nothing.
 */
export async function fillProviderDirectory(deps: { repository: SubmissionRepository; directory: ProviderDirectory }): Promise<{ submissions: number; providers: number; updated: number }> {
  const seen = new Set<string>();
  let submissions = 0;
  let updated = 0;
  let nextToken: string | undefined;
  do {
    const page = await deps.repository.list({ limit: PAGE_SIZE, ...(nextToken ? { nextToken } : {}) });
    for (const submission of page.items) {
      submissions++;
      if (!submission.submittedAt || seen.has(submission.provider.providerId)) continue;
      seen.add(submission.provider.providerId);
      if (await deps.directory.recordSubmission(submission.provider, submission.submittedAt, submission.submissionId)) updated++;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return { submissions, providers: seen.size, updated };
}

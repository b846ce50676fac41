/**
 * Finds one of her own documents by id, for `/upload?replaces={documentId}` (the link in the
 * outcome email and beside a rejected document). The API reads documents through their
 * submission, so this looks through her submissions, those needing action first; a provider has
 * a handful.
 */
import type { Api } from '../api/client.js';
import type { DocumentView, SubmissionView } from '../api/types.js';

const MAX_PAGES = 10;

export async function findOwnDocument(api: Api, documentId: string): Promise<{ submission: SubmissionView; document: DocumentView } | null> {
  const seen = new Set<string>();
  for (const status of ['ACTION_REQUIRED', undefined]) {
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const list = await api.listSubmissions(status, nextToken);
      for (const item of list.items) {
        if (seen.has(item.submissionId) || item.referenceNumber === null) continue;
        seen.add(item.submissionId);
        const submission = await api.getSubmission(item.submissionId);
        const document = submission.documents.find((doc) => doc.documentId === documentId);
        if (document) return { submission, document };
      }
      nextToken = list.nextToken;
      if (!nextToken) break;
    }
  }
  return null;
}

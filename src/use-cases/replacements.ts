/**
 * Checks each `replacesDocumentId` of a new submission against the document it names: hers, the
 * same type, and in a state that can be replaced or renewed (`replacementProblem`). Another
 * provider's document answers exactly like a missing one.
 */
import type { FieldProblem } from '../contract/http.js';
import type { Caller } from '../domain/caller.js';
import { replacementProblem } from '../domain/credentials.js';
import { ValidationFailed } from '../domain/errors.js';
import type { DocumentInput } from '../domain/metadata-schema.js';
import { lineageOf } from '../domain/submission.js';
import type { DocumentVersions } from '../ports/document-versions.js';

/** The credential (lineage) each new document continues, or null for a new credential. */
export async function replacedVersions(versions: DocumentVersions, caller: Caller, documents: DocumentInput[]): Promise<(string | null)[]> {
  const problems: FieldProblem[] = [];
  const lineages = await Promise.all(
    documents.map(async (input, index) => {
      if (!input.replacesDocumentId) return null;
      const path = `documents.${index}.replacesDocumentId`;
      const found = await versions.find(input.replacesDocumentId);
      if (!found || found.submission.provider.providerId !== caller.userId) {
        problems.push({ path, message: 'You have no document with this id. Open the document in My credentials and choose Renew or Replace.' });
        return null;
      }
      const problem = replacementProblem(found.document, found.submission.status, input.documentType);
      if (problem) problems.push({ path, message: problem });
      return lineageOf(found.document);
    }),
  );
  if (problems.length > 0) {
    throw new ValidationFailed('Some documents cannot replace the documents they name.', problems.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true })));
  }
  return lineages;
}

/**
 * The provider's gentle warning when the number she typed was not found in the file she sent, or
 * the file shows another (docs/cross-check.md "What people see"). While the document waits for
 * review she may send the right file: it is uploaded as the next version of this document (a
 * renewal in the lifecycle rules), which takes this one's place once received.
 */
import { Link } from 'react-router';
import { crossCheckWarnings } from '../../../src/domain/cross-check/views.js';
import { isDocumentType } from '../../../src/domain/catalog.js';
import type { DocumentView } from '../api/types.js';
import { typeLabel } from '../format.js';
import { correctFilePath } from '../upload/draft.js';

/** Warned about, and still replaceable: stored, waiting for review, not already replaced. */
export function warningsFor(doc: DocumentView): string[] {
  if (!isDocumentType(doc.documentType) || doc.status !== 'PENDING_REVIEW' || doc.supersededBy) return [];
  return crossCheckWarnings(doc.documentType, doc.crossCheck);
}

export function CrossCheckWarning({ doc, canReplace }: { doc: DocumentView; canReplace: boolean }) {
  const warnings = warningsFor(doc);
  if (warnings.length === 0) return null;
  return (
    <div className="notice notice--warning doc-item__check">
      {warnings.map((warning) => (
        <p key={warning}>{warning}</p>
      ))}
      {canReplace && (
        <>
          <p>
            If it is the wrong file, or the number you entered is wrong, send the right file and details before the credentialing team
            reviews it: it reaches them as a newer version of this document, and this file is marked as replaced.
          </p>
          <p>
            <Link to={correctFilePath(doc.documentId)} className="button button--small">
              Send the right file<span className="visually-hidden"> for the {typeLabel(doc.documentType)}</span>
            </Link>{' '}
            <span className="muted">If the file is right, there is nothing to do: the team checks every document.</span>
          </p>
        </>
      )}
    </div>
  );
}

/** At the top of her confirmation: the warnings themselves are beside their documents, further down. */
export function CrossCheckPointer({ documents }: { documents: DocumentView[] }) {
  const warned = documents.filter((doc) => warningsFor(doc).length > 0).length;
  if (warned === 0) return null;
  return (
    <p className="notice notice--warning">
      Please check {warned === 1 ? 'one document' : `${warned} documents`} below: the number you entered may not be in the file you sent.
    </p>
  );
}

/**
 * A renewal or replacement on the review screen, beside the version it takes the place of: how
 * that version ended (verified, rejected, refused by the checks) and which details changed, so
 * the reviewer compares with what is on file instead of starting from nothing.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { documentTypeSpec, isDocumentType, writtenDetail } from '../../../src/domain/catalog.js';
import { useApi } from '../api/client.js';
import type { CredentialVersionView, DocumentView } from '../api/types.js';
import { formatDate, formatDateTime } from '../format.js';

interface Change {
  label: string;
  before: string;
  now: string;
}

const shown = (value: string | null | undefined, empty = 'none') => (value ? value : empty);

function changesBetween(earlier: DocumentView, doc: DocumentView): Change[] {
  const spec = isDocumentType(doc.documentType) ? documentTypeSpec(doc.documentType) : null;
  const changes: Change[] = [];
  const compare = (label: string, before: string, now: string) => before !== now && changes.push({ label, before, now });
  compare(spec?.issueDateLabel ?? 'Issue date', formatDate(earlier.issueDate), formatDate(doc.issueDate));
  compare('Expires', shown(earlier.expirationDate && formatDate(earlier.expirationDate), 'no expiration date'), shown(doc.expirationDate && formatDate(doc.expirationDate), 'no expiration date'));
  compare('Issued by', earlier.issuingAuthority, doc.issuingAuthority);
  for (const field of spec?.fields ?? []) {
    const written = (value: string | undefined) => shown(value && writtenDetail(field.kind, value));
    compare(field.label, written(earlier.details[field.name]), written(doc.details[field.name]));
  }
  return changes;
}

function howItEnded(earlier: CredentialVersionView): string {
  if (earlier.review) {
    const by = earlier.review.reviewedBy?.name ?? 'the credentialing team';
    return earlier.review.decision === 'VERIFIED' ? `verified by ${by} on ${formatDateTime(earlier.review.reviewedAt)}` : `rejected by ${by}: “${earlier.review.reason ?? ''}”`;
  }
  if (earlier.status === 'INVALID' || !earlier.receivedAt) return 'refused by the checks, never stored';
  if (earlier.status === 'EXPIRED') return 'expired';
  // A decision taken before she replaced it is not carried out on it (docs/review.md).
  if (earlier.status === 'SUPERSEDED') return 'replaced before its review was completed';
  return 'not decided yet';
}

export function EarlierVersion({ doc }: { doc: DocumentView }) {
  const api = useApi();
  const replaced = doc.replacesDocumentId;
  const history = useQuery({ queryKey: ['document-history', replaced], queryFn: () => api.getDocumentHistory(replaced!), enabled: replaced !== undefined });
  if (!replaced) return null;
  const earlier = history.data?.credential.versions.find((version) => version.documentId === replaced);
  if (!earlier) return history.isError ? <p className="muted">The version this one takes the place of could not be loaded just now.</p> : null;
  const changes = changesBetween(earlier, doc);
  return (
    <section className="earlier-version" aria-label="The version it takes the place of">
      <p>
        <strong>Takes the place of the version on file</strong>
        {earlier.referenceNumber ? (
          <>
            {' '}
            (<Link to={`/review/${earlier.submissionId}`}>{earlier.referenceNumber}</Link>)
          </>
        ) : null}
        , {howItEnded(earlier)}.
      </p>
      {changes.length === 0 ? (
        <p className="muted">Same details as that version; only the file is new.</p>
      ) : (
        <ul aria-label="What changed">
          {changes.map((change) => (
            <li key={change.label}>
              {change.label}: <del>{change.before}</del> → <ins>{change.now}</ins>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

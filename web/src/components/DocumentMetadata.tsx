/** A document's details as the provider entered them: dates, issuer and the type's own fields. */
import { documentTypeSpec, isDocumentType, writtenDetail } from '../../../src/domain/catalog.js';
import type { DocumentView } from '../api/types.js';
import { formatDate } from '../format.js';
import { ExpiryFlag } from './StatusBadge.js';

/** `alwaysShowExpiration`: reviewers need to see that a document has none. */
export function DocumentMetadata({ doc, className, alwaysShowExpiration = false }: { doc: DocumentView; className: string; alwaysShowExpiration?: boolean }) {
  const spec = isDocumentType(doc.documentType) ? documentTypeSpec(doc.documentType) : null;
  const fields = spec?.fields ?? [];
  return (
    <dl className={className}>
      <div>
        <dt>{spec?.issueDateLabel ?? 'Issue date'}</dt>
        <dd>{formatDate(doc.issueDate)}</dd>
      </div>
      {(doc.expirationDate || alwaysShowExpiration) && (
        <div>
          <dt>Expires</dt>
          <dd>
            {doc.expirationDate ? formatDate(doc.expirationDate) : 'No expiration date'}
            {doc.status !== 'SUPERSEDED' && <ExpiryFlag expirationDate={doc.expirationDate} />}
          </dd>
        </div>
      )}
      {doc.issuingAuthority && (
        <div>
          <dt>Issued by</dt>
          <dd>{doc.issuingAuthority}</dd>
        </div>
      )}
      {fields
        .filter((field) => doc.details[field.name])
        .map((field) => (
          <div key={field.name}>
            <dt>{field.label}</dt>
            <dd>{writtenDetail(field.kind, doc.details[field.name]!)}</dd>
          </div>
        ))}
    </dl>
  );
}

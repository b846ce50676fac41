/**
 * The automatic cross-check beside a document's details (docs/review.md "Cross-check results"): for
 * each detail the provider typed, whether the file's text shows it. A match is a check the reviewer
 * no longer has to make; what was not found or differs is highlighted; an unreadable file is said
 * plainly.
 */
import type { CrossCheckField, FieldCheck, FieldStatus } from '../../../src/contract/cross-check.js';
import { documentTypeSpec, isDocumentType } from '../../../src/domain/catalog.js';
import type { DocumentView } from '../api/types.js';
import { formatDate } from '../format.js';

const LEADS = {
  MATCH: 'Every detail below is printed in the file.',
  PARTIAL: 'Some details were not found in the file: check those yourself.',
  MISMATCH: 'The file shows something different from what was entered.',
  UNREADABLE: 'No text could be read in this file (a blank or illegible scan, or one that took too long to read). Check every detail yourself.',
} as const;

const OUTCOME_CLASS: Record<FieldStatus, string> = { MATCH: 'match', NOT_FOUND: 'not-found', MISMATCH: 'mismatch' };

function fieldLabel(doc: DocumentView, field: CrossCheckField): string {
  const spec = isDocumentType(doc.documentType) ? documentTypeSpec(doc.documentType) : null;
  if (field === 'providerName') return 'Name';
  if (field === 'expirationDate') return 'Expires';
  if (field === 'issueDate') return spec?.issueDateLabel ?? 'Issue date';
  if (field === 'issuingAuthority') return 'Issued by';
  return spec?.fields.find((f) => f.name === field)?.label ?? field;
}

const written = (field: CrossCheckField, value: string) => (field === 'expirationDate' || field === 'issueDate' ? formatDate(value) : value);

function Outcome({ check }: { check: FieldCheck }) {
  if (check.status === 'MATCH') {
    return (
      <span className="cross-check__outcome">
        <span aria-hidden="true">✓ </span>Found in the file
      </span>
    );
  }
  if (check.status === 'MISMATCH') {
    return <span className="cross-check__outcome">The file shows “{written(check.field, check.found ?? '')}” instead</span>;
  }
  return (
    <span className="cross-check__outcome">
      Not found in the file: check it yourself
      {check.found && <span className="cross-check__read"> (read “{check.found}”, perhaps a misreading of a scan)</span>}
    </span>
  );
}

/** `stored`: only stored files are read; a refused submission's files never were. */
export function CrossCheckResult({ doc, stored }: { doc: DocumentView; stored: boolean }) {
  if (!stored) return null;
  const headingId = `cross-check-${doc.documentId}`;
  const check = doc.crossCheck;
  return (
    <section className={`cross-check cross-check--${check ? check.status.toLowerCase() : 'pending'}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="cross-check__title">
        Checked against the file
      </h3>
      {!check ? (
        <p className="cross-check__lead">The file has not been read yet: check every detail yourself.</p>
      ) : (
        <>
          <p className="cross-check__lead">{LEADS[check.status]}</p>
          {check.status !== 'UNREADABLE' && (
            <ul className="cross-check__fields">
              {check.fields.map((field) => (
                <li key={field.field} className={`cross-check__field cross-check__field--${OUTCOME_CLASS[field.status]}`}>
                  <span className="cross-check__label">{fieldLabel(doc, field.field)}</span> <span className="cross-check__value">{written(field.field, field.expected)}</span>
                  <Outcome check={field} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

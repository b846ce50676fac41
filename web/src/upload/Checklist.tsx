/** Which of the five credentialing documents are in the submission, and which are still missing. */
import { CATALOG, type DocumentType } from '../../../src/domain/catalog.js';
import type { DraftDocument } from './draft.js';

interface Props {
  documents: Pick<DraftDocument, 'key' | 'documentType' | 'file'>[];
  onAdd(type: DocumentType): void;
  canAdd: boolean;
}

export function Checklist({ documents, onAdd, canAdd }: Props) {
  const missing = CATALOG.filter((spec) => !documents.some((doc) => doc.documentType === spec.type && doc.file)).length;
  return (
    <section className="card checklist" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading" className="checklist__title">
        Your documents
      </h2>
      <p className="checklist__summary" aria-live="polite">
        {missing === 0 ? 'All five documents are ready.' : `${missing} of 5 still missing`}
      </p>
      <ul className="checklist__list">
        {CATALOG.map((spec) => {
          const cards = documents.filter((doc) => doc.documentType === spec.type);
          const withFile = cards.filter((doc) => doc.file).length;
          const done = withFile > 0;
          return (
            <li key={spec.type} className={`checklist__item${done ? ' checklist__item--done' : ''}`}>
              <span className="checklist__mark" aria-hidden="true">
                {done ? '✓' : ''}
              </span>
              <span className="checklist__label">
                <span>
                  {cards[0] ? <a href={`#doc-${cards[0].key}`}>{spec.label}</a> : spec.label}
                  {withFile > 1 && <span className="checklist__count"> ×{withFile}</span>}
                </span>
                <span className="checklist__state">{done ? 'File chosen' : cards.length > 0 ? 'Missing file' : 'Not added'}</span>
              </span>
              {cards.length === 0 && canAdd && (
                <button type="button" className="button button--link" onClick={() => onAdd(spec.type)}>
                  Add<span className="visually-hidden"> {spec.label}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {canAdd && (
        <button type="button" className="button button--secondary button--block" onClick={() => onAdd('MEDICAL_LICENSE')}>
          + Add another medical license
        </button>
      )}
    </section>
  );
}

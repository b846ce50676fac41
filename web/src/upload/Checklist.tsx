/**
 * Which of the five credentialing documents have a file she can send, read from the cards'
 * own state (`fileState`): a refused, lost or missing file is never "chosen".
 */
import { CATALOG, type DocumentType } from '../../../src/domain/catalog.js';
import type { DraftDocument } from './draft.js';
import { fileState, type FileState } from './validate.js';

interface Props {
  documents: DraftDocument[];
  onAdd(type: DocumentType): void;
  canAdd: boolean;
}

const STATE_TEXT: Record<Exclude<FileState, 'ready'>, string> = {
  missing: 'Missing file',
  lost: 'Choose the file again',
  converting: 'Converting photo…',
  refused: 'File not accepted',
};

export function Checklist({ documents, onAdd, canAdd }: Props) {
  const rows = CATALOG.map((spec) => {
    const cards = documents.filter((doc) => doc.documentType === spec.type);
    const states = cards.map(fileState);
    const ready = states.filter((state) => state === 'ready').length;
    const done = cards.length > 0 && ready === cards.length;
    const firstProblem = states.find((state) => state !== 'ready') as Exclude<FileState, 'ready'> | undefined;
    const text =
      cards.length === 0 ? 'Not added' : cards.length > 1 ? `${ready} of ${cards.length} files chosen` : done ? 'File chosen' : STATE_TEXT[firstProblem ?? 'missing'];
    return { spec, cards, done, text, warn: firstProblem === 'refused' || firstProblem === 'lost' };
  });
  const missing = rows.filter((row) => !row.done).length;

  return (
    <section className="card checklist" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading" className="checklist__title">
        Your documents
      </h2>
      <p className="checklist__summary" aria-live="polite">
        {missing === 0 ? 'Files chosen for all five documents.' : `${missing} of 5 still missing`}
      </p>
      <ul className="checklist__list">
        {rows.map(({ spec, cards, done, text, warn }) => (
          <li key={spec.type} className={`checklist__item${done ? ' checklist__item--done' : warn ? ' checklist__item--warn' : ''}`}>
            <span className="checklist__mark" aria-hidden="true">
              {done ? '✓' : warn ? '!' : ''}
            </span>
            <span className="checklist__label">
              <span>{cards[0] ? <a href={`#doc-${cards[0].key}`}>{spec.label}</a> : spec.label}</span>
              <span className="checklist__state">
                {text}
                {canAdd && cards.length > 0 && (
                  <>
                    {' · '}
                    <button type="button" className="button button--link checklist__another" onClick={() => onAdd(spec.type)}>
                      Add another<span className="visually-hidden"> {spec.label}</span>
                    </button>
                  </>
                )}
              </span>
            </span>
            {canAdd && cards.length === 0 && (
              <button type="button" className="button button--link" onClick={() => onAdd(spec.type)}>
                Add<span className="visually-hidden"> {spec.label}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

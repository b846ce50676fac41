/** Every problem to fix before submitting, each a link to its field: recomputed from the form's errors on every render. */
import type { Ref } from 'react';
import type { FieldErrors } from 'react-hook-form';
import { documentTypeSpec } from '../../../src/domain/catalog.js';
import { fieldId } from '../components/Field.js';
import { cardTitles, type DraftDocument, type DraftForm } from './draft.js';

export interface Problem {
  target: string;
  message: string;
}

const FIELD_ORDER = ['file', 'issuingAuthority', 'issueDate', 'expirationDate'];

/** The current errors in card and field order, never a snapshot taken at submit. */
export function listProblems(errors: FieldErrors<DraftForm>, documents: DraftDocument[]): Problem[] {
  const titles = cardTitles(documents);
  return documents.flatMap((doc, index) => {
    const docErrors = errors.documents?.[index] as Record<string, unknown> | undefined;
    if (!docErrors) return [];
    const details = (docErrors.details ?? {}) as Record<string, { message?: string }>;
    const paths = [...FIELD_ORDER, ...documentTypeSpec(doc.documentType).fields.map((field) => `details.${field.name}`)];
    return paths.flatMap((path) => {
      const message = path.startsWith('details.') ? details[path.slice('details.'.length)]?.message : (docErrors[path] as { message?: string } | undefined)?.message;
      return message ? [{ target: fieldId('f', doc.key, path.replace('.', '-')), message: `${titles[index]}: ${message}` }] : [];
    });
  });
}

export function ErrorSummary({ problems, onGoTo, ref }: { problems: Problem[]; onGoTo(target: string): void; ref: Ref<HTMLDivElement> }) {
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">
        {problems.length === 1 ? 'There is a problem' : `There are ${problems.length} problems`} to fix before submitting
      </h2>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.target}-${problem.message}`}>
            <a
              href={`#${problem.target}`}
              onClick={(event) => {
                event.preventDefault();
                onGoTo(problem.target);
              }}
            >
              {problem.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

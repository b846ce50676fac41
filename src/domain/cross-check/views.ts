/**
 * What each audience sees of a document's cross-check (docs/cross-check.md "What people see").
 * Staff see every field with what was read. The provider sees only what her warning needs: the
 * document's own number when it was not found in the file or the file shows another — never what
 * OCR read, and no warning when the file could not be read at all (a limit of ours, not a mistake
 * of hers).
 */
import type { CrossCheck, CrossCheckField, FieldCheck } from '../../contract/cross-check.js';
import { documentTypeSpec, labelInSentence, type DocumentType } from '../catalog.js';

/** A cross-check as stored on the document item. */
export interface RecordedCrossCheck extends CrossCheck {
  checkedAt: string;
}

/** The fields that say which document this is: the provider is warned about these only. */
export const NUMBER_FIELDS: readonly CrossCheckField[] = ['licenseNumber', 'deaNumber', 'policyNumber'];

const fieldView = ({ field, status, expected, found }: FieldCheck, withFound: boolean): FieldCheck => ({
  field,
  status,
  expected,
  ...(withFound && found !== undefined ? { found } : {}),
});

export function crossCheckView(recorded: RecordedCrossCheck, forStaff: boolean): CrossCheck {
  if (forStaff) return { status: recorded.status, fields: recorded.fields.map((field) => fieldView(field, true)) };
  const warned = recorded.status === 'UNREADABLE' ? [] : recorded.fields.filter((f) => NUMBER_FIELDS.includes(f.field) && f.status !== 'MATCH');
  return { status: recorded.status, fields: warned.map((field) => fieldView(field, false)) };
}

/**
 * The provider's gentle warnings, one per number not matched: "We could not find your DEA
 * number BJ4821737 in the file you uploaded — check that it is the right document."
 */
export function crossCheckWarnings(documentType: DocumentType, check: CrossCheck | undefined): string[] {
  if (!check || check.status === 'UNREADABLE') return [];
  const labels = new Map(documentTypeSpec(documentType).fields.map((field) => [field.name, labelInSentence(field.label)]));
  return check.fields
    .filter((f) => NUMBER_FIELDS.includes(f.field) && f.status !== 'MATCH')
    .map((f) => {
      const label = labels.get(f.field) ?? 'number';
      return f.status === 'MISMATCH'
        ? `The file you uploaded seems to show a different ${label} from the one you entered, ${f.expected} — check that it is the right document.`
        : `We could not find your ${label} ${f.expected} in the file you uploaded — check that it is the right document.`;
    });
}

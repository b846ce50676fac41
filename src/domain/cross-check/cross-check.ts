/**
 * Cross-check: does the document say what the provider typed? Each expected value is looked for
 * in the document's text and judged MATCH, NOT_FOUND or MISMATCH (only on positive evidence,
 * e.g. another valid DEA number, or another date labelled as the expiration date). It informs a
 * reviewer and warns the provider; it never rejects a document (OCR is fallible).
 *
 * Overall status:
 * - UNREADABLE: no page had legible text (blank, illegible, or nothing could be read in time);
 * - MISMATCH: any field is MISMATCH;
 * - MATCH: every field (at least one) is MATCH;
 * - PARTIAL: otherwise (something was not found, nothing contradicts).
 */
import type { DocumentType } from '../catalog.js';
import { checkDate } from './dates.js';
import { checkIdentifier } from './identifiers.js';
import { checkJurisdiction } from './jurisdiction.js';
import type { CrossCheck, CrossCheckField, CrossCheckStatus, FieldCheck } from '../../contract/cross-check.js';
import type { FieldOutcome, ReadPage } from './page.js';
import { checkIssuingAuthority, checkProviderName } from './words.js';

export type { ReadPage } from './page.js';
export { CROSS_CHECK_FIELDS, type CrossCheck, type CrossCheckField, type CrossCheckStatus, type FieldCheck, type FieldStatus } from '../../contract/cross-check.js';

export interface ExpectedValue {
  field: CrossCheckField;
  value: string;
}

/** The part of a stored document that says what should be printed on it. */
export interface DocumentFacts {
  documentType: DocumentType;
  issueDate: string;
  expirationDate: string | null;
  issuingAuthority: string;
  details: Readonly<Record<string, string>>;
}

/**
 * What to look for on a document: her name, the type's number and state, its dates and issuer.
 * A CV's "date prepared" and optional authority are rarely printed on it, so a CV is checked
 * for her name only.
 */
export function expectedValues(doc: DocumentFacts, providerName: string): ExpectedValue[] {
  const values: ExpectedValue[] = [];
  const add = (field: CrossCheckField, value: string | null | undefined) => {
    if (value && value.trim().length > 0) values.push({ field, value: value.trim() });
  };
  add('providerName', providerName);
  if (doc.documentType === 'CURRICULUM_VITAE') return values;
  add('licenseNumber', doc.details.licenseNumber);
  add('deaNumber', doc.details.deaNumber);
  add('policyNumber', doc.details.policyNumber);
  add('expirationDate', doc.expirationDate);
  add('issueDate', doc.issueDate);
  add('jurisdiction', doc.details.jurisdiction);
  add('issuingAuthority', doc.issuingAuthority);
  return values;
}

function checkField({ field, value }: ExpectedValue, pages: readonly ReadPage[]): FieldOutcome {
  switch (field) {
    case 'providerName':
      return checkProviderName(value, pages);
    case 'licenseNumber':
    case 'deaNumber':
    case 'policyNumber':
      return checkIdentifier(field, value, pages);
    case 'expirationDate':
    case 'issueDate':
      return checkDate(field, value, pages);
    case 'jurisdiction':
      return checkJurisdiction(value, pages);
    case 'issuingAuthority':
      return checkIssuingAuthority(value, pages);
  }
}

export function crossCheck(expected: readonly ExpectedValue[], pages: readonly ReadPage[]): CrossCheck {
  const readable = pages.filter((page) => page.readable);
  if (readable.length === 0) {
    return { status: 'UNREADABLE', fields: expected.map(({ field, value }) => ({ field, status: 'NOT_FOUND', expected: value })) };
  }
  const fields = expected.map((value): FieldCheck => ({ field: value.field, expected: value.value, ...checkField(value, readable) }));
  return { status: overallStatus(fields), fields };
}

export function overallStatus(fields: readonly Pick<FieldCheck, 'status'>[]): Exclude<CrossCheckStatus, 'UNREADABLE'> {
  if (fields.some((f) => f.status === 'MISMATCH')) return 'MISMATCH';
  if (fields.length > 0 && fields.every((f) => f.status === 'MATCH')) return 'MATCH';
  return 'PARTIAL';
}

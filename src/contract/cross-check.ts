/**
 * A document's cross-check (docs/cross-check.md): what its text says against what the provider
 * typed. Shown to the owner and to staff; it informs and never rejects. The rules are in
 * src/domain/cross-check/.
 */

export const CROSS_CHECK_FIELDS = [
  'providerName',
  'licenseNumber',
  'deaNumber',
  'policyNumber',
  'expirationDate',
  'issueDate',
  'jurisdiction',
  'issuingAuthority',
] as const;
export type CrossCheckField = (typeof CROSS_CHECK_FIELDS)[number];

export const CROSS_CHECK_STATUSES = ['MATCH', 'PARTIAL', 'MISMATCH', 'UNREADABLE'] as const;
export type CrossCheckStatus = (typeof CROSS_CHECK_STATUSES)[number];

export const FIELD_CHECK_STATUSES = ['MATCH', 'NOT_FOUND', 'MISMATCH'] as const;
export type FieldStatus = (typeof FIELD_CHECK_STATUSES)[number];

export interface FieldCheck {
  field: CrossCheckField;
  status: FieldStatus;
  /** What she typed. */
  expected: string;
  /** What was read on the document, where something relevant was read. */
  found?: string;
}

export interface CrossCheck {
  status: CrossCheckStatus;
  fields: FieldCheck[];
}

/**
 * What names one credential across its versions, and the rule that one submission carries each
 * credential once (a second card for the same license is a second credential, reminded twice).
 */
import { documentTypeSpec, type DocumentType } from './catalog.js';
import type { SubmissionDocument } from './submission.js';

/** The fields that name one credential of each type (a CV has none: each is its own), and how she would say they match. */
const IDENTITY: Partial<Record<DocumentType, { fields: readonly string[]; same: string }>> = {
  MEDICAL_LICENSE: { fields: ['jurisdiction', 'licenseNumber'], same: 'the same state and license number' },
  DEA_REGISTRATION: { fields: ['deaNumber'], same: 'the same DEA number' },
  MALPRACTICE_INSURANCE: { fields: ['policyNumber'], same: 'the same policy number' },
  BOARD_CERTIFICATION: { fields: ['specialty'], same: 'the same specialty' },
};

/**
 * What names one credential across its versions: a license's state and number, the DEA number,
 * the policy number, the board specialty — compared without case, spaces or punctuation
 * ("A-123 456" is "a123456"). Null when the type has no such name or a part is missing.
 */
export function credentialIdentity(doc: Pick<SubmissionDocument, 'documentType' | 'details'>): string | null {
  const fields = IDENTITY[doc.documentType]?.fields;
  const parts = fields?.map((field) => (doc.details[field] ?? '').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''));
  return parts && parts.every((part) => part !== '') ? `${doc.documentType}:${parts.join(':')}` : null;
}

export interface RepeatedCredential {
  /** The later document of the two. */
  index: number;
  /** Its detail she would correct (the number, or the specialty). */
  field: string;
  message: string;
}

/**
 * Documents of one submission that are the same credential as an earlier one in it. Two that each
 * name the version they replace are left alone: she continues two credentials on file that
 * happen to share a name.
 */
export function repeatedCredentials(documents: readonly (Pick<SubmissionDocument, 'documentType' | 'details'> & { replacesDocumentId?: string | null | undefined })[]): RepeatedCredential[] {
  const repeated: RepeatedCredential[] = [];
  const identities = documents.map(credentialIdentity);
  documents.forEach((doc, index) => {
    const identity = identities[index];
    if (identity === null) return;
    const earlier = documents.slice(0, index).some((other, at) => identities[at] === identity && !(other.replacesDocumentId && doc.replacesDocumentId));
    if (!earlier) return;
    const { fields, same } = IDENTITY[doc.documentType]!;
    const label = documentTypeSpec(doc.documentType).label;
    repeated.push({ index, field: fields.at(-1)!, message: `Another document of this submission is this ${label}, with ${same}. Send each credential once: put all its pages or sides in one file.` });
  });
  return repeated;
}

/** How an email names a document: one wording for every template. */
import { documentTypeSpec } from '../domain/catalog.js';
import { writtenDate } from '../domain/dates.js';
import type { SubmissionDocument } from '../domain/submission.js';
import type { EmailDocument } from './types.js';

type StoredDocument = Pick<SubmissionDocument, 'documentId' | 'documentType' | 'fileName' | 'issuingAuthority' | 'issueDate' | 'expirationDate' | 'details'>;

/** Maps a stored document to what an email shows of it; the number is the type's `…Number` field. */
export function emailDocument(doc: StoredDocument): EmailDocument {
  const numberField = documentTypeSpec(doc.documentType).fields.find((field) => field.name.endsWith('Number'));
  const number = numberField ? doc.details[numberField.name] : undefined;
  return {
    documentId: doc.documentId,
    documentType: doc.documentType,
    fileName: doc.fileName,
    issuingAuthority: doc.issuingAuthority,
    jurisdiction: doc.details.jurisdiction || null,
    number: numberField && number ? { label: numberField.label, value: number } : null,
    issueDate: doc.issueDate,
    expirationDate: doc.expirationDate,
  };
}

/** "Medical License (CA)" */
export function documentTitle(doc: EmailDocument): string {
  const label = documentTypeSpec(doc.documentType).label;
  return doc.jurisdiction ? `${label} (${doc.jurisdiction})` : label;
}

/** The lines under a document's title; the number only where the email needs it to say which one. */
export function documentLines(doc: EmailDocument, options: { number?: boolean; expiration?: boolean } = {}): string[] {
  return [
    `File: ${doc.fileName}`,
    ...(doc.issuingAuthority ? [`Issued by ${doc.issuingAuthority}`] : []),
    ...(options.number && doc.number ? [`${doc.number.label}: ${doc.number.value}`] : []),
    ...(options.expiration !== false && doc.expirationDate ? [`Expires ${writtenDate(doc.expirationDate)}`] : []),
  ];
}

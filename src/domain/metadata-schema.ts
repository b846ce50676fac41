/**
 * The metadata a provider enters per document, as zod schemas shared by the API (authoritative)
 * and the portal (immediate feedback). Messages are written for a physician, not a developer.
 * Unknown fields are rejected (strict objects) so a typo never silently drops data.
 * zod/mini (the same engine as zod, 26 KB in a bundle instead of 445 KB): every message is ours,
 * so no locale is loaded.
 */
import * as z from 'zod/mini';
import type { CreateSubmissionBody, FieldProblem } from '../contract/http.js';
import {
  CATEGORIES,
  CONTENT_TYPES,
  DOCUMENT_TYPES,
  LIMITS,
  acceptedFormatsText,
  documentTypeSpec,
  formatLabel,
  labelInSentence,
  normalizeDetail,
  normalizedDetails,
  type ContentType,
} from './catalog.js';
import { repeatedCredentials } from './credential-identity.js';
import { checkDeaNumber } from './dea-number.js';
import { isIsoDate, writtenDate } from './dates.js';
import { fileNameProblem } from './file-name.js';
import { isUsJurisdiction } from './jurisdictions.js';
import { hiddenCharacterProblem } from './plain-text.js';

const MONEY = /^\d{1,12}(\.\d{2})?$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const isoDate = (what: string) => z.string({ error: `Enter the ${what} as YYYY-MM-DD.` }).check(z.refine(isIsoDate, { message: `Enter a real ${what} as YYYY-MM-DD.` }));

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/**
 * Taken as sent, not copied key by key: a copy (zod's record) drops an own "__proto__" key, which
 * JSON.parse keeps, so it would slip through unrefused. The document's check then refuses every
 * key its type does not have, that one included; only the type's own fields are kept.
 */
const detailsSchema = z
  .custom<Record<string, string>>(isPlainObject, { error: 'Send the details as an object of field names and values.' })
  .check(
    z.superRefine((details, ctx) => {
      for (const [key, value] of Object.entries(details)) {
        // Ends the document's checks, which read every value as text.
        if (typeof value !== 'string') ctx.addIssue({ code: 'custom', path: [key], message: 'Enter this value as text.', continue: false });
      }
    }),
  );

const documentFields = z.strictObject(
  {
    documentType: z.enum(DOCUMENT_TYPES, {
      error: `Choose a document type: ${DOCUMENT_TYPES.join(', ')}.`,
    }),
    category: z.optional(z.enum(CATEGORIES, { error: `Category must be one of ${CATEGORIES.join(', ')}.` })),
    fileName: z.string({ error: 'Enter the file name.' }),
    contentType: z.enum(CONTENT_TYPES as [ContentType, ...ContentType[]], {
      error: 'This file format is not accepted. Upload a PDF, JPEG, PNG, TIFF or (for a CV) DOCX file.',
    }),
    sizeBytes: z.number({ error: 'File size must be a number of bytes.' }).check(
      z.int('File size must be a whole number of bytes.'),
      z.positive('The file is empty. Choose the file again.'),
      z.maximum(LIMITS.maxFileBytes, `The file is larger than ${LIMITS.maxFileBytes / 1024 / 1024} MB. Upload a smaller scan or PDF.`),
    ),
    sha256: z.pipe(
      z.string({ error: 'The file checksum is missing.' }).check(z.regex(SHA256_HEX, 'The file checksum must be 64 hexadecimal characters (SHA-256).')),
      z.transform((value: string) => value.toLowerCase()),
    ),
    issueDate: isoDate('issue date'),
    expirationDate: z.optional(z.nullable(isoDate('expiration date'))),
    issuingAuthority: z._default(
      z
        .string({ error: 'Enter the issuing authority as text.' })
        .check(z.trim(), z.maxLength(LIMITS.maxIssuingAuthorityLength, `Issuing authority must be at most ${LIMITS.maxIssuingAuthorityLength} characters.`)),
      '',
    ),
    details: z._default(detailsSchema, {}),
    replacesDocumentId: z.optional(
      z
        .string({ error: 'Name the document this one replaces by its document id.' })
        .check(z.regex(DOCUMENT_ID, 'This is not a document id. Open the document in My credentials and choose Renew or Replace.')),
    ),
  },
  { error: 'Send each document as an object with its details.' },
);

export function documentInputSchema(today: string) {
  const checked = documentFields.check(
    z.superRefine((doc, ctx) => {
      const spec = documentTypeSpec(doc.documentType);
      const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

      if (doc.category !== undefined && doc.category !== spec.category) {
        issue(['category'], `A ${spec.label} belongs to category ${spec.category}, not ${doc.category}.`);
      }
      const nameProblem = fileNameProblem(doc.fileName);
      if (nameProblem) issue(['fileName'], nameProblem);
      if (!spec.formats.includes(doc.contentType)) {
        issue(['contentType'], `${formatLabel(doc.contentType)} files are not accepted for a ${spec.label}. Accepted formats: ${acceptedFormatsText(doc.documentType)}.`);
      }
      const authorityHidden = hiddenCharacterProblem(doc.issuingAuthority);
      if (spec.issuingAuthorityRequired && doc.issuingAuthority.length === 0) {
        issue(['issuingAuthority'], `Enter the issuing authority: ${labelInSentence(spec.issuingAuthorityHint ?? 'who issued it')}.`);
      } else if (authorityHidden) {
        issue(['issuingAuthority'], `Issuing authority ${authorityHidden}. Retype it as plain text.`);
      }

      const issueDateValid = isIsoDate(doc.issueDate);
      if (issueDateValid && doc.issueDate > today) {
        issue(['issueDate'], `The ${spec.issueDateLabel.toLowerCase()} cannot be in the future.`);
      }
      const expiration = doc.expirationDate ?? null;
      if (spec.expiration === 'none' && expiration !== null) {
        issue(['expirationDate'], `A ${spec.label} has no expiration date. Leave it empty.`);
      } else if (spec.expiration === 'required' && expiration === null) {
        issue(['expirationDate'], `Enter the expiration date of the ${spec.label}.`);
      } else if (expiration !== null && isIsoDate(expiration)) {
        if (issueDateValid && expiration <= doc.issueDate) {
          issue(['expirationDate'], 'Expiration date must be after the issue date.');
        } else if (expiration < today) {
          issue(['expirationDate'], `This ${spec.label} expired on ${writtenDate(expiration)}. Upload the current, renewed document.`);
        }
      }

      const known = new Set(spec.fields.map((field) => field.name));
      for (const key of Object.keys(doc.details)) {
        if (!known.has(key)) issue(['details', key], `A ${spec.label} has no field "${key.slice(0, 40)}".`);
      }
      for (const field of spec.fields) {
        const value = normalizeDetail(field.kind, doc.details[field.name] ?? '');
        const path = ['details', field.name];
        if (value.length === 0) {
          if (field.required) issue(path, `${field.kind === 'jurisdiction' ? 'Choose' : 'Enter'} the ${labelInSentence(field.label)}.`);
          continue;
        }
        const hidden = hiddenCharacterProblem(value);
        if (value.length > field.maxLength) {
          issue(path, `${field.label} must be at most ${field.maxLength} characters.`);
        } else if (hidden) {
          issue(path, `${field.label} ${hidden}. Retype it as plain text.`);
        } else if (field.kind === 'jurisdiction' && !isUsJurisdiction(value)) {
          issue(path, 'Choose a US state or territory (two-letter code, e.g. CA).');
        } else if (field.kind === 'deaNumber') {
          const check = checkDeaNumber(value);
          if (check === 'shape') issue(path, 'A DEA number is 2 letters followed by 7 digits, e.g. AB1234563.');
          if (check === 'checkDigit') issue(path, 'This DEA number is not valid (its check digit does not match). Check it against your certificate.');
        } else if (field.kind === 'money' && !MONEY.test(value)) {
          issue(path, `${field.label} must be an amount in dollars, e.g. $1,000,000.`);
        }
      }
    }),
  );
  return z.pipe(
    checked,
    z.transform((doc: z.output<typeof documentFields>) => {
      const spec = documentTypeSpec(doc.documentType);
      const details = normalizedDetails(doc.documentType, doc.details);
      return {
        documentType: doc.documentType,
        category: spec.category,
        fileName: doc.fileName,
        contentType: doc.contentType,
        sizeBytes: doc.sizeBytes,
        sha256: doc.sha256,
        issueDate: doc.issueDate,
        expirationDate: doc.expirationDate ?? null,
        issuingAuthority: doc.issuingAuthority,
        details,
        replacesDocumentId: doc.replacesDocumentId ?? null,
      };
    }),
  );
}

/** A caller-chosen token that makes a create safe to repeat (a UUID fits). */
const CLIENT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const CLIENT_TOKEN_RULE = 'Send clientToken as 16 to 64 letters, digits, hyphens or underscores (a UUID fits), or leave it out.';

export function createSubmissionRequestSchema(today: string) {
  return z.strictObject(
    {
      documents: z.array(documentInputSchema(today), { error: 'Add your documents as a list.' }).check(
        z.minLength(LIMITS.minDocuments, 'Add at least one document.'),
        z.maxLength(LIMITS.maxDocuments, `A submission holds at most ${LIMITS.maxDocuments} documents. Submit the rest separately.`),
        z.superRefine((documents, ctx) => {
          const seen = new Set<string>();
          documents.forEach((doc, index) => {
            if (!doc.replacesDocumentId) return;
            if (seen.has(doc.replacesDocumentId)) {
              ctx.addIssue({ code: 'custom', path: [index, 'replacesDocumentId'], message: 'Another document of this submission already replaces that document. Each document is replaced by one new version.' });
            }
            seen.add(doc.replacesDocumentId);
          });
          for (const repeat of repeatedCredentials(documents)) ctx.addIssue({ code: 'custom', path: [repeat.index, 'details', repeat.field], message: repeat.message });
        }),
      ),
      clientToken: z.optional(z.string({ error: CLIENT_TOKEN_RULE }).check(z.regex(CLIENT_TOKEN_PATTERN, CLIENT_TOKEN_RULE))),
    },
    { error: 'Send a JSON object with a "documents" list.' },
  );
}

export type DocumentInput = z.output<ReturnType<typeof documentInputSchema>>;
export type CreateSubmissionRequest = z.output<ReturnType<typeof createSubmissionRequestSchema>>;

export type { FieldProblem };

/** The contract's create body is exactly what this schema accepts (fails to compile otherwise). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _bodyMatchesContract: Same<z.input<ReturnType<typeof createSubmissionRequestSchema>>, CreateSubmissionBody> = true;
void _bodyMatchesContract;

export function toFieldProblems(error: z.core.$ZodError): FieldProblem[] {
  const pathOf = (path: PropertyKey[]) => path.map(String).join('.') || '(body)';
  return error.issues.flatMap((issue) =>
    // One problem per unknown field, at that field's own path.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: `"${key.slice(0, 40)}" is not a field of this request. Remove it.` }))
      : [{ path: pathOf(issue.path), message: issue.message }],
  );
}

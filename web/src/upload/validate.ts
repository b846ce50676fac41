/**
 * Form validation with the API's own schema (`documentInputSchema`), so the portal says exactly
 * what the API would, before anything is sent. The file's state (`fileState`) is the one the
 * card, the checklist and the resolver all read.
 */
import type { FieldError, FieldErrors, Resolver } from 'react-hook-form';
import { LIMITS, acceptedFormatsText, documentTypeSpec, normalizeDetail } from '../../../src/domain/catalog.js';
import { repeatedCredentials } from '../../../src/domain/credential-identity.js';
import { documentInputSchema } from '../../../src/domain/metadata-schema.js';
import { formatBytes, today } from '../format.js';
import { fileFor, type DraftDocument, type DraftForm, type FileMeta } from './draft.js';

const PLACEHOLDER_SHA256 = '0'.repeat(64);
const FILE_PATHS = new Set(['fileName', 'contentType', 'sizeBytes', 'sha256']);

export { today } from '../format.js';

/** Why a chosen file cannot be sent for this document type, checked before any upload. */
export function fileProblem(doc: Pick<DraftDocument, 'documentType'>, meta: FileMeta): string | null {
  if (meta.problem) return meta.problem;
  const spec = documentTypeSpec(doc.documentType);
  const accepted = `Accepted formats for a ${spec.label}: ${acceptedFormatsText(doc.documentType)}.`;
  if (!meta.contentType) return `“${meta.name}” is not a file type we accept. ${accepted}`;
  if (!spec.formats.includes(meta.contentType)) return `This file type is not accepted for a ${spec.label}. ${accepted}`;
  if (meta.size === 0) return 'This file is empty. Choose the file again.';
  if (meta.size > LIMITS.maxFileBytes) return `This file is ${formatBytes(meta.size)}; the limit is ${formatBytes(LIMITS.maxFileBytes)}. Upload a smaller scan or PDF.`;
  return null;
}

export type FileState = 'missing' | 'lost' | 'converting' | 'refused' | 'ready';

/** Where a card's file stands: nothing chosen, chosen but no longer held, being converted, refused, or ready to send. */
export function fileState(doc: Pick<DraftDocument, 'key' | 'documentType' | 'file' | 'lostFile'>): FileState {
  if (!doc.file) return doc.lostFile ? 'lost' : 'missing';
  if (doc.file.converting) return 'converting';
  if (fileProblem(doc, doc.file)) return 'refused';
  return fileFor(doc.key) ? 'ready' : 'lost';
}

export function fileMessage(doc: DraftDocument): string | null {
  const spec = documentTypeSpec(doc.documentType);
  switch (fileState(doc)) {
    case 'missing':
      return `Choose the ${spec.label} file to upload.`;
    case 'lost':
      return `Choose “${(doc.lostFile ?? doc.file)!.name}” again: this browser no longer has the file.`;
    case 'converting':
      return 'Wait a moment: the photo is being converted to JPEG.';
    case 'refused':
      return fileProblem(doc, doc.file!);
    case 'ready':
      return null;
  }
}

/** A card's details as the API will read them. */
function normalizedCardDetails(doc: Pick<DraftDocument, 'documentType' | 'details'>): Record<string, string> {
  const details: Record<string, string> = {};
  for (const field of documentTypeSpec(doc.documentType).fields) details[field.name] = normalizeDetail(field.kind, doc.details[field.name] ?? '');
  return details;
}

/** Field path inside a card (e.g. `issueDate`, `details.deaNumber`, `file`) → message. */
export function validateDocument(doc: DraftDocument, todayIso: string): Map<string, string> {
  const problems = new Map<string, string>();
  const spec = documentTypeSpec(doc.documentType);
  const fileProblemText = fileMessage(doc);
  if (fileProblemText) problems.set('file', fileProblemText);
  if (!doc.issueDate) problems.set('issueDate', `Enter the ${spec.issueDateLabel.toLowerCase()}.`);

  const details = normalizedCardDetails(doc);
  const result = documentInputSchema(todayIso).safeParse({
    documentType: doc.documentType,
    fileName: doc.file?.name ?? 'document.pdf',
    contentType: doc.file?.contentType ?? spec.formats[0],
    sizeBytes: doc.file?.size || 1,
    sha256: PLACEHOLDER_SHA256,
    // A missing issue date is reported above; an old stand-in keeps other checks meaningful.
    issueDate: doc.issueDate || '1900-01-01',
    expirationDate: spec.expiration === 'none' || !doc.expirationDate ? null : doc.expirationDate,
    issuingAuthority: doc.issuingAuthority,
    details,
  });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const first = String(issue.path[0] ?? '');
      const path = FILE_PATHS.has(first) ? 'file' : issue.path.map(String).join('.');
      if (!problems.has(path)) problems.set(path, issue.message);
    }
  }
  return problems;
}

/** API error paths (`documents.2.expirationDate`) → form field names (`documents.2.expirationDate`). */
export function formFieldForApiPath(path: string): string | null {
  const match = /^documents\.(\d+)\.(.+)$/.exec(path);
  if (!match) return null;
  const [, index, rest] = match;
  const first = rest!.split('.')[0]!;
  if (FILE_PATHS.has(first) || first === 'category' || first === 'documentType') return `documents.${index}.file`;
  return `documents.${index}.${rest}`;
}

/**
 * Where the API's own check put each problem: beside its field, or (the document it replaces is
 * not a field, nor is a path the form does not know) in the summary under the card's title.
 */
export function placeApiProblems(details: readonly { path: string; message: string }[], titles: readonly string[]): { fields: { field: string; message: string }[]; unplaced: string[] } {
  const fields: { field: string; message: string }[] = [];
  const unplaced: string[] = [];
  for (const detail of details) {
    const index = Number(detail.path.split('.')[1]);
    if (titles[index] === undefined) continue;
    const field = formFieldForApiPath(detail.path);
    if (field && !detail.path.endsWith('.replacesDocumentId')) fields.push({ field, message: detail.message });
    else unplaced.push(`${titles[index]}: ${detail.message}`);
  }
  return { fields, unplaced };
}

function setError(errors: FieldErrors<DraftForm>, index: number, path: string, message: string): void {
  const documents = ((errors as Record<string, unknown>).documents ??= []) as Record<string, unknown>[];
  let node = (documents[index] ??= {});
  const parts = path.split('.');
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]!] = { type: 'validate', message } satisfies FieldError;
}

export const draftResolver: Resolver<DraftForm> = async (values) => {
  const errors: FieldErrors<DraftForm> = {};
  const todayIso = today();
  values.documents.forEach((doc, index) => {
    for (const [path, message] of validateDocument(doc, todayIso)) setError(errors, index, path, message);
  });
  const typed = values.documents.map((doc) => ({ ...doc, details: normalizedCardDetails(doc) }));
  for (const repeat of repeatedCredentials(typed)) {
    if (!errors.documents?.[repeat.index]?.details?.[repeat.field]) setError(errors, repeat.index, `details.${repeat.field}`, repeat.message);
  }
  return Object.keys(errors).length > 0 ? { values: {}, errors } : { values, errors: {} };
};

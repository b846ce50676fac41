/**
 * The upload form's model: one draft per provider, its metadata kept in sessionStorage so an
 * expired session or a reload loses nothing she typed. File objects cannot be serialized; they
 * live in memory (kept across in-app navigation, e.g. a trip to sign-in) keyed by card.
 */
import { CATALOG, DOCUMENT_TYPES, FILE_FORMATS, type ContentType, type DocumentType } from '../../../src/domain/catalog.js';
import type { CreateDocumentBody, DocumentView, SubmissionView } from '../api/types.js';

export interface FileMeta {
  name: string;
  size: number;
  /** From the extension (browsers often leave `type` empty for DOCX/TIFF); null if unknown. */
  contentType: ContentType | null;
}

export interface DraftDocument {
  key: string;
  documentType: DocumentType;
  issueDate: string;
  expirationDate: string;
  issuingAuthority: string;
  details: Record<string, string>;
  file: FileMeta | null;
  /** Why the previous attempt's file was refused (resubmission after REJECTED, or the reviewer's reason). */
  previousIssues: string[];
  /**
   * The document this one replaces (the "Send a replacement" action). Kept with the draft; the
   * create request gains `replacesDocumentId` once the API accepts it (DESIGN §4.2).
   */
  replacesDocumentId?: string;
}

export interface DraftForm {
  documents: DraftDocument[];
  /** The REJECTED submission this draft fixes, if any. */
  origin?: { submissionId: string; referenceNumber: string | null };
  /** The rejected document this draft replaces, if any, and why it was rejected. */
  replacing?: { documentId: string; documentType: DocumentType; fileName: string; referenceNumber: string | null; reason: string | null };
}

const files = new Map<string, File>();

export function rememberFile(key: string, file: File | null): void {
  if (file) files.set(key, file);
  else files.delete(key);
}

export function fileFor(key: string): File | undefined {
  return files.get(key);
}

/** Files of a created submission, in document order, so a REJECTED one can be resent. */
const submissionFiles = new Map<string, (File | undefined)[]>();

export function rememberSubmissionFiles(submissionId: string, keys: string[]): void {
  submissionFiles.set(submissionId, keys.map((key) => files.get(key)));
}

export function newKey(): string {
  return crypto.randomUUID();
}

export function emptyDocument(documentType: DocumentType): DraftDocument {
  return {
    key: newKey(),
    documentType,
    issueDate: '',
    expirationDate: '',
    issuingAuthority: '',
    details: {},
    file: null,
    previousIssues: [],
  };
}

export function freshDraft(): DraftForm {
  return { documents: DOCUMENT_TYPES.map(emptyDocument) };
}

export function contentTypeOf(fileName: string): ContentType | null {
  const lower = fileName.toLowerCase();
  for (const [contentType, format] of Object.entries(FILE_FORMATS)) {
    if (format.extensions.some((extension) => lower.endsWith(extension))) return contentType as ContentType;
  }
  return null;
}

export function describeFile(file: File): FileMeta {
  return { name: file.name, size: file.size, contentType: contentTypeOf(file.name) };
}

/** The picker's accept attribute for a type: extensions and media types from the catalog. */
export function acceptAttribute(type: DocumentType): string {
  const spec = CATALOG.find((entry) => entry.type === type);
  return (spec?.formats ?? []).flatMap((contentType) => [...FILE_FORMATS[contentType].extensions, contentType]).join(',');
}

const draftKey = (username: string) => `credentialing.draft.${username}`;

export function loadDraft(username: string): DraftForm | null {
  try {
    const raw = sessionStorage.getItem(draftKey(username));
    if (!raw) return null;
    const draft = JSON.parse(raw) as DraftForm;
    return Array.isArray(draft.documents) && draft.documents.length > 0 ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(username: string, draft: DraftForm): void {
  try {
    sessionStorage.setItem(draftKey(username), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the form still works, it just will not survive a reload.
  }
}

export function clearDraft(username: string, draft?: DraftForm): void {
  sessionStorage.removeItem(draftKey(username));
  for (const doc of draft?.documents ?? []) files.delete(doc.key);
}

/**
 * A draft rebuilt from a REJECTED submission: every document's metadata is kept; files the
 * browser still holds are reused, the refused ones are cleared with the reason beside them.
 */
export function draftFromRejected(submission: SubmissionView): DraftForm {
  const kept = submissionFiles.get(submission.submissionId) ?? [];
  return {
    origin: { submissionId: submission.submissionId, referenceNumber: submission.referenceNumber },
    documents: submission.documents.map((doc, index) => {
      const key = newKey();
      const refused = doc.issues.length > 0 || doc.status === 'INVALID';
      const file = refused ? undefined : kept[index];
      if (file) files.set(key, file);
      return {
        key,
        documentType: doc.documentType,
        issueDate: doc.issueDate,
        expirationDate: doc.expirationDate ?? '',
        issuingAuthority: doc.issuingAuthority,
        details: { ...doc.details },
        file: file ? describeFile(file) : refused ? null : { name: doc.fileName, size: doc.sizeBytes, contentType: doc.contentType },
        previousIssues: doc.issues.map((issue) => issue.message),
      };
    }),
  };
}

/**
 * A draft for replacing one document the credentialing team could not verify: its type and
 * details are filled in (dates too, unless it was rejected as expired), the file is chosen anew.
 */
export function draftForReplacement(submission: SubmissionView, doc: DocumentView): DraftForm {
  const expired = doc.review?.reasonCode === 'EXPIRED';
  return {
    replacing: { documentId: doc.documentId, documentType: doc.documentType, fileName: doc.fileName, referenceNumber: submission.referenceNumber, reason: doc.review?.reason ?? null },
    documents: [
      {
        ...emptyDocument(doc.documentType),
        issueDate: expired ? '' : doc.issueDate,
        expirationDate: expired ? '' : (doc.expirationDate ?? ''),
        issuingAuthority: doc.issuingAuthority,
        details: { ...doc.details },
        replacesDocumentId: doc.documentId,
      },
    ],
  };
}

export function toCreateDocument(doc: DraftDocument, file: File, sha256: string): CreateDocumentBody {
  const spec = CATALOG.find((entry) => entry.type === doc.documentType)!;
  const details: Record<string, string> = {};
  for (const field of spec.fields) {
    const value = normalizeDetail(field.kind, doc.details[field.name] ?? '');
    if (value) details[field.name] = value;
  }
  return {
    documentType: doc.documentType,
    fileName: file.name,
    contentType: contentTypeOf(file.name)!,
    sizeBytes: file.size,
    sha256,
    issueDate: doc.issueDate,
    ...(spec.expiration !== 'none' && doc.expirationDate ? { expirationDate: doc.expirationDate } : {}),
    issuingAuthority: doc.issuingAuthority.trim(),
    details,
  };
}

export function normalizeDetail(kind: string, value: string): string {
  const trimmed = value.trim();
  if (kind === 'deaNumber' || kind === 'jurisdiction') return trimmed.toUpperCase();
  if (kind === 'money') return trimmed.replace(/[$,\s]/g, '');
  return trimmed;
}
